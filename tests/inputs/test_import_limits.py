"""Control characters, long texts, weights and deep JSON in imported files (issue 10 item 3):
every importer refuses the file with the problem's row and column (or path), changes nothing,
and never fails with a 500. On PostgreSQL a NUL used to reach a lookup or an insert: run these
there as well as on SQLite."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest

from skillframe.frameworks import exchange
from skillframe.frameworks.models import Framework
from skillframe.importing.problems import FormatError, Problem
from skillframe.inputs import DESCRIPTION_MAX, FRAMEWORK_TEXT_MAX
from skillframe.people.goals_import import import_goals
from skillframe.people.models import OrgGoal, Person, RoleProfile
from skillframe.people.people_import import import_people
from skillframe.people.roles_import import import_roles
from tests.api.api_helpers import signed_in

PEOPLE = "employee_id,name,email,job_title,unit,manager_employee_id"
ROLES = (
    "role code,role title,role description,element code,framework,target level,importance,weight"
)
GOALS = "goal title,goal description,starts on,ends on,element code,framework,weight"


def csv(*lines: str) -> io.BytesIO:
    return io.BytesIO("\n".join(lines).encode())


def refused(run: Any) -> list[Problem]:
    with pytest.raises(FormatError) as caught:
        run()
    return caught.value.problems


def test_people_import_refuses_nul_naming_row_and_column(personas: Any) -> None:
    data = csv(PEOPLE, "E-9\x00,Nul Name,nul@example.org,Analyst\x00,delivery,E-bob")
    problems = refused(
        lambda: import_people(data, actor=None, scope_user=None, source="people.csv")
    )
    places = {(p.where, p.field) for p in problems if "U+0000" in p.message}
    assert places == {("row 2", "employee_id"), ("row 2", "job_title")}
    assert not Person.objects.filter(employee_id__startswith="E-9").exists()


def test_roles_import_refuses_nul_long_descriptions_and_huge_weights(personas: Any) -> None:
    data = csv(
        ROLES,
        "analyst,Analyst\x00,,PPM-PPL,axelos,3,essential,1",
        f"writer,Writer,{'d' * (DESCRIPTION_MAX + 1)},PPM-PPL,axelos,3,essential,1",
        "tester,Tester,,PPM-PPL,axelos,3,essential,1e999",
        "reader,Reader,,PPM-PPL,axelos,3,essential,5000",
    )
    problems = refused(lambda: import_roles(data, source="roles.csv"))
    found = {(p.where, p.field): p.message for p in problems}
    assert "U+0000" in found[("row 2", "role title")]
    assert "at most 10,000 characters" in found[("row 3", "role description")]
    assert "not a positive number" in found[("row 4", "weight")]
    assert "at most 1000" in found[("row 5", "weight")]
    assert not RoleProfile.objects.filter(code__in=["analyst", "writer", "tester"]).exists()


def test_goals_import_refuses_control_characters(personas: Any) -> None:
    data = csv(GOALS, "Grow\x1b,,2026-01-01,2026-12-31,PPM,axelos,1")
    problems = refused(lambda: import_goals(data, source="goals.csv"))
    assert [(p.where, p.field) for p in problems] == [("row 2", "goal title")]
    assert "U+001B" in problems[0].message
    assert not OrgGoal.objects.filter(title__startswith="Grow").exists()


def _json_framework(**changes: Any) -> io.BytesIO:
    document = exchange.export(Framework.objects.get(slug="nos-ml"), "json").content
    data = json.loads(document)
    data["framework"] |= changes
    return io.BytesIO(json.dumps(data).encode())


def test_framework_imports_refuse_nul_long_texts_and_deep_json(seeded: Any) -> None:
    problems = refused(
        lambda: exchange.import_file(_json_framework(title="Bad\x00"), "json", slug="bad-one")
    )
    assert any("U+0000" in p.message for p in problems)
    long = "x" * (FRAMEWORK_TEXT_MAX + 1)
    # A long description meets its own, lower limit first
    # (SKILLFRAME_FRAMEWORK_DESCRIPTION_MAX_CHARS, tests/frameworks/test_import_limits.py).
    problems = refused(
        lambda: exchange.import_file(_json_framework(licence_note=long), "json", slug="bad-two")
    )
    assert any("licence_note" in p.message and "at most" in p.message for p in problems)
    deep = io.BytesIO(b"[" * 200_000 + b"]" * 200_000)
    for fmt in ("json", "case"):
        deep.seek(0)
        problems = refused(lambda fmt=fmt: exchange.import_file(deep, fmt, slug="bad-three"))
        assert any("nested more than" in p.message for p in problems), fmt
    text = exchange.export(Framework.objects.get(slug="nos-ml"), "csv").content.decode()
    csv_file = io.BytesIO(text.replace("Manage", "Man\x00age", 1).encode())
    problems = refused(lambda: exchange.import_file(csv_file, "csv", slug="bad-four"))
    assert any("U+0000" in p.message for p in problems)
    assert not Framework.objects.filter(slug__startswith="bad-").exists()


def test_the_api_answers_a_400_for_a_bad_framework_file(personas: Any) -> None:
    carol = signed_in(personas.carol)
    carol.user = personas.carol.user
    personas.carol.user.is_superuser = True
    personas.carol.user.save()
    upload = _json_framework(licence_note="y" * (FRAMEWORK_TEXT_MAX + 1))
    upload.name = "big.json"
    response = carol.post(
        "/api/frameworks/import", {"file": upload, "format": "json", "slug": "big-one"}
    )
    assert response.status_code == 400, response.content
    assert "licence_note" in json.dumps(response.json()["problems"])


# XLSX cannot carry them: XML 1.0 has no NUL, and openpyxl writes none of the C0 controls.
@pytest.mark.parametrize("fmt", ["moodle", "case"])
def test_every_framework_format_refuses_a_nul(seeded: Any, fmt: str) -> None:
    content = exchange.export(Framework.objects.get(slug="nos-ml"), fmt).content.decode()
    nul = "\\u0000" if fmt == "case" else "\x00"  # CASE is JSON: NUL as its escape
    data = io.BytesIO(content.replace("Manage", f"Man{nul}age", 1).encode())
    problems = refused(lambda: exchange.import_file(data, fmt, slug=f"nul-{fmt}"))
    assert any("U+0000" in p.message for p in problems), problems[:3]
    assert not Framework.objects.filter(slug=f"nul-{fmt}").exists()
