"""`skillframe audit export [--since DATE] [--format csv|json] [-o FILE]`: the audit trail.

For operators at the command line (who hold the database anyway): every event since DATE (or
all), oldest first, as formula-safe CSV or a JSON array, to stdout or a file.
"""

from __future__ import annotations

from argparse import ArgumentParser
from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from skillframe.audit.reading import EventFilters, csv_lines, events, json_lines


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--since {text!r} is not a date (use YYYY-MM-DD)") from None


class Command(BaseCommand):
    help = "Read the audit trail."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        export = sub.add_parser("export", help="write the audit events as CSV or JSON")
        export.add_argument("--since", help="only events from this day on (YYYY-MM-DD)")
        export.add_argument("--format", choices=("csv", "json"), default="csv")
        export.add_argument("-o", "--output", help="write to this file instead of stdout")

    def handle(self, *args: Any, **options: Any) -> None:
        since = _day(options["since"]) if options["since"] else None
        # Oldest first: an export reads as a log, and appends cleanly to an earlier one.
        found = events(EventFilters(since=since)).order_by("created_at", "id").iterator()
        lines = csv_lines(found) if options["format"] == "csv" else json_lines(found)
        if options["output"]:
            path = Path(options["output"])
            try:
                with path.open("w", encoding="utf-8", newline="") as handle:
                    handle.writelines(lines)
            except OSError as exc:
                raise CommandError(f"cannot write {path}: {exc.strerror}") from None
        else:
            for line in lines:
                self.stdout.write(line, ending="")  # the lines carry their own endings
