"""Reading real-world CSV files as a stream: UTF-8 with or without BOM, CRLF, `,` or `;`.

Shared by the tabular (csv) and Moodle readers. Rows are numbered as a spreadsheet shows them:
the header is row 1, blank lines are skipped but still counted.
"""

from __future__ import annotations

import csv
import itertools
from collections.abc import Iterator
from typing import BinaryIO

from skillframe.frameworks.formats.base import FormatError, Problem

# Quoted fields can be long (NOS metadata as JSON, long descriptions): lift csv's 128 KiB cap.
csv.field_size_limit(16 * 1024 * 1024)


def sniff_delimiter(header: str) -> str:
    """`;` when the header line has more semicolons than commas outside quotes, else `,`.

    Spreadsheet programs in locales with a decimal comma save CSV with `;`. Only the header is
    looked at (it never holds free text), so the file stays a stream; csv.Sniffer would need a
    sample of body rows and guesses wrongly on prose with commas.
    """
    counts = {",": 0, ";": 0}
    quoted = False
    for char in header:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    return ";" if counts[";"] > counts[","] else ","


def csv_rows(data: BinaryIO) -> Iterator[tuple[int, list[str]]]:
    """(row number, cells) for every non-blank record, header first, decoded as it is read.

    Raises FormatError when the file is empty or not UTF-8 text (naming the line).
    """
    lines = _decoded_lines(data)
    header = next(lines, "")
    if not header.strip():
        raise FormatError([Problem("row 1", "", "", "the file is empty: no header row")])
    reader = csv.reader(itertools.chain([header], lines), delimiter=sniff_delimiter(header))
    row_number = 0
    try:
        for row_number, cells in enumerate(reader, start=1):
            if any(cell.strip() for cell in cells):
                yield row_number, cells
    except csv.Error as exc:
        raise FormatError(
            [Problem(f"row {row_number + 1}", "", "", f"broken CSV: {exc}")]
        ) from None


def _decoded_lines(data: BinaryIO) -> Iterator[str]:
    """The file's lines as text, one at a time. Lines keep their CRLF or LF, as csv wants
    (newline=""); decoding line by line lets an encoding problem name its line."""
    for line_number, raw in enumerate(data, start=1):
        try:
            line = raw.decode("utf-8-sig" if line_number == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            found = repr(raw[exc.start : exc.end])
            message = "not UTF-8 text: save the file as CSV UTF-8"
            raise FormatError([Problem(f"line {line_number}", "", found, message)]) from None
        yield line
