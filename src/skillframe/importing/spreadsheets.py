"""Reading a spreadsheet (CSV or XLSX) into numbered rows: safely, and as a stream.

Every importer reads its file through here: people, role profiles, organisation goals and the
framework authoring template (docs/formats.md). Pure Python, no Django.

- The kind is told from the content (an XLSX workbook is a zip archive), unless the caller
  names it.
- CSV is read as it is written by spreadsheet programs: UTF-8 with or without byte-order mark,
  LF, CRLF or CR line ends, `,` or `;` between cells (told from the header line). Other
  encodings are refused with the line they fail on, so nothing is silently misread.
- XLSX is read with openpyxl's read-only workbook, so no sheet is held whole in memory; typed
  cells stay typed (numbers, dates).
- Rows are numbered as a spreadsheet shows them: the header is row 1; blank rows are skipped but
  still counted, so a problem's row number is the one the person sees.
- Limits (`Limits`) are checked before the file is read whole: its size first, then an XLSX
  archive's unpacked size and a sheet's declared dimensions, then the rows as they come.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, BinaryIO, Literal, NamedTuple

from skillframe.importing.problems import FormatError, Problem

MiB = 1024 * 1024
# The defaults of `Limits`. Django's settings give the configured values (SKILLFRAME_IMPORT_*,
# README "File and volume limits") to `configure` at start-up; this module stays plain Python.
# An HR export of 100,000 people is about 10 MB of CSV; a framework with NOS metadata ~5 MB.
MAX_FILE_BYTES = 20 * MiB
# Rows of the sheet, header and blank rows included (the largest organisation we plan for has
# 100,000 people; an XLSX sheet has at most 1,048,576 rows).
MAX_ROWS = 200_000
# Columns a sheet may declare: every row of a read-only sheet is padded to this width.
MAX_COLUMNS = 1_000
# An XLSX workbook unpacked (all parts of the zip archive, by their declared sizes, which
# zipfile enforces while unpacking): a small archive must not unpack into gigabytes. 100,000
# people in six columns unpack to about 45 MB.
MAX_UNPACKED_BYTES = 100 * MiB
# The shared-strings part of a workbook, unpacked: openpyxl holds it whole in memory (the only
# part it does not stream), so it gets its own, smaller bound.
MAX_SHARED_STRINGS_BYTES = 32 * MiB
# Quoted CSV fields can be long (NOS metadata as JSON, long descriptions): lift csv's 128 KiB cap.
csv.field_size_limit(16 * MiB)

XLSX_MAGIC = b"PK\x03\x04"  # an xlsx workbook is a zip archive
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")

Kind = Literal["csv", "xlsx"]


@dataclass(frozen=True)
class Limits:
    """How large a file may be; every limit is named in the problem that refuses a file."""

    max_file_bytes: int = MAX_FILE_BYTES
    max_rows: int = MAX_ROWS
    max_columns: int = MAX_COLUMNS
    max_unpacked_bytes: int = MAX_UNPACKED_BYTES
    max_shared_strings_bytes: int = MAX_SHARED_STRINGS_BYTES

    @property
    def summary(self) -> str:
        return f"{self.max_rows:,} rows and {self.max_file_bytes // MiB} MB"


DEFAULT_LIMITS = Limits()


def configure(limits: Limits) -> None:
    """Make `limits` the default of every read (Django's settings call this at start-up)."""
    global DEFAULT_LIMITS
    DEFAULT_LIMITS = limits


class SheetRow(NamedTuple):
    """A non-blank row: its number as a spreadsheet shows it, and its cells (CSV: text;
    XLSX: as typed in the sheet: str, int, float, datetime, bool or None)."""

    number: int
    cells: list[object]


def cell_text(value: object) -> str:
    """A cell as a person reads it, not stripped: empty cells (None) as "", whole numbers
    without ".0" (XLSX stores 3 as 3.0), date cells as YYYY-MM-DD."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime) and value.time() == datetime.min.time():
        return value.date().isoformat()
    if isinstance(value, date) and not isinstance(value, datetime):
        return value.isoformat()
    return str(value)


def is_blank(cells: list[object]) -> bool:
    return not any(cell_text(cell).strip() for cell in cells)


def read_rows(
    data: BinaryIO,
    *,
    kind: Kind | None = None,
    sheet: str | None = None,
    limits: Limits | None = None,
) -> Iterator[SheetRow]:
    """The non-blank rows of a CSV or XLSX file, header first.

    `kind` None: told from the content. `sheet`: the XLSX sheet to read when the workbook has
    one of that name, else the first. Raises FormatError (an empty or broken file, a wrong
    encoding, a limit exceeded) with the place of the problem. `limits` None: DEFAULT_LIMITS.
    """
    limits = limits or DEFAULT_LIMITS
    data = _bounded(data, limits)
    if kind is None:
        kind = "xlsx" if data.read(len(XLSX_MAGIC)) == XLSX_MAGIC else "csv"
        data.seek(0)
    if kind == "xlsx":
        yield from _xlsx_rows(data, sheet, limits)
    else:
        for number, cells in _csv_rows(data, limits):
            yield SheetRow(number, list[object](cells))


def csv_rows(data: BinaryIO, *, limits: Limits | None = None) -> Iterator[tuple[int, list[str]]]:
    """(row number, cells as text) for every non-blank record of a CSV file, header first."""
    limits = limits or DEFAULT_LIMITS
    yield from _csv_rows(_bounded(data, limits), limits)


def within_size_limit(data: BinaryIO, limits: Limits | None = None) -> BinaryIO:
    """`data` from its start, or FormatError naming the file size limit (any import format)."""
    return _bounded(data, limits or DEFAULT_LIMITS)


def _too_large(size: int, limits: Limits) -> FormatError:
    message = (
        f"the file is larger than the limit of {limits.max_file_bytes // MiB} MB "
        "(split it into smaller files)"
    )
    return FormatError([Problem("file", "", f"{size / MiB:.1f} MB", message)])


def _too_many_rows(number: int, limits: Limits) -> FormatError:
    message = f"more than the limit of {limits.max_rows:,} rows (split the file)"
    return FormatError([Problem(f"row {number}", "", "", message)])


def _bounded(data: BinaryIO, limits: Limits) -> BinaryIO:
    """`data` from its start, refused at once when larger than the limit; a stream that cannot
    seek is read into memory, but never more than the limit (a zip archive is read from its
    end)."""
    if not data.seekable():
        head = data.read(limits.max_file_bytes + 1)
        if len(head) > limits.max_file_bytes:
            raise _too_large(len(head), limits)
        return io.BytesIO(head)
    size = data.seek(0, io.SEEK_END)
    data.seek(0)
    if size > limits.max_file_bytes:
        raise _too_large(size, limits)
    return data


def _csv_rows(data: BinaryIO, limits: Limits) -> Iterator[tuple[int, list[str]]]:
    lines = _decoded_lines(data, limits)
    header = next(lines, "")
    if not header.strip():
        raise FormatError([Problem("row 1", "", "", "the file is empty: no header row")])
    reader = csv.reader(itertools.chain([header], lines), delimiter=sniff_delimiter(header))
    number = 0
    try:
        for number, cells in enumerate(reader, start=1):
            if number > limits.max_rows:
                raise _too_many_rows(number, limits)
            if any(cell.strip() for cell in cells):
                yield number, cells
    except csv.Error as exc:
        raise FormatError([Problem(f"row {number + 1}", "", "", f"broken CSV: {exc}")]) from None


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


def _decoded_lines(data: BinaryIO, limits: Limits) -> Iterator[str]:
    """The file's lines as text, one at a time, each with its line end (csv wants them, as
    with newline=""). Decoding line by line lets an encoding problem name its line."""
    for number, raw in enumerate(_raw_lines(data, limits), start=1):
        if number == 1 and raw.startswith(UTF16_BOMS):
            message = "UTF-16 text: save the file as CSV UTF-8"
            raise FormatError([Problem("line 1", "", repr(raw[:2]), message)])
        try:
            yield raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            found = repr(raw[exc.start : exc.end])
            message = "not UTF-8 text: save the file as CSV UTF-8"
            raise FormatError([Problem(f"line {number}", "", found, message)]) from None


def _raw_lines(data: BinaryIO, limits: Limits) -> Iterator[bytes]:
    """Lines ending in LF, CRLF or a lone CR (Excel for Mac's "CSV (Macintosh)"); reading stops
    with a problem past the size limit, even where the size could not be known in advance."""
    read = 0
    while raw := data.readline(limits.max_file_bytes - read + 1):
        read += len(raw)
        if read > limits.max_file_bytes:
            raise _too_large(read, limits)
        # A CR byte is never part of a multi-byte UTF-8 character: splitting bytes is safe.
        yield from raw.splitlines(keepends=True)


def _xlsx_rows(data: BinaryIO, sheet: str | None, limits: Limits) -> Iterator[SheetRow]:
    # Imported here, not at the top: settings configure this module's limits at start-up,
    # and openpyxl (with numpy) costs every process about 0.4 s to import.
    # openpyxl ships no type information (types-openpyxl is not a dependency).
    from openpyxl import load_workbook  # type: ignore[import-untyped]

    rows_by_part = _check_archive(data, limits)
    try:
        workbook = load_workbook(data, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds: any file it cannot load is no workbook
        raise FormatError([Problem("file", "", "", f"not an xlsx workbook ({exc})")]) from None
    try:
        if not workbook.worksheets:
            raise FormatError([Problem("file", "", "", "the workbook has no sheet")])
        names = workbook.sheetnames
        chosen = workbook[sheet] if sheet in names else workbook.worksheets[0]
        _check_dimensions(chosen, limits)
        part = str(getattr(chosen, "_worksheet_path", "")).lstrip("/")
        if rows_by_part.get(part, 0) > limits.max_rows:
            raise _too_many_rows(limits.max_rows + 1, limits)  # counted before parsing
        # Read the rows the sheet has, not those it declares: a writer that understates the
        # size would otherwise lose rows. The row limit below still holds.
        chosen.reset_dimensions()
        yield from _sheet_rows(chosen, limits)
    finally:
        workbook.close()


def _sheet_rows(sheet: Any, limits: Limits) -> Iterator[SheetRow]:
    number = 0
    try:
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            if number > limits.max_rows:
                raise _too_many_rows(number, limits)
            cells = list(values)
            if not is_blank(cells):
                yield SheetRow(number, cells)
    except FormatError:
        raise
    except Exception as exc:  # broken XML inside the archive: a problem of the file, not a 500
        message = f"the sheet cannot be read after row {number} ({exc})"
        raise FormatError([Problem("file", "", "", message)]) from None


def _check_archive(data: BinaryIO, limits: Limits) -> dict[str, int]:
    """Refuse a zip archive that would unpack into more than the limits (a "zip bomb"): the
    sizes are read from the archive's directory, before anything is unpacked. Then stream
    every XML part once, in constant memory, to refuse a DTD (entity expansion, external
    entities: never needed in a workbook) and to count each worksheet's rows before openpyxl
    parses anything. Returns {worksheet part name: rows}."""
    try:
        with zipfile.ZipFile(data) as archive:
            infos = archive.infolist()
            _check_sizes(infos, limits)
            return {
                info.filename: _scan_part(archive, info)
                for info in infos
                if info.filename.endswith((".xml", ".rels"))
            }
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error) as exc:
        raise FormatError([Problem("file", "", "", f"not an xlsx workbook ({exc})")]) from None
    finally:
        data.seek(0)


def _check_sizes(infos: list[zipfile.ZipInfo], limits: Limits) -> None:
    unpacked = sum(info.file_size for info in infos)
    if unpacked > limits.max_unpacked_bytes:
        message = (
            f"the workbook unpacks to more than the limit of "
            f"{limits.max_unpacked_bytes // MiB} MB (split it into smaller files)"
        )
        raise FormatError([Problem("file", "", f"{unpacked / MiB:.1f} MB", message)])
    for info in infos:
        if info.filename.lower().endswith("sharedstrings.xml") and (
            info.file_size > limits.max_shared_strings_bytes
        ):
            message = (
                f"the workbook's shared text unpacks to more than the limit of "
                f"{limits.max_shared_strings_bytes // MiB} MB (split it into smaller files)"
            )
            raise FormatError([Problem("file", "", f"{info.file_size / MiB:.1f} MB", message)])


_ROW_NUMBER = re.compile(rb'<row\b[^>]*?\sr="(\d+)"')
_CHUNK = 1 << 20


def _scan_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> int:
    """Rows of a part (0 for parts that are not worksheets); refuses a DTD anywhere in it."""
    rows = highest = 0
    carry = b""
    with archive.open(info) as member:
        while chunk := member.read(_CHUNK):
            buffer = carry + chunk
            # Every pattern starts with "<": cutting at the last one keeps each tag whole.
            cut = buffer.rfind(b"<")
            if cut <= 0 or len(buffer) - cut > 64 * 1024:
                cut = len(buffer)
            done, carry = buffer[:cut], buffer[cut:]
            rows, highest = _scan_chunk(done, info.filename, rows, highest)
        rows, highest = _scan_chunk(carry, info.filename, rows, highest)
    return max(rows, highest)


def _scan_chunk(text: bytes, part: str, rows: int, highest: int) -> tuple[int, int]:
    if b"<!DOCTYPE" in text or b"<!ENTITY" in text:
        message = "the workbook contains a DTD (<!DOCTYPE>), which no workbook needs; refused"
        raise FormatError([Problem("file", "", part, message)])
    # Counted at C speed; the highest number is the last row's (a sheet lists rows in order).
    rows += text.count(b"<row ") + text.count(b"<row>")
    last = text.rfind(b"<row ")
    if last >= 0 and (number := _ROW_NUMBER.match(text, last)):
        highest = max(highest, int(number.group(1)))
    return rows, highest


def _check_dimensions(sheet: object, limits: Limits) -> None:
    """Refuse a sheet whose declared size (its `<dimension>`) is over the limits: a read-only
    sheet pads every row to the declared width, and we would read up to the declared height."""
    rows = getattr(sheet, "max_row", None) or 0
    columns = getattr(sheet, "max_column", None) or 0
    if rows > limits.max_rows:
        message = f"the sheet declares {rows:,} rows; the limit is {limits.max_rows:,} rows"
        raise FormatError([Problem("file", "", "", message + " (split the file)")])
    if columns > limits.max_columns:
        message = f"the sheet declares {columns:,} columns; the limit is {limits.max_columns:,}"
        raise FormatError([Problem("file", "", "", message)])
