"""`skillframe current-ratings rebuild|check`: the maintained current-rating table.

`rebuild` replaces `assessments_latestrating` by what the append-only history derives (one
INSERT … SELECT inside a transaction); `check` compares the two in SQL and exits 1 when they
differ, naming up to ten (person, element) pairs. See docs/current-ratings.md.
"""

from __future__ import annotations

import time
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from skillframe.assessments import latest


class Command(BaseCommand):
    help = "Rebuild the current-rating table from the rating history, or check it against it."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("action", choices=("rebuild", "check"))

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        if options["action"] == "rebuild":
            with transaction.atomic():
                rows = latest.rebuild()
            seconds = time.perf_counter() - started
            self.stdout.write(f"Rebuilt the current-rating table: {rows} rows in {seconds:.1f} s.")
            return
        result = latest.check()
        seconds = time.perf_counter() - started
        if result.ok:
            self.stdout.write(
                f"The current-rating table matches the history: {result.rows} rows "
                f"({seconds:.1f} s)."
            )
            return
        pairs = ", ".join(f"person {p} element {e}" for p, e in result.examples)
        raise CommandError(
            f"the current-rating table differs from the history: {result.missing} row(s) "
            f"missing or different, {result.extra} row(s) extra (e.g. {pairs}); "
            "run `skillframe current-ratings rebuild`"
        )
