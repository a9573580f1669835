"""Importing organisation goals from CSV/XLSX: whole-file validation, atomic save, re-import,
the CLI and the HR upload page."""

from __future__ import annotations

import datetime as dt
import io
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from openpyxl import Workbook  # type: ignore[import-untyped]

from skillframe.audit.models import AuditEvent
from skillframe.frameworks.formats.base import FormatError, Problem
from skillframe.frameworks.models import Element
from skillframe.people.goals_import import import_goals, parse
from skillframe.people.models import OrgGoal, OrgGoalWeight

HEADER = "goal title,goal description,starts on,ends on,element code,framework,weight"
# What Excel writes in a decimal-comma locale: UTF-8 with BOM, `;`, CRLF, day-first dates.
EXCEL_CSV = (
    "\ufeffGoal_Title;Goal Description;Starts-On;ends on;element code;framework;weight\r\n"
    "Service “transition”;Change well;01/01/2025;31/12/2025;ITSM-TR;axelos;2,5\r\n"
    "Service “transition”;;2025-01-01;2025-12-31;INSML005;;\r\n"
).encode()


def csv_file(*lines: str) -> io.BytesIO:
    return io.BytesIO(("\n".join(lines) + "\n").encode())


def xlsx_file(rows: list[list[object]], sheet: str = "goals") -> io.BytesIO:
    workbook = Workbook()
    workbook.active.title = sheet
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "goals.xlsx"
    return buffer


def problems_of(data: io.BytesIO) -> list[Problem]:
    with pytest.raises(FormatError) as caught:
        parse(data)
    return caught.value.problems


def weights(title: str) -> list[tuple[str, float]]:
    return sorted(
        OrgGoalWeight.objects.filter(goal__title=title).values_list("element__code", "weight")
    )


def test_excel_style_csv_bom_semicolons_crlf(seeded: Any) -> None:
    result = import_goals(io.BytesIO(EXCEL_CSV), source="goals.csv")
    assert (len(result.created), result.updated, result.weights) == (1, [], 2)
    goal = OrgGoal.objects.get()
    assert (goal.title, goal.description, goal.starts_on, goal.ends_on) == (
        "Service “transition”",
        "Change well",
        dt.date(2025, 1, 1),
        dt.date(2025, 12, 31),
    )
    assert weights(goal.title) == [("INSML005", 1.0), ("ITSM-TR", 2.5)]
    event = AuditEvent.objects.get(action="goals.import")
    assert event.target == "goals.csv" and event.actor is None
    assert event.data == {
        "created": [
            {
                "id": goal.pk,
                "title": "Service “transition”",
                "starts_on": "2025-01-01",
                "ends_on": "2025-12-31",
            }
        ],
        "updated": [],
        "weights": 2,
    }


def test_xlsx_with_date_cells_and_numbers(seeded: Any) -> None:
    data = xlsx_file(
        [
            ["Goal title", "Starts on", "Ends on", "Element code", "Weight"],
            ["Leadership", dt.datetime(2026, 1, 1), dt.datetime(2026, 6, 30), "BACM", 3],
            [None, None, None, None, None],  # blank rows are skipped
            ["Leadership", "2026-01-01", "30/06/2026", "INSML011", 1.25],
            ["Planning", dt.date(2026, 1, 1), dt.date(2026, 12, 31), "PPM-PPL", None],
        ]
    )
    result = import_goals(data)
    assert [g.title for g in result.created] == ["Leadership", "Planning"]
    assert result.weights == 3
    assert weights("Leadership") == [("BACM", 3.0), ("INSML011", 1.25)]
    assert weights("Planning") == [("PPM-PPL", 1.0)]
    assert OrgGoal.objects.get(title="Leadership").ends_on == dt.date(2026, 6, 30)


def test_reimport_updates_description_and_replaces_weights(seeded: Any) -> None:
    goal = OrgGoal.objects.create(
        title="Planning",
        description="old",
        starts_on=dt.date(2025, 1, 1),
        ends_on=dt.date(2025, 12, 31),
    )
    OrgGoalWeight.objects.create(goal=goal, element=Element.objects.get(code="BACM"), weight=2)
    other = OrgGoal.objects.create(  # same title, other period: a different goal
        title="Planning", starts_on=dt.date(2024, 1, 1), ends_on=dt.date(2024, 12, 31)
    )
    OrgGoalWeight.objects.create(goal=other, element=Element.objects.get(code="BACM"), weight=5)
    data = csv_file(
        HEADER,
        "Planning,New words,2025-01-01,2025-12-31,PPM-PPL,,4",
        "Planning,,01/01/2025,31/12/2025,INSML005,nos-ml,",
    )
    result = import_goals(data)
    assert (result.created, [g.pk for g in result.updated]) == ([], [goal.pk])
    goal.refresh_from_db()
    assert goal.description == "New words"
    assert sorted(goal.weights.values_list("element__code", "weight")) == [
        ("INSML005", 1.0),
        ("PPM-PPL", 4.0),
    ]
    assert list(other.weights.values_list("element__code", "weight")) == [("BACM", 5.0)]
    assert OrgGoal.objects.count() == 2
    # Without the description column the description is kept.
    import_goals(
        csv_file("goal title,starts on,ends on,element code", "Planning,2025-01-01,2025-12-31,BACM")
    )
    goal.refresh_from_db()
    assert goal.description == "New words"
    assert list(goal.weights.values_list("element__code", flat=True)) == ["BACM"]


