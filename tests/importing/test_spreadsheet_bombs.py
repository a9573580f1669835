"""Hostile workbooks, built here (no binary test files): refused early, in constant memory,
with a problem that names the limit, never an exception that would be a 500."""

from __future__ import annotations

import io
import time
import tracemalloc
import zipfile
from collections.abc import Callable

import pytest

from skillframe.importing.problems import FormatError, Problem
from skillframe.importing.spreadsheets import Limits, read_rows
from tests.importing.test_spreadsheets import xlsx

SHEET = "xl/worksheets/sheet1.xml"


def rewritten(replace: Callable[[str, bytes], bytes], *extra: tuple[str, bytes]) -> io.BytesIO:
    """A small real workbook with some of its parts rewritten (and `extra` parts added)."""
    source = xlsx(("people", [["code", "title"], ["A", "x"]]))
    out = io.BytesIO()
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item.filename, replace(item.filename, src.read(item.filename)))
        for name, content in extra:
            dst.writestr(name, content)
    out.seek(0)
    return out


def refusal(data: io.BytesIO, limits: Limits | None = None) -> tuple[Problem, float, int]:
    """The one problem, the seconds it took, and the peak bytes allocated (a second run, as
    tracing allocations slows the code down)."""
    started = time.perf_counter()
    with pytest.raises(FormatError) as caught:
        list(read_rows(data, limits=limits))
    seconds = time.perf_counter() - started
    tracemalloc.start()
    try:
        with pytest.raises(FormatError):
            list(read_rows(data, limits=limits))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    (problem,) = caught.value.problems
    return problem, seconds, peak


def test_a_workbook_with_a_dtd_is_refused_cleanly() -> None:
    dtd = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY boom "boom">]>'
    for part in (SHEET, "xl/workbook.xml"):
        data = rewritten(
            lambda name, body, part=part: dtd + body.split(b"?>", 1)[-1] if name == part else body
        )
        problem, _, _ = refusal(data)
        assert problem.where == "file" and problem.value == part
        assert "DTD" in problem.message


def test_rows_past_the_limit_are_counted_before_the_sheet_is_parsed() -> None:
    """400,000 tiny rows under a dimension that says 2: refused from a streamed count of the
    rows, not after parsing 200,000 of them with openpyxl."""
    rows = b"".join(
        b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (n, n) for n in range(1, 400_001)
    )

    def many_rows(name: str, body: bytes) -> bytes:
        if name != SHEET:
            return body
        head, rest = body.split(b"<sheetData>", 1)
        head = head.replace(b'ref="A1:B2"', b'ref="A1:A2"')
        return head + b"<sheetData>" + rows + b"</sheetData>" + rest.split(b"</sheetData>", 1)[1]

    data = rewritten(many_rows)
    assert len(data.getvalue()) < 2 * 2**20  # a small file
    problem, seconds, peak = refusal(data)
    assert (problem.where, problem.message) == (
        "row 200001",
        "more than the limit of 200,000 rows (split the file)",
    )
    assert seconds < 5  # openpyxl needed far longer to reach row 200,001
    assert peak < 16 * 2**20  # streamed: a few chunks, never the 17 MB sheet


def test_shared_text_past_its_limit_is_refused_from_the_directory() -> None:
    """openpyxl holds the shared strings whole in memory: 40 MB of them (in a 100 MB
    workbook limit) are refused before a byte is unpacked."""
    strings = b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    strings += b"<si><t>" + b"a" * 40 * 2**20 + b"</t></si></sst>"
    data = rewritten(lambda name, body: body, ("xl/sharedStrings.xml", strings))
    problem, seconds, peak = refusal(data)
    assert problem.message == (
        "the workbook's shared text unpacks to more than the limit of 32 MB "
        "(split it into smaller files)"
    )
    assert seconds < 1 and peak < 4 * 2**20


def test_a_sheet_broken_half_way_is_a_problem_of_the_file() -> None:
    data = rewritten(
        lambda name, body: (
            body.replace(b"</sheetData>", b"<row r='3'><c><v>1</c>") if name == SHEET else body
        )
    )
    problem, _, _ = refusal(data)
    assert problem.where == "file"
    assert problem.message.startswith("the sheet cannot be read after row")


def test_a_zip_bomb_of_the_issue_is_refused_at_once() -> None:
    """The issue's 1.2 MB workbook unpacking to 360 MB (it ran 265 s and 444 MB)."""
    out = io.BytesIO()
    block = b'<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>' * 16384
    with (
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb,
        bomb.open(SHEET, "w") as member,
    ):
        for _ in range(360 * 2**20 // len(block)):
            member.write(block)
    assert out.tell() < 2 * 2**20
    problem, seconds, peak = refusal(io.BytesIO(out.getvalue()))
    assert "unpacks to more than the limit of 100 MB" in problem.message
    assert seconds < 1 and peak < 4 * 2**20
