"""Reading a people file (CSV or XLSX) into rows; no database access.

One header row, then one person per row (docs/people.md, "Importing people"). Headers are
matched without case, with spaces, hyphens and underscores alike ("Employee ID", "employee_id"
and "employee-id" are the same column). Rows are numbered as a spreadsheet shows them: the
header is row 1; blank rows are skipped but still counted.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

# openpyxl ships no type information (types-openpyxl is not a dependency).
from openpyxl import load_workbook  # type: ignore[import-untyped]
from openpyxl.utils.exceptions import InvalidFileException  # type: ignore[import-untyped]

from skillframe.frameworks.formats.base import FormatError, Problem
from skillframe.frameworks.formats.csv_input import csv_rows
from skillframe.frameworks.formats.tabular_rows import cell_text

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
XLSX_MAGIC = b"PK\x03\x04"  # an xlsx workbook is a zip archive


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


def header_key(text: str) -> str:
    key = "_".join(text.strip().lower().replace("-", " ").replace("_", " ").split())
    return ALIASES.get(key, key)


def numbered_cells(data: BinaryIO) -> Iterator[tuple[int, list[str]]]:
    """(row number, cells as text) for the non-blank rows of a CSV or XLSX file.

    The kind is told from the content (an xlsx file is a zip archive), not from the name.
    """
    if not data.seekable():  # a zip file is read from its end, and we peek at the start
        data = io.BytesIO(data.read())
    start = data.tell()
    magic = data.read(len(XLSX_MAGIC))
    data.seek(start)
    if magic == XLSX_MAGIC:
        yield from _xlsx_cells(data)
    else:
        yield from csv_rows(data)


def _xlsx_cells(data: BinaryIO) -> Iterator[tuple[int, list[str]]]:
    try:
        workbook = load_workbook(data, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError) as exc:
        raise FormatError([Problem("file", "", "", f"not an xlsx workbook ({exc})")]) from None
    try:
        sheet = workbook.worksheets[0]
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = [cell_text(value) for value in values]
            if any(cell.strip() for cell in cells):
                yield number, cells
    finally:
        workbook.close()


def parse(data: BinaryIO) -> ParsedFile:
    """Every row of the file, and every problem with the header or a row's shape."""
    problems: list[Problem] = []
    rows: list[PersonRow] = []
    cells_iter = numbered_cells(data)
    first = next(cells_iter, None)
    if first is None:
        raise FormatError([Problem("row 1", "", "", "the file is empty: no header row")])
    header_number, header = first
    keys, headers = _header(header_number, header, problems)
    if problems:
        # Without the right columns every row would fail: report the header alone.
        return ParsedFile([], headers, problems)
    for number, cells in cells_iter:
        extra = [cell for cell in cells[len(keys) :] if cell.strip()]
        if extra:
            message = f"{len(cells)} cells but the header has {len(keys)} columns"
            problems.append(Problem(f"row {number}", "", extra[0], message))
            continue
        headless = [
            cell for key, cell in zip(keys, cells, strict=False) if not key and cell.strip()
        ]
        if headless:
            problems.append(
                Problem(f"row {number}", "", headless[0], "a value in a column without a header")
            )
            continue
        values = {
            key: cells[i].strip() if i < len(cells) else "" for i, key in enumerate(keys) if key
        }
        rows.append(
            PersonRow(
                number=number,
                employee_id=values["employee_id"],
                name=" ".join(values["name"].split()),
                email=values["email"],
                unit=values["unit"],
                job_title=values.get("job_title"),
                manager_employee_id=values.get("manager_employee_id"),
            )
        )
    if not rows and not problems:
        problems.append(Problem("file", "", "", "the file has a header but no people rows"))
    return ParsedFile(rows, headers, problems)


def _header(
    number: int, cells: list[str], problems: list[Problem]
) -> tuple[list[str], dict[str, str]]:
    keys: list[str] = []
    headers: dict[str, str] = {}
    where = f"row {number}"
    for cell in cells:
        key = header_key(cell)
        if not key:
            keys.append("")  # an unnamed, empty column (a trailing separator): ignored
        elif key in headers:
            problems.append(
                Problem(where, cell, cell, f"duplicate column (same as {headers[key]!r})")
            )
            keys.append("")
        elif key not in COLUMNS:
            known = ", ".join(COLUMNS)
            problems.append(Problem(where, cell, cell, f"unknown column (expected: {known})"))
            keys.append("")
        else:
            headers[key] = cell.strip()
            keys.append(key)
    for name in REQUIRED_COLUMNS:
        if name not in headers:
            problems.append(Problem(where, name, ", ".join(cells), "required column is missing"))
    return keys, headers
