"""`skillframe roles import FILE [--dry-run]`: role profiles from a CSV or XLSX file (atomic)."""

from __future__ import annotations

from skillframe.importing.command import RecordsImportCommand
from skillframe.people import roles_import


class Command(RecordsImportCommand):
    help = "Manage role profiles."
    import_help = (
        "import role profiles from CSV or XLSX (validates the whole file first; "
        "a role already present gets the file's title and requirements)"
    )
    what = "role"
    importer = staticmethod(roles_import.import_roles)
