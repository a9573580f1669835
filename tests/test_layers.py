"""The apps keep their layers (import-linter, `[tool.importlinter]` in pyproject.toml), and a
wrong-way import makes the check fail: scripts/check.py runs the same `lint-imports`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def lint_imports(package_dir: Path) -> subprocess.CompletedProcess[str]:
    """`lint-imports` with the project's contracts over the `skillframe` in `package_dir`."""
    env = {**os.environ, "PYTHONPATH": str(package_dir)}
    return subprocess.run(
        [str(LINT_IMPORTS), str(ROOT / "pyproject.toml"), "--no-cache", "--no-logo"],
        cwd=package_dir,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_apps_keep_their_layers() -> None:
    result = lint_imports(ROOT / "src")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "added", "contract", "import_shown"),
    [
        (  # the lowest app reaching up (as frameworks' serve command did)
            "frameworks/models.py",
            "from skillframe.people.models import Person",
            "Apps are layered",
            "skillframe.frameworks.models -> skillframe.people.models",
        ),
        (  # people reaching into assessments (as the leaver's anonymisation did)
            "people/records.py",
            "from skillframe.assessments.models import Rating",
            "Apps are layered",
            "skillframe.people.records -> skillframe.assessments.models",
        ),
        (  # development asking insights (as the plan suggestions did)
            "development/suggestions.py",
            "from skillframe.insights.data import priorities_for",
            "Apps are layered",
            "skillframe.development.suggestions -> skillframe.insights.data",
        ),
        (  # a leaf app importing an app
            "notifications/models.py",
            "from skillframe.people.models import Person",
            "Leaf apps (audit, notifications) import no other app",
            "skillframe.notifications.models -> skillframe.people.models",
        ),
        (  # a pure kernel importing Django
            "insights/gaps.py",
            "from django.db import models",
            "Parsers, formats and analytic kernels are plain Python",
            "skillframe.insights.gaps -> django",
        ),
    ],
)
def test_a_wrong_way_import_fails_the_check(
    tmp_path: Path, module: str, added: str, contract: str, import_shown: str
) -> None:
    copy = tmp_path / "src"
    shutil.copytree(
        ROOT / "src" / "skillframe",
        copy / "skillframe",
        ignore=shutil.ignore_patterns("__pycache__", "*.txt", "templates", "static"),
    )
    path = copy / "skillframe" / module
    path.write_text(path.read_text() + f"\n{added}  # the wrong way\n")
    result = lint_imports(copy)
    assert result.returncode == 1, result.stdout
    broken = [line for line in result.stdout.splitlines() if line.endswith("BROKEN")]
    assert [line for line in broken if line.startswith(contract)], result.stdout
    assert import_shown in result.stdout


def test_a_new_app_must_take_a_layer(tmp_path: Path) -> None:
    copy = tmp_path / "src"
    shutil.copytree(
        ROOT / "src" / "skillframe",
        copy / "skillframe",
        ignore=shutil.ignore_patterns("__pycache__", "*.txt", "templates", "static"),
    )
    # "matching" was the example here until it became a real app (issue 15): any unplaced name.
    (copy / "skillframe" / "unplaced").mkdir()
    (copy / "skillframe" / "unplaced" / "__init__.py").write_text('"""A new app."""\n')
    result = lint_imports(copy)
    assert result.returncode == 1
    assert "skillframe.unplaced" in result.stdout
