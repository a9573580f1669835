"""`skillframe gaps PERSON [--role ROLE] --format table|json`."""

from __future__ import annotations

import json
import subprocess
import sys
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.insights.helpers import rate_alice

pytestmark = pytest.mark.django_db
SKILLFRAME = Path(sys.executable).parent / "skillframe"


def run(*args: str) -> str:
    out = StringIO()
    call_command("gaps", *args, stdout=out)
    return out.getvalue()


def test_table_by_username_shows_both_roles_and_priorities(personas: Any) -> None:
    rate_alice(personas)
    lines = run("alice").splitlines()
    assert lines[0] == "Alice Archer (E-alice)"
    assert "Project manager (project-manager): role fit 56% — 1 of 3 met, 1 essential gap(s)" in (
        lines
    )
    assert "Team leader (team-leader): role fit 2% — 0 of 2 met, 2 essential gap(s)" in lines
    ppl = next(line for line in lines if line.startswith("PPM-PPL"))
    assert ppl.split() == [
        "PPM-PPL", "essential", "level", "3", "level", "2", "validated,", "review", "due", "1",
        "below",
    ]  # fmt: skip
    i005 = next(line for line in lines if line.startswith("INSML005 "))
    assert "2/47 items" in i005 and "45 item(s) missing" in i005
    assert "  1. INSML005 Provide leadership to your team (score 9.33)" in lines
    assert (
        "     why: essential for your current role; organisation goal this year; one level "
        "below target; validated rating due for review" in lines
    )


def test_json_by_employee_id_for_one_role(personas: Any) -> None:
    rate_alice(personas)
    body = json.loads(run("E-alice", "--role", "team-leader", "--format", "json"))
    assert body["person"] == "E-alice"
    (report,) = body["reports"]
    assert report["role"]["code"] == "team-leader"
    assert report["role_fit"] == pytest.approx(1 / 47, abs=1e-6)
    assert "INSML005.P2" in report["gaps"][0]["missing_items"]
    assert [p["code"] for p in body["priorities"]] == ["INSML005", "INSML011", "LP-LTW", "PPM-PPL"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("nobody",), "no person with employee id or username 'nobody'"),
        (("alice", "--role", "astronaut"), "no role profile with code 'astronaut'"),
        (("carol",), "E-carol has no current or target role; use --role"),
    ],
)
def test_errors(personas: Any, args: tuple[str, ...], message: str) -> None:
    with pytest.raises(CommandError, match=message):
        run(*args)


def test_console_script_exits_non_zero_with_one_line(cli_env: dict[str, str]) -> None:
    # A fresh SQLite database in a temporary data dir, whatever database the suite runs on.
    done = subprocess.run(
        [SKILLFRAME, "gaps", "nobody"], env=cli_env, capture_output=True, text=True
    )
    assert done.returncode == 1
    assert done.stderr.strip() == "CommandError: no person with employee id or username 'nobody'"


def test_role_explorer_ranks_every_role(personas: Any) -> None:
    rate_alice(personas)
    rows = json.loads(run("alice", "--explore", "--format", "json"))
    assert [r["role"] for r in rows] == ["project-manager", "team-leader"]
    assert rows[0]["fit_percent"] == 56 and rows[0]["essential_gaps"] == 1
    csv_lines = run("alice", "--explore", "--format", "csv").splitlines()
    assert csv_lines[0] == "role,title,fit_percent,met,requirements,essential_gaps"
    with pytest.raises(CommandError, match="no person with employee id or username 'alice'"):
        run("alice", "--explore", "--as", "eve")


def test_priority_weights_shown_and_changed_by_hr(personas: Any) -> None:
    from skillframe.audit.models import AuditEvent
    from skillframe.insights.models import PriorityWeightSettings

    rows = json.loads(run("--weights", "--format", "json"))
    assert {r["name"]: r["weight"] for r in rows}["gap"] == 4.0
    out = run("--weights", "--set", "gap=2.5", "--set", "stale=0", "--as", "carol")
    assert [line.split() for line in out.splitlines()][1] == ["gap", "2.5", "4.0"]
    assert PriorityWeightSettings.current().gap == 2.5
    assert AuditEvent.objects.get(action="insights.weights.update").actor == personas.carol.user
    with pytest.raises(CommandError, match="only HR admins"):
        run("--weights", "--set", "gap=1", "--as", "bob")
    with pytest.raises(CommandError, match="gap: Ensure this value is greater than or equal"):
        run("--weights", "--set", "gap=-1", "--as", "carol")
    with pytest.raises(CommandError, match="unknown weight"):
        run("--weights", "--set", "speed=1", "--as", "carol")
    run("--weights", "--reset", "--as", "carol")
    assert PriorityWeightSettings.current().gap == 4.0
