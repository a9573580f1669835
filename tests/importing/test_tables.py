"""Headers normalised and checked, rows as records, every problem with its row and column."""

from __future__ import annotations

import datetime as dt

import pytest

from skillframe.importing.problems import FormatError, Problem
from skillframe.importing.spreadsheets import SheetRow
from skillframe.importing.tables import Columns, Table, header_key, read_table

COLUMNS = Columns(
    ("employee_id", "name", "start date", "notes"),
    ("employee_id", "name"),
    aliases={"staff number": "employee_id"},
)


def table(*rows: list[object], columns: Columns = COLUMNS, first: int = 1) -> Table:
    return read_table(
        [SheetRow(number, list(cells)) for number, cells in enumerate(rows, start=first)],
        columns,
    )


def header_problems(*header: str, columns: Columns = COLUMNS) -> list[tuple[str, str, str, str]]:
    with pytest.raises(FormatError) as caught:
        table(list(header), columns=columns)
    return [(p.where, p.field, p.value, p.message) for p in caught.value.problems]


@pytest.mark.parametrize(
    "written",
    ["employee_id", "Employee ID", "employee-id", "  EMPLOYEE   id ", "Staff_Number"],
)
def test_headers_match_without_case_spaces_hyphens_or_underscores(written: str) -> None:
    assert header_key(written) in {"employee id", "staff number"}
    found = table([written, "Name"], ["E-1", "Ann"])
    assert found.headers == {"employee_id": written.strip(), "name": "Name"}
    assert [record.text("employee_id") for record in found.records()] == ["E-1"]


def test_every_header_problem_at_once_naming_the_header_as_written() -> None:
    assert header_problems("Employee ID", "Colour", "employee-id", "") == [
        (
            "row 1",
            "Colour",
            "Colour",
            "unknown column (expected: employee_id, name, start date, notes)",
        ),
        ("row 1", "employee-id", "employee-id", "duplicate column (same as 'Employee ID')"),
        ("row 1", "name", "Employee ID, Colour, employee-id, ", "required column is missing"),
    ]
    hidden = Columns(("a", "b"), ("a", "b"), missing_shows_header=False)
    assert header_problems("a", columns=hidden) == [
        ("row 1", "b", "", "required column is missing")
    ]


def test_free_form_columns_by_prefix() -> None:
    columns = Columns(("code",), ("code",), prefix="meta:", prefix_hint="meta:<key>")
    found = table(["code", "Meta: Owner ", "META:x"], ["A", "Team", ""], columns=columns)
    assert found.keys == ["code", "meta:Owner", "meta:x"]
    assert header_problems("code", "owner", columns=columns)[0][3] == (
        "unknown column (expected: code, or meta:<key>)"
    )


def test_records_keep_typed_values_and_their_row_numbers() -> None:
    found = table(
        ["name", "employee id", "start date"],
        ["  Ann  Lee ", 401, dt.datetime(2025, 1, 31)],
        ["Bo"],  # a short row: the missing cells are empty
        first=3,  # the header is where the first non-blank row is
    )
    assert found.header_row == 3
    ann, bo = found.records()
    assert (ann.number, ann.where) == (4, "row 4")
    assert ann.raw("employee_id") == 401 and ann.text("employee_id") == "401"
    assert ann.text("start date") == "2025-01-31"
    assert ann.text("name") == "Ann  Lee" and ann.text("name", strip=False) == "  Ann  Lee "
    assert (bo.number, bo.text("employee_id"), bo.raw("start date")) == (5, "", None)
    assert ann.has("start date") and not ann.has("notes")  # not in the file: absent
    assert found.problems == []


def test_values_no_column_holds_are_problems_of_their_row() -> None:
    found = table(
        ["employee_id", "", "name"],
        ["E-1", "", "Ann", "", "  "],  # empty cells past the header are fine
        ["E-2", "stray", "Bo"],
        ["E-3", "", "Cy", "extra"],
    )
    assert [record.number for record in found.records()] == [2, 3, 4]
    assert found.problems == [
        Problem("row 3", "", "stray", "a value in a column without a header"),
        Problem("row 4", "", "extra", "4 cells but the header has 3 columns"),
    ]


def test_problems_name_the_column_as_the_file_writes_it() -> None:
    found = table(["Employee ID", "Name"], ["E-1", "Ann"])
    (record,) = found.records()
    assert found.problem(record, "employee_id", "E-1", "taken") == Problem(
        "row 2", "Employee ID", "E-1", "taken"
    )
    assert found.problem("file", "notes", "", "x") == Problem("file", "notes", "", "x")
    assert found.problem(7, "", "", "x").where == "row 7"


def test_empty_files_and_files_without_rows() -> None:
    with pytest.raises(FormatError) as caught:
        read_table([], COLUMNS)
    assert caught.value.problems == [Problem("row 1", "", "", "the file is empty: no header row")]
    found = table(["employee_id", "name"], first=2)
    assert list(found.records()) == []
    assert found.no_rows("people rows").problems == [
        Problem("row 3", "", "", "no people rows below the header")
    ]
