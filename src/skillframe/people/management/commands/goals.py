"""`skillframe goals import FILE [--dry-run]`: organisation goals from a CSV or XLSX file
(atomic; see docs/roles.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, BinaryIO

from skillframe.importing.command import ImportCommand, import_report
from skillframe.people import goals_import


class Command(ImportCommand):
    help = "Manage organisation goals."
    import_help = (
        "import organisation goals from CSV or XLSX (validates the whole file first; "
        "a goal already present with the same title and period gets the file's weights)"
    )

    def import_file(self, data: BinaryIO, path: Path, options: dict[str, Any]) -> str:
        result = goals_import.import_goals(data, source=path.name, dry_run=options["dry_run"])
        return import_report(
            path,
            dry_run=options["dry_run"],
            what="goal",
            created=len(result.created),
            updated=len(result.updated),
            details=f"{result.weights} weight(s)",
        )
