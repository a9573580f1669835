"""`skillframe roles import FILE`: in-process (any database) and as the real console script."""

from __future__ import annotations

import subprocess
import sys
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from skillframe.audit.models import AuditEvent
from skillframe.people.models import RoleProfile, RoleRequirement

SKILLFRAME = Path(sys.executable).parent / "skillframe"
# What Excel writes in a decimal-comma locale: UTF-8 with BOM, `;`, CRLF.
EXCEL_CSV = (
    "\ufeffrole code;role title;role description;element code;framework;target level;"
    "importance;weight\r\n"
    "service-lead;Service lead;Runs “the” service;ITSM-CFM;axelos;3;essential;1,5\r\n"
    "service-lead;Service lead;;INSML011;;;desirable;\r\n"
).encode()


def test_cli_imports_excel_style_csv(seeded: Any, tmp_path: Path) -> None:
    path = tmp_path / "roles.csv"
    path.write_bytes(EXCEL_CSV)
    out = StringIO()
    call_command("roles", "import", str(path), stdout=out)
    assert out.getvalue().strip() == (
        "Imported 1 role(s) from roles.csv: 1 created, 0 updated, 2 requirement(s)."
    )
    role = RoleProfile.objects.get(code="service-lead")
    assert role.description == "Runs “the” service"
    assert list(
        RoleRequirement.objects.filter(role=role).values_list(
            "element__code", "target_level", "importance", "weight"
        )
    ) == [("ITSM-CFM", 3, "essential", 1.5), ("INSML011", None, "desirable", 1.0)]
    event = AuditEvent.objects.get(action="roles.import")
    assert event.actor is None and event.target == "roles.csv"


def test_cli_dry_run_changes_nothing(seeded: Any, tmp_path: Path) -> None:
    path = tmp_path / "roles.csv"
    path.write_bytes(EXCEL_CSV)
    out = StringIO()
    call_command("roles", "import", str(path), "--dry-run", stdout=out)
    assert "roles.csv is valid: 1 role(s), 2 requirement(s)." in out.getvalue()
    assert not RoleProfile.objects.exists()


def test_cli_lists_every_problem_and_imports_nothing(personas: Any, tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        "role code,role title,element code,target level,weight\n"
        "project-manager,Project manager,PPM-PPL,9,1\n"
        "project-manager,Project manager,INSML001,,zero\n"
    )
    err = StringIO()
    with pytest.raises(CommandError, match=r"^2 problems in bad\.csv; nothing was imported$"):
        call_command("roles", "import", str(path), stderr=err)
    assert err.getvalue().splitlines() == [
        "row 2, target level: level 9 is not on the scale of axelos (1–5) (found '9')",
        "row 3, weight: not a positive number (found 'zero')",
    ]
    assert RoleRequirement.objects.filter(role=personas.pm).count() == 3
    with pytest.raises(CommandError, match="cannot read"):
        call_command("roles", "import", str(tmp_path / "missing.csv"))


def test_console_script(cli_env: dict[str, str], tmp_path: Path) -> None:
    """The real `skillframe` script reaches the command; a fresh database (no frameworks, which
    would take long to load here) gives a one-line problem and no traceback."""
    path = tmp_path / "roles.csv"
    path.write_bytes(EXCEL_CSV)
    dry = subprocess.run(
        [SKILLFRAME, "roles", "import", "--dry-run", str(path)],
        env=cli_env,
        capture_output=True,
        text=True,
    )
    assert dry.returncode == 1
    assert dry.stderr.splitlines() == [
        "row 2, framework: there is no framework 'axelos' (found 'axelos')",
        "row 3, element code: no element has the code 'INSML011' in any framework "
        "(found 'INSML011')",
        "CommandError: 2 problems in roles.csv; nothing was imported",
    ]
