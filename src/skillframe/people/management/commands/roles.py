"""`skillframe roles import FILE [--dry-run]`: role profiles from a CSV or XLSX file (atomic)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, BinaryIO

from skillframe.importing.command import ImportCommand, import_report
from skillframe.people import roles_import


class Command(ImportCommand):
    help = "Manage role profiles."
    import_help = (
        "import role profiles from CSV or XLSX (validates the whole file first; "
        "a role already present gets the file's title and requirements)"
    )

    def import_file(self, data: BinaryIO, path: Path, options: dict[str, Any]) -> str:
        result = roles_import.import_roles(data, source=path.name, dry_run=options["dry_run"])
        return import_report(
            path,
            dry_run=options["dry_run"],
            what="role",
            created=len(result.created),
            updated=len(result.updated),
            details=f"{result.requirements} requirement(s)",
        )
