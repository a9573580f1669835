"""`skillframe goals import FILE [--dry-run]`: organisation goals from a CSV or XLSX file
(atomic; see docs/roles.md)."""

from __future__ import annotations

from skillframe.importing.command import RecordsImportCommand
from skillframe.people import goals_import


class Command(RecordsImportCommand):
    help = "Manage organisation goals."
    import_help = (
        "import organisation goals from CSV or XLSX (validates the whole file first; "
        "a goal already present with the same title and period gets the file's weights)"
    )
    what = "goal"
    importer = staticmethod(goals_import.import_goals)
