"""`skillframe restore FILE [--force]`: replace the database with a backup (ops/backup.py)."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from skillframe.ops.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by `skillframe backup`. Refuses a database that holds data "
        "unless --force, and a backup whose migrations differ from this version's. Stop the "
        "server first."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", type=Path, metavar="FILE")
        parser.add_argument(
            "--force", action="store_true", help="replace a database that already holds data"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            outcome = restore(options["file"], force=options["force"])
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"Restored {outcome.path} ({outcome.kind})")