def test_every_problem_is_reported_with_row_column_and_value(seeded: Any) -> None:
    goal = OrgGoal.objects.create(
        title="Kept", starts_on=dt.date(2025, 1, 1), ends_on=dt.date(2025, 12, 31)
    )
    OrgGoalWeight.objects.create(goal=goal, element=Element.objects.get(code="BACM"), weight=2)
    data = csv_file(
        HEADER,
        "Kept,,2025-01-01,2025-12-31,PPM-PPL,,1",  # row 2: fine
        "Kept,,2025-01-01,2025-12-31,NOPE-1,,1",  # unknown element
        "Kept,,2025-01-01,2025-12-31,PPM-PPL.L3,,1",  # a level: no goal kind
        "Kept,,2025-01-01,2025-12-31,INSML005.P1,,1",  # a criterion: no goal kind
        "Kept,,2025-13-01,2025-12-31,INSML005,,1",  # not a real date
        "Kept,,2025-01-01,next year,INSML005,,1",  # not a date
        "Kept,,,2025-12-31,INSML005,,1",  # start missing
        "Kept,,2025-12-31,2025-01-01,INSML005,,1",  # ends before it starts
        "Kept,,2025-01-01,2025-12-31,INSML011,,0",  # weight not positive
        "Kept,,2025-01-01,2025-12-31,INSML001,,heavy",  # weight not a number
        "Kept,,01/01/2025,31/12/2025,PPM-PPL,,2",  # duplicate goal + element (row 2)
        ",,2025-01-01,2025-12-31,BACM,,1",  # title missing
        "Kept,,2025-01-01,2025-12-31,ITSM-TR,elsewhere,1",  # unknown framework
        "Kept,,31/02/2025,2025-12-31,INSML005,,1",  # no such day
        "Kept,,2025-01-01,2025-12-31,ITSM-TR,,-2",  # negative weight
    )
    problems = problems_of(data)
    assert [(p.where, p.field, p.value) for p in problems] == [
        ("row 3", "element code", "NOPE-1"),
        ("row 4", "element code", "PPM-PPL.L3"),
        ("row 5", "element code", "INSML005.P1"),
        ("row 6", "starts on", "2025-13-01"),
        ("row 7", "ends on", "next year"),
        ("row 8", "starts on", ""),
        ("row 9", "ends on", "2025-01-01"),
        ("row 10", "weight", "0"),
        ("row 11", "weight", "heavy"),
        ("row 12", "element code", "PPM-PPL"),
        ("row 13", "goal title", ""),
        ("row 14", "framework", "elsewhere"),
        ("row 15", "starts on", "31/02/2025"),
        ("row 16", "weight", "-2"),
    ]
    messages = {p.where: p.message for p in problems}
    assert "no element has the code 'NOPE-1'" in messages["row 3"]
    assert "PPM-PPL.L3 is a level; use a skill family, group, skill" in messages["row 4"]
    assert "is a performance-criterion" in messages["row 5"]
    assert "not a date: use YYYY-MM-DD or DD/MM/YYYY" in messages["row 6"]
    assert "required" in messages["row 8"]
    assert "ends before it starts" in messages["row 9"]
    assert "not a positive number" in messages["row 10"]
    assert "already weights PPM-PPL on row 2" in messages["row 12"]
    assert "there is no framework 'elsewhere'" in messages["row 14"]
    assert str(problems[0]).startswith("row 3, element code: no element has the code")
    # Nothing changed.
    assert list(OrgGoal.objects.values_list("title", flat=True)) == ["Kept"]
    assert weights("Kept") == [("BACM", 2.0)]
    assert not AuditEvent.objects.exists()


def test_conflicting_descriptions_and_ambiguous_existing_goals(seeded: Any) -> None:
    for _ in range(2):
        OrgGoal.objects.create(
            title="Twice", starts_on=dt.date(2025, 1, 1), ends_on=dt.date(2025, 6, 30)
        )
    data = csv_file(
        HEADER,
        "Twice,,2025-01-01,2025-06-30,BACM,,1",
        "New,One,2025-01-01,2025-06-30,BACM,,1",
        "New,Two,2025-01-01,2025-06-30,PPM-PPL,,1",
    )
    problems = problems_of(data)
    assert [(p.where, p.field, p.value) for p in problems] == [
        ("row 2", "goal title", "Twice"),
        ("row 4", "goal description", "Two"),
    ]
    assert "several goals already have this title and period" in problems[0].message
    assert "different description on row 3" in problems[1].message
    assert not OrgGoalWeight.objects.exists()


