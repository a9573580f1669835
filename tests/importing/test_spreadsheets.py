"""The import kernel's reader: real-world encodings and line ends, typed XLSX cells, limits."""

from __future__ import annotations

import datetime as dt
import io
import re
import time
import zipfile
from typing import Any

import pytest
from openpyxl import Workbook

from skillframe.importing.problems import FormatError, Problem
from skillframe.importing.spreadsheets import (
    MAX_FILE_BYTES,
    MAX_ROWS,
    MAX_UNPACKED_BYTES,
    Limits,
    SheetRow,
    cell_text,
    read_rows,
)


def rows(data: bytes | io.BytesIO, **options: Any) -> list[tuple[int, list[object]]]:
    stream = io.BytesIO(data) if isinstance(data, bytes) else data
    return [(row.number, row.cells) for row in read_rows(stream, **options)]


def refused(data: bytes | io.BytesIO, **options: Any) -> Problem:
    with pytest.raises(FormatError) as caught:
        rows(data, **options)
    assert len(caught.value.problems) == 1, caught.value.problems
    return caught.value.problems[0]


def xlsx(*sheets: tuple[str, list[list[object]]]) -> io.BytesIO:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, sheet_rows in sheets:
        sheet = workbook.create_sheet(title)
        for row in sheet_rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


class CountingReader(io.BytesIO):
    """A file that remembers how many bytes were read from it."""

    read_bytes = 0

    def read(self, size: int | None = -1) -> bytes:
        chunk = super().read(size)
        self.read_bytes += len(chunk)
        return chunk

    def readline(self, size: int | None = -1) -> bytes:
        line = super().readline(size)
        self.read_bytes += len(line)
        return line


class Unseekable(io.RawIOBase):
    """A stream (a pipe, a socket) that cannot seek."""

    def __init__(self, data: bytes) -> None:
        self.inner = io.BytesIO(data)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        chunk = self.inner.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)


HEADER_AND_ROW = [(1, ["code", "title"]), (2, ["A", "Café “one”"])]


@pytest.mark.parametrize(
    "raw",
    [
        b"code,title\nA,Caf\xc3\xa9 \xe2\x80\x9cone\xe2\x80\x9d\n",  # UTF-8, LF
        b"\xef\xbb\xbfcode,title\r\nA,Caf\xc3\xa9 \xe2\x80\x9cone\xe2\x80\x9d\r\n",  # BOM, CRLF
        b"code;title\rA;Caf\xc3\xa9 \xe2\x80\x9cone\xe2\x80\x9d\r",  # `;` and CR (Mac Excel)
        b"\xef\xbb\xbfcode;title\r\n\r\nA;Caf\xc3\xa9 \xe2\x80\x9cone\xe2\x80\x9d",  # no last EOL
    ],
    ids=["utf8-lf", "bom-crlf", "semicolon-cr", "blank-line-no-final-eol"],
)
def test_csv_as_spreadsheet_programs_write_it(raw: bytes) -> None:
    numbered = rows(raw)
    assert [cells for _, cells in numbered] == [cells for _, cells in HEADER_AND_ROW]
    assert numbered[0][0] == 1
    assert numbered[1][0] == (3 if b"\r\n\r\n" in raw else 2)  # blank rows still count


def test_quoted_cells_keep_separators_and_line_breaks() -> None:
    raw = b'code;title\r\nA;"one; two\r\nthree"\r\nB;x\r\n'
    assert rows(raw) == [(1, ["code", "title"]), (2, ["A", "one; two\r\nthree"]), (3, ["B", "x"])]


def test_other_encodings_are_refused_with_the_line_and_bytes() -> None:
    cp1252 = "code,title\nA,ok\nB,Caf\xe9\n".encode("cp1252")
    problem = refused(cp1252)
    assert (problem.where, problem.value) == ("line 3", "b'\\xe9'")
    assert "not UTF-8" in problem.message and "CSV UTF-8" in problem.message
    utf16 = "code,title\r\nA,Café\r\n".encode("utf-16")
    problem = refused(utf16)
    assert (problem.where, problem.message) == ("line 1", "UTF-16 text: save the file as CSV UTF-8")


def test_empty_and_broken_files() -> None:
    assert refused(b"").message == "the file is empty: no header row"
    assert refused(b"\n\n  \n").where == "row 1"
    problem = refused(b"PK\x03\x04 not a workbook")
    assert (problem.where, problem.message.startswith("not an xlsx workbook")) == ("file", True)
    charts_only = Workbook()  # a workbook with a chart sheet only
    charts_only.create_chartsheet("chart")
    charts_only.remove(charts_only.active)
    buffer = io.BytesIO()
    charts_only.save(buffer)
    assert refused(buffer, kind="xlsx").where == "file"  # openpyxl cannot read it back


def test_a_real_world_workbook_keeps_typed_cells_and_spreadsheet_row_numbers() -> None:
    when = dt.datetime(2025, 1, 31)
    data = xlsx(
        ("Notes", [["this sheet is not read"]]),
        (
            "people",
            [
                ["Employee ID", " Name ", "Start", "Hours", "Active", "Total"],
                [401, "Ida Irwin", when, 37.5, True, "=D2*2"],
                [None, None, None, None, None, None],  # a blank row: skipped, still counted
                ["E-2", "  Jo  ", dt.date(2025, 2, 1), 3.0, False, None],
            ],
        ),
    )
    numbered = list(read_rows(data, sheet="people"))
    assert [row.number for row in numbered] == [1, 2, 4]
    header, ida, jo = (row.cells for row in numbered)
    assert header == ["Employee ID", " Name ", "Start", "Hours", "Active", "Total"]
    # Typed as the sheet has them; a formula as its last computed value (openpyxl computes
    # none when it writes, Excel does).
    assert ida == [401, "Ida Irwin", when, 37.5, True, None]
    assert [cell_text(cell) for cell in jo] == ["E-2", "  Jo  ", "2025-02-01", "3", "False"]
    assert cell_text(when) == "2025-01-31" and cell_text(dt.datetime(2025, 1, 31, 9, 30)) == (
        "2025-01-31 09:30:00"
    )
    # Without the named sheet, the first sheet is read.
    assert [row.cells for row in read_rows(data, sheet="missing")] == [["this sheet is not read"]]
    assert isinstance(numbered[0], SheetRow) and numbered[0] == (1, header)


