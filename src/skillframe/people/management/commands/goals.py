"""`skillframe goals import FILE [--dry-run]`: organisation goals from a CSV or XLSX file
(atomic; see docs/roles.md)."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from skillframe.frameworks.formats.base import FormatError
from skillframe.people import goals_import


class Command(BaseCommand):
    help = "Manage organisation goals."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        importing = sub.add_parser(
            "import",
            help="import organisation goals from CSV or XLSX (validates the whole file first; "
            "a goal already present with the same title and period gets the file's weights)",
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
                plans = goals_import.parse(data)
                if options["dry_run"]:
                    count = sum(len(plan.weights) for plan in plans)
                    self.stdout.write(
                        f"{path.name} is valid: {len(plans)} goal(s), {count} weight(s). "
                        "Nothing was changed (--dry-run)."
                    )
                    return
                result = goals_import.apply(plans, source=path.name)
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
            f"Imported {len(result.created) + len(result.updated)} goal(s) from {path.name}: "
            f"{len(result.created)} created, {len(result.updated)} updated, "
            f"{result.weights} weight(s)."
        )
