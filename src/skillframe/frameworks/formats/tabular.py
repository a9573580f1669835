"""The CSV and XLSX authoring templates: one row per element, the same rows in both.

The row model (columns, framework and scale rows, validation) is in tabular_rows.py and
docs/formats.md. CSV is written as Excel opens it best (UTF-8 with BOM, CRLF, `,`). XLSX is
written with openpyxl's write-only workbook, so it never holds a whole sheet of cell objects.
Both are read by the import kernel (`skillframe.importing.spreadsheets`): as a stream, within
its size and row limits.
"""

from __future__ import annotations

import csv
import io
from typing import BinaryIO

# openpyxl ships no type information (types-openpyxl is not a dependency).
from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.cell import WriteOnlyCell  # type: ignore[import-untyped]

from skillframe.frameworks.formats.tabular_rows import Cell, rows_spec, spec_rows
from skillframe.frameworks.spec import FrameworkSpec
from skillframe.importing.cells import from_csv_cell, to_csv_cell
from skillframe.importing.spreadsheets import SheetRow, cell_text, read_rows

SHEET_TITLE = "framework"


class CsvFormat:
    name = "csv"
    media_type = "text/csv; charset=utf-8"
    extension = ".csv"

    def dump(self, spec: FrameworkSpec) -> bytes:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        for row in spec_rows(spec):
            # Formula-safe (OWASP): a cell such as "=1+1" is written "'=1+1", read back below.
            writer.writerow(to_csv_cell(cell_text(cell)) for cell in row)
        # The BOM makes Excel read the file as UTF-8 instead of the local code page.
        return buffer.getvalue().encode("utf-8-sig")

    def load(self, data: BinaryIO, *, slug: str | None = None) -> FrameworkSpec:
        rows = read_rows(data, kind="csv")
        return rows_spec((_csv_original(row) for row in rows), slug=slug)


class XlsxFormat:
    name = "xlsx"
    media_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    extension = ".xlsx"

    def dump(self, spec: FrameworkSpec) -> bytes:
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(SHEET_TITLE)
        for row in spec_rows(spec):
            sheet.append([_cell(sheet, value) for value in row])
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()

    def load(self, data: BinaryIO, *, slug: str | None = None) -> FrameworkSpec:
        return rows_spec(read_rows(data, kind="xlsx", sheet=SHEET_TITLE), slug=slug)


def _csv_original(row: SheetRow) -> SheetRow:
    """The row's text as it was before to_csv_cell quoted it (CSV cells are all text)."""
    return SheetRow(row.number, [from_csv_cell(str(cell)) for cell in row.cells])


def _cell(sheet: object, value: Cell) -> object:
    """Text that starts with "=" would be stored as a formula: keep it text."""
    if isinstance(value, str) and value.startswith("="):
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell
    return value if value != "" else None


CSV_FORMAT = CsvFormat()
XLSX_FORMAT = XlsxFormat()