def test_the_kind_comes_from_the_content_not_the_name() -> None:
    data = xlsx(("sheet", [["code"], ["A"]]))
    data.name = "people.csv"  # type: ignore[attr-defined]
    assert rows(data) == [(1, ["code"]), (2, ["A"])]
    assert refused(b"code\nA\n", kind="xlsx").where == "file"


def test_a_file_is_read_from_its_start_each_time() -> None:
    data = io.BytesIO(b"code\nA\n")
    assert rows(data) == rows(data) == [(1, ["code"]), (2, ["A"])]


def test_limits_are_what_the_documentation_says() -> None:
    # Issue 10 lowered the file size (a 50 MB upload must be refused) and the unpacked size.
    assert (MAX_FILE_BYTES, MAX_ROWS, MAX_UNPACKED_BYTES) == (20 * 2**20, 200_000, 100 * 2**20)


def test_a_file_over_the_size_limit_is_refused_before_it_is_read() -> None:
    data = CountingReader(b"code,title\n" + b"A,x\n" * 1000)
    problem = refused(data, limits=Limits(max_file_bytes=1024))
    assert problem.where == "file"
    assert "larger than the limit of" in problem.message and problem.value.endswith("MB")
    assert data.read_bytes == 0  # its size was enough
    # A stream that cannot tell its size is read only up to the limit.
    stream = io.BufferedReader(Unseekable(b"code\n" + b"A\n" * 10_000))
    with pytest.raises(FormatError, match="larger than the limit"):
        list(read_rows(stream, limits=Limits(max_file_bytes=4096)))  # type: ignore[arg-type]
    assert stream.raw.inner.tell() <= 4096 + io.DEFAULT_BUFFER_SIZE  # type: ignore[attr-defined]


def test_a_stream_that_cannot_seek_is_read_as_usual() -> None:
    stream = io.BufferedReader(Unseekable(b"code\nA\n"))
    assert rows(stream) == [(1, ["code"]), (2, ["A"])]  # type: ignore[arg-type]


def test_rows_over_the_limit_are_refused_with_the_row_that_passes_it() -> None:
    limits = Limits(max_rows=3)
    assert len(rows(b"code\nA\nB\n", limits=limits)) == 3
    problem = refused(b"code\nA\nB\n\nC\n", limits=limits)  # blank rows count: row 4 is over
    assert (problem.where, problem.message) == (
        "row 4",
        "more than the limit of 3 rows (split the file)",
    )
    sheet = xlsx(("s", [["code"], ["A"], ["B"], ["C"]]))
    assert refused(sheet, limits=limits).where == "file"  # it says it has 4 rows
    # A sheet that understates its size is read whole, and stopped where it passes the limit.
    understated = _with_dimension(sheet, "A1:A2")
    assert [number for number, _ in rows(understated)] == [1, 2, 3, 4]
    assert refused(understated, limits=limits).where == "row 4"


def _with_dimension(data: io.BytesIO, ref: str) -> io.BytesIO:
    """The same workbook with its sheet declaring another size (`<dimension ref=…>`)."""
    out = io.BytesIO()
    with zipfile.ZipFile(data) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                declared = f'<dimension ref="{ref}"'.encode()
                content = re.sub(rb'<dimension ref="[^"]*"', declared, content)
            copy.writestr(item, content)
    out.seek(0)
    return out


def test_a_sheet_declaring_a_huge_size_is_refused_before_its_rows_are_read() -> None:
    small = xlsx(("s", [["code", "title"], ["A", "x"]]))
    assert len(rows(_with_dimension(small, "A1:B2"))) == 2
    problem = refused(_with_dimension(small, "A1:B1048576"))
    assert problem.where == "file"
    assert problem.message == (
        "the sheet declares 1,048,576 rows; the limit is 200,000 rows (split the file)"
    )
    problem = refused(_with_dimension(small, "A1:XFD2"))
    assert problem.message == "the sheet declares 16,384 columns; the limit is 1,000"


def test_a_workbook_that_unpacks_past_the_limit_is_refused_without_unpacking() -> None:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb,
        bomb.open("xl/worksheets/sheet1.xml", "w") as member,
    ):
        zeros = b"\0" * 2**20
        for _ in range(MAX_UNPACKED_BYTES // 2**20 + 1):
            member.write(zeros)
    assert out.tell() < 2**20  # a small file…
    started = time.perf_counter()
    problem = refused(io.BytesIO(out.getvalue()))
    assert time.perf_counter() - started < 1  # …refused from its directory, not by unpacking
    assert problem.where == "file" and problem.value == "101.0 MB"
    assert problem.message == (
        "the workbook unpacks to more than the limit of 100 MB (split it into smaller files)"
    )
    normal = xlsx(("s", [["code"], ["A"]]))
    assert refused(normal, limits=Limits(max_unpacked_bytes=1000)).where == "file"
