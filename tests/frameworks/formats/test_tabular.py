"""The CSV/XLSX authoring template: round trips, real-world encodings, every problem located."""

from __future__ import annotations

import csv
import io
import uuid
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from skillframe.frameworks.formats import FormatError, get_format
from skillframe.frameworks.formats.tabular import CSV_FORMAT, XLSX_FORMAT, CsvFormat, XlsxFormat
from skillframe.frameworks.loading import dump_framework, load_framework
from skillframe.frameworks.spec import ElementSpec, FrameworkSpec, ScaleLevelSpec
from tests.frameworks.formats.test_native_json import small_spec

FIXTURES = Path(__file__).parent / "fixtures"
FORMATS = [CSV_FORMAT, XLSX_FORMAT]
HEADER = ["framework", "code", "parent_code", "kind", "level", "title", "statement", "position"]
Format = CsvFormat | XlsxFormat


def encode(fmt: Format, rows: list[list[object]]) -> bytes:
    """Rows as a file of this format, written without our dumper (as a person would)."""
    if isinstance(fmt, CsvFormat):
        buffer = io.StringIO()
        csv.writer(buffer).writerows(rows)
        return buffer.getvalue().encode()
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def good_rows() -> list[list[object]]:
    return [
        HEADER,
        ["t", "t", "", "framework", "", "T", "", ""],
        ["t", "", "", "scale-level", 1, "One", "", ""],
        ["t", "", "", "scale-level", 2, "Two", "", ""],
        ["t", "A", "", "family", "", "A", "", 1],
        ["t", "A.1", "A", "skill", "", "", "Does", 1],
        ["t", "A.1.L2", "A.1", "level", 2, "", "Two", ""],
    ]


def problems_of(fmt: Format, rows: list[list[object]]) -> list[tuple[str, str, str]]:
    with pytest.raises(FormatError) as caught:
        fmt.load(io.BytesIO(encode(fmt, rows)))
    return [(p.where, p.field, p.value) for p in caught.value.problems]


def test_registered_under_csv_and_xlsx() -> None:
    assert (get_format("csv"), get_format("xlsx")) == (CSV_FORMAT, XLSX_FORMAT)


@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: f.name)
def test_round_trip_is_exact(fmt: Format) -> None:
    spec = small_spec()
    assert fmt.load(io.BytesIO(fmt.dump(spec))) == spec


@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: f.name)
def test_round_trip_of_the_seed_frameworks(
    fmt: Format, seed_specs: tuple[FrameworkSpec, ...]
) -> None:
    for spec in seed_specs:
        assert fmt.load(io.BytesIO(fmt.dump(spec))) == spec  # NOS metadata included


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: f.name)
def test_database_round_trip_under_a_new_slug(fmt: Format) -> None:
    first = dump_framework(load_framework(small_spec()).framework)
    copy = load_framework(fmt.load(io.BytesIO(fmt.dump(first)), slug="tiny-copy")).framework
    second = dump_framework(copy)
    assert second.slug == "tiny-copy"
    assert fmt.dump(replace(second, slug="tiny")) != fmt.dump(first)  # its own UUIDs…
    assert _without_ids(second) == _without_ids(first)  # …and nothing else differs


def _without_ids(spec: FrameworkSpec) -> FrameworkSpec:
    elements = tuple(replace(element, uuid=None) for element in spec.elements)
    return replace(spec, slug="-", uuid=None, elements=elements)


def test_csv_is_written_for_excel() -> None:
    raw = CSV_FORMAT.dump(small_spec())
    assert raw.startswith(b"\xef\xbb\xbfframework,code,parent_code,kind,level,title,")
    assert b"\r\n" in raw
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[1][:7] == [
        "tiny",
        "tiny",
        "",
        "framework",
        "",
        "Tiny framework",
        small_spec().description,
    ]
    assert rows[2] == [
        "tiny",
        "",
        "",
        "scale-level",
        "1",
        "Follow",
        "Works under supervision.",
        "",
        "",
        "",
    ]
    assert ["tiny", "FAM-S.L1", "FAM-S", "level", "1", "Level 1", "Entry", "1", "", ""] in rows


def test_xlsx_keeps_numbers_as_numbers_and_formulas_as_text() -> None:
    # Issue 12 changed the workbook's layout (code in column A, kind in words, level after the
    # statement, no position column); numbers and formulas are kept as this test required.
    sheet = load_workbook(io.BytesIO(XLSX_FORMAT.dump(small_spec()))).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    by_code = {row[0]: row for row in rows}
    assert by_code["FAM-S.L1"][3:6] == ("Level 1", "Entry", 1)
    assert by_code["FAM-S.L1.1"][4] == "=SUM(A1)"


def test_excel_semicolon_file_with_bom_crlf_and_meta_column() -> None:
    with (FIXTURES / "tabular_excel_semicolon.csv").open("rb") as data:
        spec = CSV_FORMAT.load(data)
    assert (spec.slug, spec.title, spec.description) == (
        "hr-core",
        "HR core skills",
        "Our own framework",
    )
    assert spec.scale == (
        ScaleLevelSpec(1, "Basic", "Knows the basics"),
        ScaleLevelSpec(2, "Advanced"),
    )
    assert [(e.code, e.parent_code, e.kind, e.level) for e in spec.elements] == [
        ("PEO", None, "area", None),
        ("PEO-COACH", "PEO", "skill", None),
        ("PEO-COACH.L2", "PEO-COACH", "level", 2),
        ("PEO-HIRE", "PEO", "skill", None),
    ]
    coach = spec.elements[1]
    assert coach.statement == "Helps others grow; listens.\r\nSecond line"
    assert coach.metadata == {"owner": "Team L&D"}


