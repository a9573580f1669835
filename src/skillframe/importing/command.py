"""The base of the `skillframe <thing> import FILE [--dry-run]` management commands.

It owns what every import command shares: the `import` sub-command with `FILE` and
`--dry-run`, opening the file, the list of problems (one line each, naming row, column and
value) on standard error, and the exit status: 0 when the file was imported (or, with
`--dry-run`, found valid), 1 for a user error (no such file, a problem in the file, a bad
option) with a one-line message. A subclass says how to import and what to print.
"""

from __future__ import annotations

from argparse import ArgumentParser, _SubParsersAction
from collections.abc import Callable, Sized
from pathlib import Path
from typing import Any, BinaryIO, Protocol

from django.core.management.base import BaseCommand, CommandError

from skillframe.importing.problems import FormatError

FILE_HELP = "CSV (UTF-8, `,` or `;`) or XLSX file"
UNCHANGED = "Nothing was changed (--dry-run)."


class ImportCommand(BaseCommand):
    """A command with an `import` action; subclasses implement `import_file`.

    Other actions (`people anonymise`) are added in `add_actions` and run by `do_<action>`.
    """

    import_help = "import from a CSV or XLSX file (the whole file is checked first)"
    dry_run_help = "only check the file; change nothing"
    # How a problem and the closing message are written (each command keeps its documented
    # wording): `{file}` is the file's name, `{problem}` one problem, `{count}` how many.
    problem_line = "{problem}"
    refusal = "{count} {problems} in {file}; nothing was imported"

    def add_arguments(self, parser: ArgumentParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        importing = actions.add_parser("import", help=self.import_help)
        importing.add_argument("file", help=FILE_HELP)
        importing.add_argument("--dry-run", action="store_true", help=self.dry_run_help)
        self.add_import_arguments(importing)
        self.add_actions(actions)

    def add_import_arguments(self, parser: ArgumentParser) -> None:
        """Options of `import` beyond FILE and --dry-run."""

    def add_actions(self, actions: _SubParsersAction[ArgumentParser]) -> None:
        """Actions other than `import`."""

    def handle(self, *args: Any, **options: Any) -> None:
        getattr(self, f"do_{options['action'].replace('-', '_')}")(options)

    def import_file(self, data: BinaryIO, path: Path, options: dict[str, Any]) -> str:
        """Import (or with options["dry_run"] only check) the open file; return the report.

        Raise FormatError listing the problems, or CommandError for any other user error.
        """
        raise NotImplementedError

    def do_import(self, options: dict[str, Any]) -> None:
        path = Path(options["file"])
        try:
            with path.open("rb") as data:
                report = self.import_file(data, path, options)
        except FileNotFoundError:
            raise CommandError(f"cannot read {path}: no such file") from None
        except OSError as exc:
            raise CommandError(f"cannot read {path}: {exc.strerror or exc}") from None
        except FormatError as exc:
            raise self.refused(path, exc) from None
        self.stdout.write(report)

    def refused(self, path: Path, error: FormatError) -> CommandError:
        """The problems on standard error (the first MAX_REPORTED, then how many more); the
        error that ends the command (exit status 1)."""
        for problem in error.reported:
            self.stderr.write(self.problem_line.format(file=path.name, problem=problem))
        if error.unreported:
            self.stderr.write(error.more)
        count = len(error.problems)
        return CommandError(
            self.refusal.format(
                count=count, problems="problem" if count == 1 else "problems", file=path.name
            )
        )


class RecordsResult(Protocol):
    """What an import of whole records (role profiles, goals) says it did."""

    @property
    def created(self) -> Sized: ...

    @property
    def updated(self) -> Sized: ...

    @property
    def details(self) -> str:
        """What else it counted: "5 requirement(s)"."""
        ...


class RecordsImportCommand(ImportCommand):
    """An import that creates and updates whole records (`what`: "role", "goal"), reported in
    one line: "Imported 2 role(s) from roles.csv: 1 created, 1 updated, 5 requirement(s)." or,
    with --dry-run, "roles.csv is valid: 2 role(s), 5 requirement(s). Nothing was changed …"."""

    what = "record"
    # (file, source=name, dry_run=…) → RecordsResult; raises FormatError. A staticmethod.
    importer: Callable[..., RecordsResult]

    def import_file(self, data: BinaryIO, path: Path, options: dict[str, Any]) -> str:
        dry_run = options["dry_run"]
        result = self.importer(data, source=path.name, dry_run=dry_run)
        created, updated = len(result.created), len(result.updated)
        count = f"{created + updated} {self.what}(s)"
        if dry_run:
            return f"{path.name} is valid: {count}, {result.details}. {UNCHANGED}"
        changes = f"{created} created, {updated} updated, {result.details}"
        return f"Imported {count} from {path.name}: {changes}."
