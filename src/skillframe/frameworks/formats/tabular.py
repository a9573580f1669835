"""The CSV authoring template and the XLSX workbook.

CSV: one row per element, the row model (columns, framework and scale rows, validation) of
tabular_rows.py and docs/formats.md, written as Excel opens it best (UTF-8 with BOM, CRLF, `,`).
XLSX: the workbook an HR person works in (tabular_xlsx.py: Elements, Scale and Framework
sheets), read back through the same row model; a workbook in the older one-sheet template is
still read. Both are read by the import kernel (`skillframe.importing.spreadsheets`), within its
size and row limits.
"""

from __future__ import annotations

import csv
import io
from typing import BinaryIO

# openpyxl ships no type information (types-openpyxl is not a dependency).
from skillframe.frameworks.formats import tabular_xlsx
from skillframe.frameworks.formats.tabular_rows import rows_spec, spec_rows
from skillframe.frameworks.spec import FrameworkSpec
from skillframe.importing.cells import from_csv_cell, to_csv_cell
from skillframe.importing.spreadsheets import DEFAULT_LIMITS, SheetRow, cell_text, read_rows

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
        return tabular_xlsx.dump(spec)  # the HR workbook: Elements, Scale, Framework sheets

    def load(self, data: BinaryIO, *, slug: str | None = None) -> FrameworkSpec:
        # Read once, within the import limit (read_rows refuses what is over it): the new
        # layout has three sheets; a workbook in the one-sheet template is read as before.
        raw = data.read(DEFAULT_LIMITS.max_file_bytes + 1)
        spec = tabular_xlsx.load(raw, slug=slug)
        if spec is not None:
            return spec
        return rows_spec(read_rows(io.BytesIO(raw), kind="xlsx", sheet=SHEET_TITLE), slug=slug)


def _csv_original(row: SheetRow) -> SheetRow:
    """The row's text as it was before to_csv_cell quoted it (CSV cells are all text)."""
    return SheetRow(row.number, [from_csv_cell(str(cell)) for cell in row.cells])


CSV_FORMAT = CsvFormat()
XLSX_FORMAT = XlsxFormat()