def test_file_without_framework_row_takes_the_slug_from_the_rows() -> None:
    rows = [HEADER, ["hr", "A", "", "family", "", "A", "", ""]]
    spec = CSV_FORMAT.load(io.BytesIO(encode(CSV_FORMAT, rows)))
    assert (spec.slug, spec.title, spec.elements) == (
        "hr",
        "hr",
        (ElementSpec("A", "family", None, "A"),),
    )


def test_csv_load_leaves_the_callers_file_open() -> None:
    data = io.BytesIO(CSV_FORMAT.dump(small_spec()))
    CSV_FORMAT.load(data)
    assert not data.closed


@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: f.name)
def test_good_rows_load(fmt: Format) -> None:
    spec = fmt.load(io.BytesIO(encode(fmt, good_rows())))
    assert [e.code for e in spec.elements] == ["A", "A.1", "A.1.L2"]


@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: f.name)
def test_missing_required_column_reports_the_header_row(fmt: Format) -> None:
    rows = [[cell for cell in row[:2]] + row[3:] for row in good_rows()]  # no parent_code
    rows[0].append("colour")
    assert problems_of(fmt, rows) == [
        ("row 1", "colour", "colour"),
        (
            "row 1",
            "parent_code",
            "framework, code, kind, level, title, statement, position, colour",
        ),
    ]


@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: f.name)
def test_every_row_problem_is_reported_with_row_column_and_value(fmt: Format) -> None:
    rows = good_rows()
    rows += [
        ["t", "", "A", "skill", "", "No code", "", ""],  # row 8
        ["t", "A", "", "family", "", "Again", "", ""],  # row 9: duplicate code
        ["t", "B.1", "B", "skill", "", "", "Early", ""],  # row 10: parent comes later
        ["t", "B", "", "family", "", "B", "", ""],  # row 11
        ["t", "C", "NOPE", "skill", "", "", "", ""],  # row 12: unknown parent
        ["t", "D", "", "skill", "two", "", "", ""],  # row 13: level not a number
        ["t", "E", "", "skill", 7, "", "", ""],  # row 14: level not on the scale
        ["t", "F", "", "skill", "", "", "", 9],  # row 15: position does not match
        ["t", "G", "", "", "", "", "", ""],  # row 16: empty kind
        ["other", "H", "", "skill", "", "", "", ""],  # row 17: another framework
    ]
    assert problems_of(fmt, rows) == [
        ("row 8", "code", ""),
        ("row 9", "code", "A"),
        ("row 10", "parent_code", "B"),
        ("row 12", "parent_code", "NOPE"),
        ("row 13", "level", "two"),
        ("row 14", "level", "7"),
        ("row 15", "position", "9"),
        ("row 16", "kind", ""),
        ("row 17", "framework", "other"),
    ]


@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: f.name)
def test_uuid_metadata_and_scale_problems(fmt: Format) -> None:
    rows = [
        [*row, "uuid", "metadata"] if i == 0 else [*row, "", ""]
        for i, row in enumerate(good_rows())
    ]
    rows[1][-1] = '{"publisher": 3, "colour": "red"}'
    rows[2][4] = 2  # duplicate scale level
    rows[4][-2] = "not-a-uuid"
    rows[5][-1] = "{broken"
    rows[6][-1] = "[1, 2]"
    assert problems_of(fmt, rows) == [
        ("row 2", "metadata", "3"),
        ("row 2", "metadata", "colour"),
        ("row 4", "level", "2"),
        ("row 5", "uuid", "not-a-uuid"),
        ("row 6", "metadata", "{broken"),
        ("row 7", "metadata", "[1, 2]"),
    ]


def test_messages_say_what_is_wrong() -> None:
    rows = [*good_rows(), ["t", "X", "A.1.L2", "statement", "", "", "", 5]]
    with pytest.raises(FormatError) as caught:
        CSV_FORMAT.load(io.BytesIO(encode(CSV_FORMAT, rows)))
    assert str(caught.value) == (
        "row 8, position: does not match the row order (this row is child 1 of 'A.1.L2'); rows "
        "are in document order: move the row, or clear the position (found '5')"
    )


def test_not_utf8_and_not_a_workbook() -> None:
    with pytest.raises(FormatError) as caught:
        CSV_FORMAT.load(io.BytesIO(b"code,parent_code,kind\nA,,caf\xe9\n"))
    assert [(p.where, p.value) for p in caught.value.problems] == [("line 2", "b'\\xe9'")]
    with pytest.raises(FormatError) as caught:
        XLSX_FORMAT.load(io.BytesIO(b"code,parent_code,kind\n"))
    assert caught.value.problems[0].where == "file"
    with pytest.raises(FormatError):
        CSV_FORMAT.load(io.BytesIO(b""))


def test_uuids_in_the_file_are_kept() -> None:
    rows = [
        [*HEADER, "uuid"],
        ["t", "A", "", "family", "", "", "", "", "0f3e4d1c-7a2b-4c5d-8e9f-a0b1c2d3e4f5"],
    ]
    spec = CSV_FORMAT.load(io.BytesIO(encode(CSV_FORMAT, rows)))
    assert spec.elements[0].uuid == uuid.UUID("0f3e4d1c-7a2b-4c5d-8e9f-a0b1c2d3e4f5")


def test_database_round_trip_of_the_seed_frameworks(seeded: tuple[FrameworkSpec, ...]) -> None:
    from skillframe.frameworks.models import Framework

    for spec in seeded:
        first = dump_framework(Framework.objects.get(slug=spec.slug))
        raw = CSV_FORMAT.dump(first)
        copy = load_framework(CSV_FORMAT.load(io.BytesIO(raw), slug=f"{spec.slug}-copy"))
        assert _without_ids(dump_framework(copy.framework)) == _without_ids(first)
