"""Reading a people file (CSV or XLSX) into rows; no database access.

One header row, then one person per row (docs/people.md, "Importing people"). The file is read
by the import kernel (`skillframe.importing`): headers match without case, with spaces, hyphens
and underscores alike ("Employee ID", "employee_id" and "employee-id" are the same column), and
rows are numbered as a spreadsheet shows them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import BinaryIO

from skillframe.importing.problems import Problem
from skillframe.importing.spreadsheets import read_rows
from skillframe.importing.tables import Columns, read_table

COLUMNS = ("employee_id", "name", "email", "job_title", "unit", "manager_employee_id")
REQUIRED_COLUMNS = ("employee_id", "name", "email", "unit")
# Other spellings seen in HR system exports, mapped to our column names.
ALIASES = {
    "employee": "employee_id",
    "employee_number": "employee_id",
    "full_name": "name",
    "e_mail": "email",
    "email_address": "email",
    "title": "job_title",
    "unit_code": "unit",
    "manager": "manager_employee_id",
    "manager_id": "manager_employee_id",
}
PEOPLE_COLUMNS = Columns(COLUMNS, REQUIRED_COLUMNS, aliases=ALIASES)


@dataclass(frozen=True)
class PersonRow:
    """One person as the file gives them; values stripped of surrounding spaces.

    `job_title` and `manager_employee_id` are None when the file has no such column: the
    import then leaves those fields of existing people as they are.
    """

    number: int
    employee_id: str
    name: str
    email: str
    unit: str
    job_title: str | None = None
    manager_employee_id: str | None = None


@dataclass(frozen=True)
class ParsedFile:
    rows: list[PersonRow]
    headers: dict[str, str]  # our column name → the header as written in the file
    problems: list[Problem]

    def column(self, name: str) -> str:
        return self.headers.get(name, name)


def parse(data: BinaryIO) -> ParsedFile:
    """Every row of the file, and every problem with a row's shape.

    Raises FormatError when the file cannot be read (empty, not UTF-8, not a workbook, over a
    limit) or its header is wrong: without the right columns every row would fail.
    """
    table = read_table(read_rows(data), PEOPLE_COLUMNS)
    rows = [
        PersonRow(
            number=record.number,
            employee_id=record.text("employee_id"),
            name=" ".join(record.text("name").split()),
            email=record.text("email"),
            unit=record.text("unit"),
            job_title=record.text("job_title") if record.has("job_title") else None,
            manager_employee_id=(
                record.text("manager_employee_id") if record.has("manager_employee_id") else None
            ),
        )
        for record in table.records()
    ]
    if not rows and not table.problems:
        raise table.no_rows("people rows")
    return ParsedFile(rows, table.headers, table.problems)
