"""`skillframe roles import FILE [--dry-run]`: role profiles from a CSV or XLSX file (atomic)."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from skillframe.frameworks.formats.base import FormatError
from skillframe.people import roles_import


class Command(BaseCommand):
    help = "Manage role profiles."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        importing = sub.add_parser(
            "import",
            help="import role profiles from CSV or XLSX (validates the whole file first; "
            "a role already present gets the file's title and requirements)",
        )
        importing.add_argument("file", help="CSV (UTF-8, `,` or `;`) or XLSX file")
        importing.add_argument(
            "--dry-run", action="store_true", help="only check the file; change nothing"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        getattr(self, f"do_{options['action']}")(options)

    def do_import(self, options: dict[str, Any]) -> None:
        path = Path(options["file"])
        try:
            with path.open("rb") as data:
                plans = roles_import.parse(data)
                if options["dry_run"]:
                    count = sum(len(plan.requirements) for plan in plans)
                    self.stdout.write(
                        f"{path.name} is valid: {len(plans)} role(s), {count} requirement(s). "
                        "Nothing was changed (--dry-run)."
                    )
                    return
                result = roles_import.apply(plans, source=path.name)
        except OSError as exc:
            raise CommandError(f"cannot read {path}: {exc.strerror}") from None
        except FormatError as exc:
            for problem in exc.problems:
                self.stderr.write(str(problem))
            n = len(exc.problems)
            raise CommandError(
                f"{n} problem{'s' if n != 1 else ''} in {path.name}; nothing was imported"
            ) from None
        self.stdout.write(
            f"Imported {len(result.created) + len(result.updated)} role(s) from {path.name}: "
            f"{len(result.created)} created, {len(result.updated)} updated, "
            f"{result.requirements} requirement(s)."
        )
