"""Importing role profiles from CSV/XLSX: whole-file validation, atomic save, re-import."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.test import Client
from openpyxl import Workbook  # type: ignore[import-untyped]

from skillframe.audit.models import AuditEvent
from skillframe.frameworks.formats.base import FormatError, Problem
from skillframe.frameworks.loading import load_framework
from skillframe.frameworks.spec import ElementSpec, FrameworkSpec, ScaleLevelSpec
from skillframe.people.models import Person, RoleProfile, RoleRequirement
from skillframe.people.roles_import import import_roles, parse

HEADER = (
    "role code,role title,role description,element code,framework,target level,importance,weight"
)


def csv_file(*lines: str, bom: bool = False, sep: str = ",", eol: str = "\n") -> io.BytesIO:
    text = eol.join(line.replace(",", sep) for line in lines) + eol
    return io.BytesIO(("\ufeff" if bom else "").encode() + text.encode("utf-8"))


def xlsx_file(rows: list[list[object]], sheet: str = "roles") -> io.BytesIO:
    workbook = Workbook()
    workbook.active.title = sheet
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "roles.xlsx"
    return buffer


def problems_of(data: io.BytesIO) -> list[Problem]:
    with pytest.raises(FormatError) as caught:
        parse(data)
    return caught.value.problems


def requirements(code: str) -> list[tuple[str, int | None, str, float]]:
    return list(
        RoleRequirement.objects.filter(role__code=code)
        .order_by("position")
        .values_list("element__code", "target_level", "importance", "weight")
    )


def test_import_creates_roles_with_requirements_in_file_order(seeded: Any) -> None:
    data = csv_file(
        HEADER,
        "analyst,Business analyst,Finds what the business needs,BACM-SMC,,3,essential,2",
        "analyst,Business analyst,,INSML005,nos-ml,,desirable,",
        "analyst,,,PPM-PPL,axelos,4,,0.5",
        "lead,Team lead,,INSML011,,,Essential,1",
    )
    result = import_roles(data, source="roles.csv")
    assert (result.created, result.updated, result.requirements) == (["analyst", "lead"], [], 4)
    analyst = RoleProfile.objects.get(code="analyst")
    assert (analyst.title, analyst.description) == (
        "Business analyst",
        "Finds what the business needs",
    )
    assert requirements("analyst") == [
        ("BACM-SMC", 3, "essential", 2.0),
        ("INSML005", None, "desirable", 1.0),
        ("PPM-PPL", 4, "essential", 0.5),
    ]
    assert list(
        RoleRequirement.objects.filter(role=analyst).values_list("position", flat=True)
    ) == [1, 2, 3]
    event = AuditEvent.objects.get(action="roles.import")
    assert event.target == "roles.csv"
    assert event.data == {"created": ["analyst", "lead"], "updated": [], "requirements": 4}


def test_reimport_replaces_the_requirements_of_the_same_role_code(personas: Any) -> None:
    personas.pm.description = "Runs projects"
    personas.pm.save()
    data = csv_file(
        "role code,role title,element code,target level",
        "project-manager,Project manager (senior),PPM-PPL,4",
        "project-manager,,INSML005,",
    )
    result = import_roles(data)
    assert (result.created, result.updated) == ([], ["project-manager"])
    pm = RoleProfile.objects.get(code="project-manager")
    assert pm.pk == personas.pm.pk  # the same profile: holders keep it
    assert pm.title == "Project manager (senior)"
    assert pm.description == "Runs projects"  # no description column: kept
    assert requirements("project-manager") == [
        ("PPM-PPL", 4, "essential", 1.0),
        ("INSML005", None, "essential", 1.0),
    ]
    assert Person.objects.filter(current_role=pm).count() == 3
    assert requirements("team-leader") == [  # not in the file: untouched
        ("INSML005", None, "essential", 1.0),
        ("INSML011", None, "essential", 1.0),
    ]
    # With the description column, an empty description clears it.
    import_roles(csv_file(HEADER, "project-manager,Project manager,,PPM-PPL,,3,,"))
    pm.refresh_from_db()
    assert pm.description == ""


def test_utf8_bom_semicolons_crlf_and_decimal_commas(seeded: Any) -> None:
    # Built by hand: the row holds a decimal comma, which csv_file's separator swap would touch.
    data = io.BytesIO(
        "\ufeffrole_code;Role Title;element-code;target level;weight\r\n"
        "ops;Opérations “lead”;ITSM-CFM;2;1,5\r\n".encode()
    )
    import_roles(data)
    assert RoleProfile.objects.get(code="ops").title == "Opérations “lead”"
    assert requirements("ops") == [("ITSM-CFM", 2, "essential", 1.5)]


def test_xlsx_with_numbers_as_numbers(seeded: Any) -> None:
    data = xlsx_file(
        [
            ["Role code", "Role title", "Element code", "Target level", "Importance", "Weight"],
            ["pmo", "PMO analyst", "PPM-PMC", 2, "desirable", 3],
            [None, None, None, None, None, None],  # blank rows are skipped
            ["pmo", "PMO analyst", "INSML011", None, None, 1.25],
        ]
    )
    result = import_roles(data)
    assert result.requirements == 2
    assert requirements("pmo") == [
        ("PPM-PMC", 2, "desirable", 3.0),
        ("INSML011", None, "essential", 1.25),
    ]


def test_every_problem_is_reported_with_row_column_and_value(seeded: Any) -> None:
    data = csv_file(
        HEADER,
        "analyst,Analyst,,PPM-BCD,,3,essential,1",  # row 2: fine
        "analyst,,,NOPE-1,,3,essential,1",  # unknown element
        "analyst,,,PPM-PPL,,6,essential,1",  # level outside the scale
        "analyst,,,INSML005,,2,essential,1",  # level given for a NOS element
        "analyst,,,PPM-PMC,,3,vital,1",  # bad importance
        "analyst,,,PPM-POG,,3,essential,0",  # weight not positive
        "analyst,,,PPM-ABP,,3,essential,heavy",  # weight not a number
        "analyst,,,PPM-BCD,,4,desirable,1",  # duplicate role + element (row 2)
        "analyst,,,PPM-BCD.L3,,3,,",  # a level definition is no requirement
        "analyst,,,INSML011,elsewhere,,,",  # unknown framework
        ",No code,,INSML001,,,,",  # role code missing
        "new role,X,,INSML001,,,,",  # role code not a slug
        "analyst,Other title,,INSML002,,,,",  # a second, different title
        "analyst,,,LP-LTW,,three,,",  # level not a number
        "analyst,,,BACM-SMC,,,,",  # AXELOS element without a level
        "untitled,,,INSML001,,,,",  # a role with no title anywhere
        "analyst,,,ITSM-CFM,,3,,-2",  # negative weight
        "import,Import,,INSML001,,,,",  # a reserved code
    )
    found = [(p.where, p.field, p.value) for p in problems_of(data)]
    assert found == [
        ("row 3", "element code", "NOPE-1"),
        ("row 4", "target level", "6"),
        ("row 5", "target level", "2"),
        ("row 6", "importance", "vital"),
        ("row 7", "weight", "0"),
        ("row 8", "weight", "heavy"),
        ("row 9", "element code", "PPM-BCD"),
        ("row 10", "element code", "PPM-BCD.L3"),
        ("row 11", "framework", "elsewhere"),
        ("row 12", "role code", ""),
        ("row 13", "role code", "new role"),
        ("row 14", "role title", "Other title"),
        ("row 15", "target level", "three"),
        ("row 16", "target level", ""),
        ("row 18", "weight", "-2"),
        ("row 19", "role code", "import"),
        ("file", "role title", ""),
    ]
    messages = {p.where: p.message for p in problems_of(data)}
    assert "no element has the code 'NOPE-1'" in messages["row 3"]
    assert "not on the scale of axelos (1–5)" in messages["row 4"]
    assert "nos-ml has no level scale" in messages["row 5"]
    assert "essential or desirable" in messages["row 6"]
    assert "not a positive number" in messages["row 7"]
    assert "already requires PPM-BCD on row 2" in messages["row 9"]
    assert "is a level" in messages["row 10"]
    assert "there is no framework 'elsewhere'" in messages["row 11"]
    assert "required" in messages["row 12"]
    assert "has the title 'Analyst' on row 2" in messages["row 14"]
    assert "whole number" in messages["row 15"]
    assert "needs a level" in messages["row 16"]
    assert "untitled" in messages["file"]
    assert "reserved" in messages["row 19"]
    # Each message reads on its own: place, column, what is wrong, the value.
    assert str(problems_of(data)[0]).startswith("row 3, element code: no element has the code")
    assert not RoleProfile.objects.exists()
    assert not AuditEvent.objects.exists()


def test_a_code_in_two_frameworks_needs_the_framework_column(seeded: Any) -> None:
    load_framework(
        FrameworkSpec(
            slug="other",
            title="Other",
            scale=(ScaleLevelSpec(1, "One"), ScaleLevelSpec(2, "Two")),
            elements=(
                ElementSpec("OF", "family", None, title="Other family"),
                ElementSpec("PPM-PPL", "skill", "OF", title="Same code, other framework"),
            ),
        )
    )
    data = csv_file(
        "role code,role title,element code,framework,target level",
        "r,R,PPM-PPL,,3",
        "r,R,PPM-PPL,other,2",
    )
    problems = problems_of(data)
    assert [(p.where, p.field, p.value) for p in problems] == [("row 2", "element code", "PPM-PPL")]
    assert "several frameworks (axelos, other)" in problems[0].message
    data = csv_file(
        "role code,role title,element code,framework,target level",
        "r,R,PPM-PPL,axelos,3",
        "r,R,PPM-PPL,other,2",
    )
    import_roles(data)
    assert list(
        RoleRequirement.objects.filter(role__code="r").values_list(
            "element__framework__slug", "target_level"
        )
    ) == [("axelos", 3), ("other", 2)]


@pytest.mark.parametrize(
    "data,expected",
    [
        (csv_file("role code,role title,level"), [("row 1", "level", "level")]),
        (
            csv_file("role code,element code,role code"),
            [("row 1", "role code", "role code"), ("row 1", "role title", "")],
        ),
        (csv_file(HEADER), [("row 2", "", "")]),
        (io.BytesIO(b""), [("row 1", "", "")]),
        (io.BytesIO(HEADER.encode() + b"\nx,\xff\xfe,,INSML001\n"), [("line 2", "", "b'\\xff'")]),
        (io.BytesIO(b"PK\x03\x04 not really a workbook"), [("file", "", "")]),
    ],
)
def test_broken_files(db: None, data: io.BytesIO, expected: list[tuple[str, str, str]]) -> None:
    problems = problems_of(data)
    assert [(p.where, p.field, p.value) for p in problems][: len(expected)] == expected
    assert all(p.message for p in problems)


def test_upload_page_imports_xlsx_for_hr(client: Client, personas: Any) -> None:
    client.force_login(personas.carol.user)
    page = client.get("/roles/import/")
    assert page.status_code == 200 and b'enctype="multipart/form-data"' in page.content
    upload = xlsx_file(
        [
            ["role code", "role title", "element code", "target level"],
            ["scrum-master", "Scrum master", "PPM-PPL", 3],
            ["team-leader", "Team leader", "INSML001", None],
        ]
    )
    response = client.post("/roles/import/", {"file": upload})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Imported 1 new role profile and updated 1" in html
    assert '<a href="/roles/scrum-master/">scrum-master</a> (new)' in html
    assert requirements("team-leader") == [("INSML001", None, "essential", 1.0)]
    event = AuditEvent.objects.get(action="roles.import")
    assert event.actor == personas.carol.user and event.target == "roles.xlsx"


def test_upload_page_lists_problems_and_imports_nothing(client: Client, personas: Any) -> None:
    client.force_login(personas.carol.user)
    upload = csv_file(HEADER, "scrum-master,Scrum master,,PPM-PPL,,9,,", "x,X,,NOPE,,,,")
    upload.name = "roles.csv"
    response = client.post("/roles/import/", {"file": upload})
    html = response.content.decode()
    assert response.status_code == 400
    assert "2 problems found; nothing was imported." in html
    assert "<td>row 2</td><td>target level</td><td><code>9</code></td>" in html
    assert "<td>row 3</td><td>element code</td><td><code>NOPE</code></td>" in html
    assert not RoleProfile.objects.filter(code__in=["scrum-master", "x"]).exists()
    assert not AuditEvent.objects.exists()
