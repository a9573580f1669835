"""Importing people from CSV and XLSX: every validation error, all-or-nothing, updates in place."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.contrib.auth.models import User
from openpyxl import Workbook

from skillframe.audit.models import AuditEvent
from skillframe.frameworks.formats.base import FormatError, Problem
from skillframe.people.models import OrgUnit, Person
from skillframe.people.people_files import PersonRow
from skillframe.people.people_import import Directory, KnownPerson, import_people, validate
from tests.people.helpers import ops_hr

HEADER = "employee_id,name,email,job_title,unit,manager_employee_id"


def csv_file(*lines: str, header: str = HEADER, newline: str = "\n", bom: bool = False) -> Any:
    text = newline.join([header, *lines]) + newline
    return io.BytesIO(("\ufeff" if bom else "").encode() + text.encode())


def xlsx_file(rows: list[list[object]]) -> io.BytesIO:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


def state() -> list[tuple[Any, ...]]:
    """Everything an import may change, to prove a refused import changed nothing."""
    return list(
        Person.objects.order_by("employee_id").values_list(
            "employee_id",
            "user__username",
            "user__first_name",
            "user__last_name",
            "user__email",
            "job_title",
            "unit__code",
            "manager__employee_id",
        )
    )


def refused(data: Any, actor: Any = None, scope_user: Any = None) -> list[Problem]:
    before = state(), User.objects.count(), AuditEvent.objects.count()
    with pytest.raises(FormatError) as error:
        import_people(data, actor=actor, scope_user=scope_user)
    assert (state(), User.objects.count(), AuditEvent.objects.count()) == before
    return error.value.problems


def only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, problems
    return problems[0]


def test_import_creates_people_and_accounts(personas: Any) -> None:
    User.objects.create_user("gina", "other@example.org")  # the local part "gina" is taken
    summary = import_people(
        csv_file(
            "E-201,Frank Fisher,frank@example.org,Analyst,delivery,E-bob",
            "E-202,Gina van der Berg,Gina@Example.org,,operations,E-201",
        ),
        actor=personas.carol.user,
        scope_user=personas.carol.user,
        source="upload people.csv",
    )
    assert (summary.created, summary.updated, summary.unchanged) == (2, 0, 0)
    assert summary.accounts == [("E-201", "frank"), ("E-202", "gina-2")]
    frank = Person.objects.select_related("user", "manager").get(employee_id="E-201")
    gina = Person.objects.select_related("user", "manager").get(employee_id="E-202")
    assert (frank.user.first_name, frank.user.last_name, frank.job_title) == (
        "Frank",
        "Fisher",
        "Analyst",
    )
    assert frank.manager == personas.bob
    assert gina.manager == frank  # a manager created by the same file
    assert gina.user.get_full_name() == "Gina van der Berg"
    assert gina.unit == personas.operations
    assert not frank.user.has_usable_password() and frank.user.is_active
    event = AuditEvent.objects.get(action="people.import")
    assert event.actor == personas.carol.user
    assert event.target == "upload people.csv"
    assert event.data == {"created": 2, "updated": 0, "unchanged": 0}


def test_reimport_updates_in_place(personas: Any) -> None:
    lines = [
        "E-alice,Alice Archer,alice@example.org,Project manager,delivery,E-bob",
        "E-eve,Eve Evans-Smith,eve.smith@example.org,Service lead,delivery,E-bob",
        "E-dave,Dave Dunn,dave@example.org,NOS assessor,operations,",
    ]
    alice_user = personas.alice.user_id
    summary = import_people(csv_file(*lines), actor=None, scope_user=None)
    assert (summary.created, summary.updated, summary.unchanged) == (0, 1, 2)
    eve = Person.objects.select_related("user", "manager").get(employee_id="E-eve")
    assert eve.pk == personas.eve.pk and eve.user_id == personas.eve.user_id
    assert eve.user.username == "eve"  # the account keeps its username
    assert (eve.user.get_full_name(), eve.user.email, eve.job_title) == (
        "Eve Evans-Smith",
        "eve.smith@example.org",
        "Service lead",
    )
    assert (eve.unit, eve.manager) == (personas.delivery, personas.bob)
    assert Person.objects.get(employee_id="E-alice").user_id == alice_user
    # The same file again changes nothing.
    summary = import_people(csv_file(*lines), actor=None, scope_user=None)
    assert (summary.created, summary.updated, summary.unchanged) == (0, 0, 3)


def test_empty_manager_cell_removes_the_manager_and_missing_columns_keep_fields(
    personas: Any,
) -> None:
    import_people(
        csv_file(
            "E-alice,Alice Archer,alice@example.org,delivery",
            header="employee_id,name,email,unit",
        ),
        actor=None,
        scope_user=None,
    )
    alice = Person.objects.get(pk=personas.alice.pk)
    assert (alice.manager, alice.job_title) == (personas.bob, "Project manager")
    import_people(
        csv_file("E-alice,Alice Archer,alice@example.org,Project manager,delivery,"),
        actor=None,
        scope_user=None,
    )
    assert Person.objects.get(pk=personas.alice.pk).manager is None


def test_csv_with_bom_semicolons_crlf_and_loose_headers(personas: Any) -> None:
    data = csv_file(
        "E-301;Hal Hughes;hal@example.org;Engineer;delivery;E-bob",
        header="Employee ID;Name;E-mail;Job Title;Unit;Manager Employee ID",
        newline="\r\n",
        bom=True,
    )
    summary = import_people(data, actor=None, scope_user=None)
    assert summary.created == 1
    hal = Person.objects.select_related("user").get(employee_id="E-301")
    assert (hal.user.email, hal.job_title, hal.manager) == (
        "hal@example.org",
        "Engineer",
        personas.bob,
    )


def test_xlsx(personas: Any) -> None:
    data = xlsx_file(
        [
            ["EMPLOYEE_ID", "name", "email", "job title", "unit", "manager employee id"],
            [401, "Ida Irwin", "ida@example.org", "Tester", "operations", None],
            [None, None, None, None, None, None],
            ["E-eve", "Eve Evans", "eve@example.org", "Service manager", "operations", 401],
        ]
    )
    summary = import_people(data, actor=None, scope_user=None)
    assert (summary.created, summary.updated, summary.unchanged) == (1, 1, 0)
    ida = Person.objects.get(employee_id="401")  # a number in the sheet, an id as text
    assert Person.objects.get(employee_id="E-eve").manager == ida


def test_xlsx_problems_name_the_spreadsheet_row(personas: Any) -> None:
    data = xlsx_file(
        [
            ["employee id", "name", "email", "unit"],
            [None, None, None, None],
            ["E-401", "Ida Irwin", "ida@example.org", "nowhere"],
        ]
    )
    problem = only(refused(data))
    assert (problem.where, problem.field, problem.value) == ("row 3", "unit", "nowhere")


# One bad cell per file: (row, what the file says, column, value, words in the message).
ROW_ERRORS = [
    ("E-501,Jo Jones,jo@example.org,,nowhere,", "unit", "nowhere", "unknown unit"),
    (
        "E-501,Jo Jones,jo@example.org,,delivery,E-ghost",
        "manager_employee_id",
        "E-ghost",
        "unknown manager",
    ),
    (
        "E-501,Jo Jones,jo@example.org,,delivery,E-501",
        "manager_employee_id",
        "E-501",
        "own manager",
    ),
    ("E-501,Jo Jones,not-an-email,,delivery,", "email", "not-an-email", "not a valid e-mail"),
    ("E-501,Jo Jones,Eve@Example.org,,delivery,", "email", "Eve@Example.org", "another account"),
    (",Jo Jones,jo@example.org,,delivery,", "employee_id", "", "required"),
    ("E-501,,jo@example.org,,delivery,", "name", "", "required"),
    ("E-501,Jo Jones,,,delivery,", "email", "", "required"),
    ("E-501,Jo Jones,jo@example.org,,,", "unit", "", "required"),
    ("E 501,Jo Jones,jo@example.org,,delivery,", "employee_id", "E 501", "not a valid employee id"),
    ("new,Jo Jones,jo@example.org,,delivery,", "employee_id", "new", "reserved"),
    ("E-501,Jo Jones,jo@example.org," + "x" * 256 + ",delivery,", "job_title", "x" * 256, "255"),
]


@pytest.mark.parametrize(("line", "column", "value", "words"), ROW_ERRORS)
def test_each_row_error_is_reported_with_row_column_and_value(
    personas: Any, line: str, column: str, value: str, words: str
) -> None:
    data = csv_file("E-500,Kim Kay,kim@example.org,,delivery,", line)
    problem = only(refused(data))
    assert (problem.where, problem.field, problem.value) == ("row 3", column, value)
    assert words in problem.message


def test_duplicates_in_the_file(personas: Any) -> None:
    problems = refused(
        csv_file(
            "E-601,Lee Lamb,lee@example.org,,delivery,",
            "E-602,Max Moss,LEE@example.org,,delivery,",
            "",
            "E-601,Lee Lamb,lee2@example.org,,delivery,",
        )
    )
    assert [(p.where, p.field, p.value) for p in problems] == [
        ("row 3", "email", "LEE@example.org"),
        ("row 5", "employee_id", "E-601"),
    ]
    assert "row 2" in problems[0].message and "row 2" in problems[1].message


def test_manager_cycle_across_database_and_file(personas: Any) -> None:
    # Alice reports to Bob in the database; the file makes Bob report to a new person who
    # reports to Alice: Bob → Nia → Alice → Bob.
    problems = refused(
        csv_file(
            "E-701,Nia Noon,nia@example.org,,delivery,E-alice",
            "E-bob,Bob Baker,bob@example.org,Delivery lead,delivery,E-701",
        )
    )
    assert [(p.where, p.field, p.value) for p in problems] == [
        ("row 2", "manager_employee_id", "E-alice"),
        ("row 3", "manager_employee_id", "E-701"),
    ]
    assert "E-bob → E-701 → E-alice → E-bob" in problems[1].message


def test_every_problem_of_a_file_is_reported_at_once(personas: Any) -> None:
    problems = refused(
        csv_file(
            "E-801,Ola Ord,ola@example.org,,nowhere,",
            "E-802,Pat Page,bad-mail,,delivery,E-ghost",
            "E-803,Quin Quay,quin@example.org,,delivery,",
        )
    )
    assert [(p.where, p.field) for p in problems] == [
        ("row 2", "unit"),
        ("row 3", "email"),
        ("row 3", "manager_employee_id"),
    ]
    assert not Person.objects.filter(employee_id="E-803").exists()  # valid rows wait too


def test_header_problems(personas: Any) -> None:
    problems = refused(
        csv_file("E-1,A B,a@example.org,x", header="employee id,name,mail,unit,unit")
    )
    assert [(p.where, p.field, p.message.split(" (")[0]) for p in problems] == [
        ("row 1", "mail", "unknown column"),
        ("row 1", "unit", "duplicate column"),
        ("row 1", "email", "required column is missing"),
    ]


def test_file_level_problems(personas: Any) -> None:
    assert "empty" in only(refused(io.BytesIO(b""))).message
    assert "no people rows" in only(refused(csv_file())).message
    not_utf8 = io.BytesIO(HEADER.encode() + b"\nE-1,Zo\xe9 Z,z@example.org,,delivery,\n")
    problem = only(refused(not_utf8))
    assert (problem.where, "UTF-8" in problem.message) == ("line 2", True)
    problem = only(refused(csv_file("E-1,A B,a@example.org,,delivery,,surplus")))
    assert (problem.where, problem.value) == ("row 2", "surplus")
    assert "not an xlsx workbook" in only(refused(io.BytesIO(b"PK\x03\x04broken"))).message


def test_import_is_limited_to_the_importers_hr_scope(personas: Any) -> None:
    olga = ops_hr(personas)
    problems = refused(
        csv_file(
            "E-901,Ray Reed,ray@example.org,,delivery,",
            "E-alice,Alice Archer,alice@example.org,,operations,",
            "E-902,Sam Shaw,sam@example.org,,operations,E-bob",
        ),
        actor=olga.user,
        scope_user=olga.user,
    )
    assert [(p.where, p.field, p.value) for p in problems] == [
        ("row 2", "unit", "delivery"),
        ("row 3", "employee_id", "E-alice"),
        ("row 4", "manager_employee_id", "E-bob"),
    ]
    assert all("outside your HR scope" in p.message for p in problems[:2])
    # Issue 10 item 4: a manager, too, must be in the importer's scope (E-bob is in Delivery).
    assert "manager must be someone in your HR scope" in problems[2].message
    summary = import_people(
        csv_file("E-902,Sam Shaw,sam@example.org,,operations,E-eve"),
        actor=olga.user,
        scope_user=olga.user,
    )
    assert summary.created == 1


def test_an_email_given_up_by_another_row_may_be_taken(personas: Any) -> None:
    summary = import_people(
        csv_file(
            "E-eve,Eve Evans,eve.new@example.org,,operations,",
            "E-950,Tom Tate,eve@example.org,,operations,",
        ),
        actor=None,
        scope_user=None,
    )
    assert (summary.created, summary.updated) == (1, 1)
    assert Person.objects.get(employee_id="E-950").user.email == "eve@example.org"


def test_dry_run_counts_and_changes_nothing(personas: Any) -> None:
    before = state()
    summary = import_people(
        csv_file("E-960,Uma Udo,uma@example.org,,delivery,"),
        actor=None,
        scope_user=None,
        dry_run=True,
    )
    assert summary.created == 1
    assert state() == before
    assert not AuditEvent.objects.filter(action="people.import").exists()


def test_validate_is_pure() -> None:
    """No database: validation works on a snapshot."""
    directory = Directory(
        units={"hq": 1, "lab": 2},
        scope={"lab"},
        people={
            "A": KnownPerson(1, 10, "A", "Ann", "A", "ann@x.org", "", "lab", "B"),
            "B": KnownPerson(2, 11, "B", "Ben", "B", "ben@x.org", "", "lab", None),
        },
        email_owners={"ann@x.org": {10}, "ben@x.org": {11}},
        usernames={"ann", "ben"},
    )
    rows = [
        PersonRow(2, "B", "Ben B", "ben@x.org", "lab", manager_employee_id="A"),
        PersonRow(3, "C", "Cy C", "ann@x.org", "hq"),
    ]
    problems = validate(rows, directory, {"unit": "Unit"})
    assert [(p.where, p.field, p.value) for p in problems] == [
        ("row 2", "manager_employee_id", "A"),
        ("row 3", "email", "ann@x.org"),
        ("row 3", "Unit", "hq"),
    ]


def test_units_outside_any_scope_stay_untouched(personas: Any) -> None:
    OrgUnit.objects.create(code="lab", name="Lab")
    summary = import_people(
        csv_file("E-970,Val Vane,val@example.org,,lab,"), actor=None, scope_user=None
    )
    assert summary.created == 1
