"""The CSV and XLSX authoring templates: one row per element, the same rows in both.

The row model (columns, framework and scale rows, validation) is in tabular_rows.py and
docs/formats.md. CSV is written as Excel opens it best (UTF-8 with BOM, CRLF, `,`) and read as a
stream whichever of those it has (`;` is sniffed). XLSX is written with openpyxl's write-only
workbook and read with its read-only one, so neither holds a whole sheet of cell objects.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from typing import BinaryIO

# openpyxl ships no type information (types-openpyxl is not a dependency).
from openpyxl import Workbook, load_workbook  # type: ignore[import-untyped]
from openpyxl.cell import WriteOnlyCell  # type: ignore[import-untyped]
from openpyxl.utils.exceptions import InvalidFileException  # type: ignore[import-untyped]

from skillframe.frameworks.formats.base import FormatError, Problem
from skillframe.frameworks.formats.csv_input import csv_rows
from skillframe.frameworks.formats.tabular_rows import Cell, cell_text, rows_spec, spec_rows
from skillframe.frameworks.spec import FrameworkSpec

SHEET_TITLE = "framework"


class CsvFormat:
    name = "csv"
    media_type = "text/csv; charset=utf-8"
    extension = ".csv"

    def dump(self, spec: FrameworkSpec) -> bytes:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        for row in spec_rows(spec):
            writer.writerow(cell_text(cell) for cell in row)
        # The BOM makes Excel read the file as UTF-8 instead of the local code page.
        return buffer.getvalue().encode("utf-8-sig")

    def load(self, data: BinaryIO, *, slug: str | None = None) -> FrameworkSpec:
        rows = ((number, list[object](cells)) for number, cells in csv_rows(data))
        return rows_spec(rows, slug=slug)


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
        if not data.seekable():  # a zip file is read from its end: it needs seeking
            data = io.BytesIO(data.read())
        try:
            workbook = load_workbook(data, read_only=True, data_only=True)
        except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError) as exc:
            raise FormatError([Problem("file", "", "", f"not an xlsx workbook ({exc})")]) from None
        try:
            names = workbook.sheetnames
            sheet = workbook[SHEET_TITLE] if SHEET_TITLE in names else workbook.worksheets[0]
            return rows_spec(_sheet_rows(sheet.iter_rows(values_only=True)), slug=slug)
        finally:
            workbook.close()


def _sheet_rows(rows: Iterator[tuple[object, ...]]) -> Iterator[tuple[int, list[object]]]:
    for number, row in enumerate(rows, start=1):
        yield number, list(row)


def _cell(sheet: object, value: Cell) -> object:
    """Text that starts with "=" would be stored as a formula: keep it text."""
    if isinstance(value, str) and value.startswith("="):
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell
    return value if value != "" else None


CSV_FORMAT = CsvFormat()
XLSX_FORMAT = XlsxFormat()
