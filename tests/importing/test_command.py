"""The base of the import commands: FILE and --dry-run, the problem list, exit statuses."""

from __future__ import annotations

from argparse import ArgumentParser
from io import StringIO
from pathlib import Path
from typing import Any, BinaryIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from skillframe.importing.command import ImportCommand
from skillframe.importing.problems import FormatError, Problem
from skillframe.importing.spreadsheets import read_rows


class Command(ImportCommand):
    """Counts the rows of a file; a cell "bad" is a problem."""

    def add_import_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--shout", action="store_true")

    def import_file(self, data: BinaryIO, path: Path, options: dict[str, Any]) -> str:
        rows = list(read_rows(data))
        bad = [
            Problem(f"row {number}", "code", "bad", "not good")
            for number, cells in rows
            if "bad" in cells
        ]
        if bad:
            raise FormatError(bad)
        report = f"{len(rows) - 1} row(s){' checked' if options['dry_run'] else ''}"
        return report.upper() if options["shout"] else report


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command(Command(), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_dry_run_and_own_options(tmp_path: Path) -> None:
    path = tmp_path / "things.csv"
    path.write_text("code\nA\nB\n")
    assert run("import", str(path)) == ("2 row(s)\n", "")
    assert run("import", str(path), "--dry-run")[0] == "2 row(s) checked\n"
    assert run("import", "--shout", str(path))[0] == "2 ROW(S)\n"


def test_every_problem_on_standard_error_then_one_line(tmp_path: Path) -> None:
    path = tmp_path / "things.csv"
    path.write_text("code\nbad\nA\nbad\n")
    err = StringIO()
    with pytest.raises(CommandError, match=r"^2 problems in things\.csv; nothing was imported$"):
        call_command(Command(), "import", str(path), stderr=err)
    assert err.getvalue().splitlines() == [
        "row 2, code: not good (found 'bad')",
        "row 4, code: not good (found 'bad')",
    ]
    # A file the kernel refuses is reported the same way.
    path.write_bytes(b"code\nCaf\xe9\n")
    with pytest.raises(CommandError, match=r"^1 problem in things\.csv"):
        call_command(Command(), "import", str(path), stderr=err)


def test_unreadable_files_are_user_errors(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match=r"cannot read .*missing\.csv: no such file"):
        run("import", str(tmp_path / "missing.csv"))
    with pytest.raises(CommandError, match=r"cannot read .*: Is a directory"):
        run("import", str(tmp_path))


def test_exit_status_is_0_when_imported_and_1_for_a_user_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "things.csv"
    path.write_text("code\nA\n")
    Command().run_from_argv(["skillframe", "things", "import", str(path)])  # returns: status 0
    assert capsys.readouterr().out == "1 row(s)\n"
    path.write_text("code\nbad\n")
    with pytest.raises(SystemExit) as exited:
        Command().run_from_argv(["skillframe", "things", "import", str(path)])
    assert exited.value.code == 1
    assert capsys.readouterr().err.splitlines() == [
        "row 2, code: not good (found 'bad')",
        "CommandError: 1 problem in things.csv; nothing was imported",
    ]
