"""`skillframe backup FILE [--portable]`: the whole database into one file (ops/backup.py)."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from skillframe.ops.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Back the database up into FILE (mode 0600): SQLite's online backup, PostgreSQL's "
        "pg_dump custom format, or with --portable JSON that restores into either engine."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", type=Path, metavar="FILE")
        parser.add_argument(
            "--portable",
            action="store_true",
            help="Django's JSON rows (slower; restores into SQLite or PostgreSQL)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            outcome = backup(options["file"], portable=options["portable"])
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"Backed up to {outcome.path} ({outcome.kind}, {outcome.size:,} bytes)")
