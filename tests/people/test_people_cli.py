"""`skillframe people import` and `skillframe people anonymise`."""

from __future__ import annotations

import io
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from skillframe.assessments.models import AppendOnly, Rating, RatingReply, Source
from skillframe.audit.models import AuditEvent
from skillframe.frameworks.formats.base import FormatError
from skillframe.frameworks.models import Element
from skillframe.people.models import Person
from skillframe.people.people_import import import_people
from tests.people.helpers import ops_hr

HEADER = "employee_id,name,email,job_title,unit,manager_employee_id\n"


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("people", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_cli_import_csv(personas: Any, tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text(HEADER + "E-11,Wes West,wes@example.org,Analyst,delivery,E-bob\n")
    out, _ = run("import", str(path))
    assert "1 created, 0 updated, 0 unchanged (1 rows); done" in out
    assert "E-11\twes" in out
    assert Person.objects.get(employee_id="E-11").manager == personas.bob
    event = AuditEvent.objects.get(action="people.import")
    assert (event.actor, event.target) == (None, "cli people.csv")


def test_cli_import_xlsx_dry_run(personas: Any, tmp_path: Path) -> None:
    workbook = Workbook()
    workbook.active.append(["Employee ID", "Name", "Email", "Unit"])
    workbook.active.append(["E-12", "Xia Xu", "xia@example.org", "operations"])
    path = tmp_path / "people.xlsx"
    workbook.save(path)
    out, _ = run("import", str(path), "--dry-run")
    assert "1 created" in out and "nothing was changed" in out
    assert not Person.objects.filter(employee_id="E-12").exists()


def test_cli_import_errors_exit_non_zero_and_change_nothing(personas: Any, tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text(HEADER + "E-13,Yan Yu,yan@example.org,,nowhere,E-ghost\n")
    err = StringIO()
    with pytest.raises(CommandError, match="2 problems found; nothing was imported"):
        call_command("people", "import", str(path), stderr=err)
    assert "people.csv: row 2, unit: unknown unit code (found 'nowhere')" in err.getvalue()
    assert "row 2, manager_employee_id" in err.getvalue()
    assert not Person.objects.filter(employee_id="E-13").exists()


def test_cli_import_as_an_hr_admin_uses_their_scope(personas: Any, tmp_path: Path) -> None:
    olga = ops_hr(personas)
    path = tmp_path / "people.csv"
    path.write_text(HEADER + "E-14,Zed Zane,zed@example.org,,delivery,\n")
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("people", "import", str(path), "--as", "olga", stderr=err)
    assert "outside your HR scope" in err.getvalue()
    path.write_text(HEADER + "E-14,Zed Zane,zed@example.org,,operations,\n")
    run("import", str(path), "--as", "olga")
    assert AuditEvent.objects.get(action="people.import").actor == olga.user
    with pytest.raises(CommandError, match="not an active HR admin"):
        run("import", str(path), "--as", "alice")
    with pytest.raises(CommandError, match="no user named"):
        run("import", str(path), "--as", "nobody")
    with pytest.raises(CommandError, match="no such file"):
        run("import", str(tmp_path / "missing.csv"))


def test_cli_anonymise_a_leaver(personas: Any) -> None:
    alice = personas.alice
    element = Element.objects.get(code="PPM-PPL")
    rating = Rating.objects.create(
        person=alice,
        element=element,
        level=3,
        source=Source.SELF,
        rater=alice.user,
        comment="I ran the Archer family project",
    )
    RatingReply.objects.create(rating=rating, author=personas.bob.user, text="Well done Alice")
    eves = Rating.objects.create(
        person=personas.eve, element=element, level=2, source=Source.SELF, comment="mine"
    )
    # Issue 11: without --yes the command says what it would do and changes nothing.
    with pytest.raises(CommandError, match="this cannot be undone") as asked:
        run("anonymise", "E-alice")
    assert "would anonymise Alice Archer (E-alice)" in str(asked.value)
    assert Person.objects.get(pk=alice.pk).user.first_name == "Alice"
    out, _ = run("anonymise", "E-alice", "--yes")
    assert "anonymised as leaver-E-alice" in out
    assert "1 rating comment(s) and 1 reply text(s) blanked" in out
    alice = Person.objects.select_related("user").get(pk=alice.pk)
    user = alice.user
    assert (user.username, user.first_name, user.last_name, user.email) == (
        "leaver-E-alice",
        "",
        "",
        "",
    )
    assert not user.is_active and not user.has_usable_password()
    kept = Rating.objects.get(pk=rating.pk)
    assert (kept.comment, kept.level, kept.source) == ("", 3, Source.SELF)  # the row stays
    assert RatingReply.objects.get(rating=rating).text == ""
    assert Rating.objects.get(pk=eves.pk).comment == "mine"  # other people's ratings untouched
    event = AuditEvent.objects.get(action="people.anonymise")
    assert event.target == f"people.person:{alice.pk}"
    assert "Alice" not in str(event.data) and "alice@" not in str(event.data)
    # A later HR extract that still lists the leaver cannot bring their data back.
    with pytest.raises(FormatError) as refused:
        import_people(
            io.BytesIO(HEADER.encode() + b"E-alice,Alice Archer,alice@example.org,,delivery,\n"),
            actor=None,
            scope_user=None,
        )
    assert "anonymised" in refused.value.problems[0].message
    assert Person.objects.get(pk=alice.pk).user.first_name == ""
    # The append-only rule still holds for every other caller.
    with pytest.raises(AppendOnly):
        Rating.objects.filter(pk=rating.pk).update(comment="x")


def test_cli_anonymise_unknown_person(personas: Any) -> None:
    with pytest.raises(CommandError, match="no person with employee id 'E-nobody'"):
        run("anonymise", "E-nobody")