@pytest.mark.parametrize(
    "data,expected",
    [
        (
            csv_file("goal title,starts on,ends on,element code,level"),
            [("row 1", "level", "level")],
        ),
        (
            csv_file("goal title,element code,goal title"),
            [
                ("row 1", "goal title", "goal title"),
                ("row 1", "starts on", ""),
                ("row 1", "ends on", ""),
            ],
        ),
        (csv_file(HEADER), [("row 2", "", "")]),
        (io.BytesIO(b""), [("row 1", "", "")]),
        (io.BytesIO(b"PK\x03\x04 not really a workbook"), [("file", "", "")]),
    ],
)
def test_broken_files(db: None, data: io.BytesIO, expected: list[tuple[str, str, str]]) -> None:
    problems = problems_of(data)
    assert [(p.where, p.field, p.value) for p in problems] == expected
    assert all(p.message for p in problems)


def test_cli_imports_and_dry_run_changes_nothing(seeded: Any, tmp_path: Path) -> None:
    path = tmp_path / "goals.csv"
    path.write_bytes(EXCEL_CSV)
    out = StringIO()
    call_command("goals", "import", str(path), "--dry-run", stdout=out)
    assert out.getvalue().strip() == (
        "goals.csv is valid: 1 goal(s), 2 weight(s). Nothing was changed (--dry-run)."
    )
    assert not OrgGoal.objects.exists()
    out = StringIO()
    call_command("goals", "import", str(path), stdout=out)
    assert out.getvalue().strip() == (
        "Imported 1 goal(s) from goals.csv: 1 created, 0 updated, 2 weight(s)."
    )
    assert weights("Service “transition”") == [("INSML005", 1.0), ("ITSM-TR", 2.5)]
    assert AuditEvent.objects.get(action="goals.import").target == "goals.csv"


def test_cli_lists_every_problem_and_imports_nothing(seeded: Any, tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        "goal title,starts on,ends on,element code,weight\n"
        "Growth,2025-01-01,2024-12-31,BACM,1\n"
        "Growth,2025-01-01,2025-12-31,INSML005.K1,zero\n"
    )
    err = StringIO()
    with pytest.raises(CommandError, match=r"^3 problems in bad\.csv; nothing was imported$"):
        call_command("goals", "import", str(path), stderr=err)
    assert err.getvalue().splitlines() == [
        "row 2, ends on: the goal ends before it starts (2025-01-01) (found '2024-12-31')",
        "row 3, element code: INSML005.K1 is a knowledge-item; use a skill family, group, "
        "skill or NOS standard (unit) (found 'INSML005.K1')",
        "row 3, weight: not a positive number (found 'zero')",
    ]
    assert not OrgGoal.objects.exists()
    with pytest.raises(CommandError, match="cannot read"):
        call_command("goals", "import", str(tmp_path / "missing.csv"))


def test_page_access(client: Client, personas: Any) -> None:
    anonymous = client.get("/goals/import/")
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/login/")
    client.force_login(personas.alice.user)
    assert client.get("/goals/import/").status_code == 403
    assert client.post("/goals/import/", {"file": io.BytesIO(EXCEL_CSV)}).status_code == 403
    assert "Import goals from a file" not in client.get("/goals/").content.decode()
    assert not OrgGoal.objects.exists()
    client.force_login(personas.carol.user)
    page = client.get("/goals/import/")
    assert page.status_code == 200 and b'enctype="multipart/form-data"' in page.content
    assert (
        '<a href="/goals/import/">Import goals from a file</a>'
        in client.get("/goals/").content.decode()
    )


def test_upload_page_imports_xlsx_for_hr(client: Client, personas: Any) -> None:
    client.force_login(personas.carol.user)
    upload = xlsx_file(
        [
            ["goal title", "starts on", "ends on", "element code", "weight"],
            ["Leadership", dt.date(2026, 1, 1), dt.date(2026, 12, 31), "BACM", 2],
        ]
    )
    response = client.post("/goals/import/", {"file": upload})
    html = response.content.decode()
    goal = OrgGoal.objects.get(title="Leadership")
    assert response.status_code == 200
    assert "Imported 1 new goal and updated 0, with 1 weight." in html
    assert f'<a href="/goals/{goal.pk}/">Leadership</a>' in html
    event = AuditEvent.objects.get(action="goals.import")
    assert event.actor == personas.carol.user and event.target == "goals.xlsx"


def test_upload_page_lists_problems_and_imports_nothing(client: Client, personas: Any) -> None:
    client.force_login(personas.carol.user)
    upload = csv_file(
        HEADER, "Growth,,2025-01-01,2025-12-31,BACM,,0", "Growth,,2025-01-01,soon,NOPE,,"
    )
    upload.name = "goals.csv"
    response = client.post("/goals/import/", {"file": upload})
    html = response.content.decode()
    assert response.status_code == 400
    assert "3 problems found; nothing was imported." in html
    assert "<td>row 2</td><td>weight</td><td><code>0</code></td>" in html
    assert "<td>row 3</td><td>ends on</td><td><code>soon</code></td>" in html
    assert "<td>row 3</td><td>element code</td><td><code>NOPE</code></td>" in html
    assert not OrgGoal.objects.exists()
    assert not AuditEvent.objects.exists()
