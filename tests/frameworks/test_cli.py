"""The catalogue CLI, in-process (any database) and as the real console script (SQLite)."""

from __future__ import annotations

import json
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from skillframe.frameworks.spec import FrameworkSpec
from tests.console import SKILLFRAME, cli_environment, copy_database


def run(*args: str) -> str:
    out = StringIO()
    call_command("frameworks", *args, stdout=out)
    return out.getvalue()


def test_list_json_shows_both_frameworks_with_counts(seeded: tuple[FrameworkSpec, ...]) -> None:
    rows = {row["slug"]: row for row in json.loads(run("list", "--format", "json"))}
    assert set(rows) == {"axelos", "nos-ml"}
    assert rows["nos-ml"]["counts"]["unit"] == 58
    assert rows["nos-ml"]["version"] == "2021"
    assert rows["axelos"]["counts"]["family"] == 5
    for spec in seeded:
        assert sum(rows[spec.slug]["counts"].values()) == len(spec.elements)


def test_show_unit_prints_the_whole_standard(seeded: tuple[FrameworkSpec, ...]) -> None:
    text = run("show", "nos-ml", "INSML001")
    assert text.startswith(
        "INSML001  [Standard]  Manage yourself to achieve your work and personal objectives"
    )
    # INSML001 has 29 performance criteria, 29 knowledge items and 15 skills (read in the source).
    for n in range(1, 30):
        assert f"INSML001.P{n}  [Performance criterion]" in text
        assert f"INSML001.K{n}  [Knowledge and understanding item]" in text
    for n in range(1, 16):
        assert f"INSML001.S{n}  [Skills list item]" in text
    assert "INSML001.P30 " not in text
    assert "define the key purpose of your work role" in text
    assert "Original URN: CFAM&LAA1" in text
    assert "Keywords: Management & leadership; manage yourself" in text


def test_show_framework_outline(seeded: tuple[FrameworkSpec, ...]) -> None:
    text = run("show", "axelos")
    assert text.startswith("AXELOS Skills Framework [axelos]")
    assert "Scale:" in text
    assert "5 Executive:" in text


def test_search_finds_stakeholder_management(seeded: tuple[FrameworkSpec, ...]) -> None:
    payload = json.loads(run("search", "stakeholder", "--framework", "axelos", "--format", "json"))
    assert payload["total"] > 0
    titles = [hit["title"] for hit in payload["hits"] if hit["kind"] == "skill"]
    assert "Stakeholder management and communication" in titles


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("show", "nope"), "unknown framework 'nope' (known: axelos, nos-ml)"),
        (("show", "nos-ml", "INSML999"), "framework 'nos-ml' has no element with code 'INSML999'"),
        (("search", "x", "--framework", "nope"), "unknown framework 'nope'"),
        (("search", "x", "--limit", "0"), "--limit must be between 1 and 100, got 0"),
        (("load-seeds", "--only", "sfia"), "unknown seed 'sfia' (known: axelos, nos-ml)"),
    ],
)
def test_user_errors_name_what_is_wrong(
    seeded: tuple[FrameworkSpec, ...], args: tuple[str, ...], message: str
) -> None:
    with pytest.raises(CommandError, match=message.replace("(", r"\(").replace(")", r"\)")):
        run(*args)


@pytest.fixture(scope="module")
def seeded_cli_env(
    tmp_path_factory: pytest.TempPathFactory, migrated_sqlite: Path
) -> dict[str, str]:
    """A fresh SQLite data dir (a copy of the session's migrated database), seeded through the
    real console script."""
    data_dir = tmp_path_factory.mktemp("cli-data")
    copy_database(migrated_sqlite, data_dir)
    env = cli_environment(data_dir)
    subprocess.run(
        [SKILLFRAME, "frameworks", "load-seeds"], env=env, check=True, capture_output=True
    )
    return env


def test_console_script_and_python_m_agree(seeded_cli_env: dict[str, str]) -> None:
    script = subprocess.run(
        [SKILLFRAME, "frameworks", "list", "--format", "json"],
        env=seeded_cli_env,
        capture_output=True,
        text=True,
        check=True,
    )
    module = subprocess.run(
        [sys.executable, "-m", "skillframe", "frameworks", "list", "--format", "json"],
        env=seeded_cli_env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert script.stdout == module.stdout
    assert {row["slug"] for row in json.loads(script.stdout)} == {"axelos", "nos-ml"}


def test_load_seeds_twice_changes_nothing(seeded_cli_env: dict[str, str]) -> None:
    again = subprocess.run(
        [SKILLFRAME, "frameworks", "load-seeds"],
        env=seeded_cli_env,
        capture_output=True,
        text=True,
        check=True,
    )
    for line in again.stdout.splitlines():
        assert " 0 created, 0 updated, 0 deleted," in line


def test_unknown_code_is_one_line_without_traceback(seeded_cli_env: dict[str, str]) -> None:
    result = subprocess.run(
        [SKILLFRAME, "frameworks", "show", "nos-ml", "INSML999"],
        env=seeded_cli_env,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert result.stderr.strip() == (
        "CommandError: framework 'nos-ml' has no element with code 'INSML999'"
    )


def test_bad_setting_is_one_line_without_traceback(seeded_cli_env: dict[str, str]) -> None:
    result = subprocess.run(
        [SKILLFRAME, "frameworks", "list"],
        env={**seeded_cli_env, "SKILLFRAME_DATABASE_URL": "mysql://x/y"},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "skillframe: configuration error: SKILLFRAME_DATABASE_URL='mysql://x/y': "
        "unsupported scheme 'mysql' (use sqlite or postgresql)"
    )
