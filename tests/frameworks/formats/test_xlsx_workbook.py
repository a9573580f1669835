"""The XLSX export an HR person can use (issue 12): a clean Elements sheet with the code in
column A, parent code, kind in words, title, statement, then metadata as columns; the scale and
the framework on sheets of their own; bold frozen header, autofilter, widths, wrapped text; and
it imports back losslessly."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from skillframe.frameworks.formats import FormatError
from skillframe.frameworks.formats.tabular import XLSX_FORMAT
from skillframe.frameworks.spec import FrameworkSpec
from tests.frameworks.formats.test_native_json import small_spec

NOS = "nos-ml"


def workbook(spec: FrameworkSpec) -> Workbook:
    return load_workbook(io.BytesIO(XLSX_FORMAT.dump(spec)))


def nos(seed_specs: tuple[FrameworkSpec, ...]) -> FrameworkSpec:
    return next(spec for spec in seed_specs if spec.slug == NOS)


def test_sheets_and_elements_columns(seed_specs: tuple[FrameworkSpec, ...]) -> None:
    book = workbook(nos(seed_specs))
    assert book.sheetnames == ["Elements", "Scale", "Framework"]
    sheet = book["Elements"]
    header = [cell.value for cell in sheet[1]]
    assert header[:6] == ["Code", "Parent code", "Kind", "Title", "Statement", "Level"]
    assert header[-2:] == ["Kind code", "UUID"]
    # Metadata as columns: text as text, lists as JSON.
    assert "meta:developed_by" in header and "json:original_urns" in header
    row = {name: cell.value for name, cell in zip(header, sheet[2], strict=True)}
    assert (row["Code"], row["Kind"], row["Kind code"]) == ("INSML001", "Standard", "unit")
    assert row["meta:developed_by"] == "Instructus"
    criterion = {name: cell.value for name, cell in zip(header, sheet[3], strict=True)}
    assert (criterion["Parent code"], criterion["Kind"]) == ("INSML001", "Performance criterion")


def test_header_bold_frozen_filtered_widths_and_wrapping(
    seed_specs: tuple[FrameworkSpec, ...],
) -> None:
    sheet = workbook(nos(seed_specs))["Elements"]
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "B2"
    assert sheet.auto_filter.ref is not None and sheet.auto_filter.ref.startswith("A1:")
    assert sheet.column_dimensions["A"].width == 18
    assert sheet.column_dimensions["E"].width == 80  # the statement
    assert sheet["E2"].alignment.wrap_text is True


def test_scale_and_framework_sheets() -> None:
    book = workbook(small_spec())
    scale = [[cell.value for cell in row] for row in book["Scale"].iter_rows()]
    assert scale[0] == ["Level", "Name", "Description"]
    assert scale[1] == [1, "Follow", "Works under supervision."]
    fields = {row[0].value: row[1].value for row in book["Framework"].iter_rows(min_row=2)}
    assert fields["Slug"] == "tiny" and fields["Publisher"] == "Skills Org"
    assert fields["UUID"] == "5b0c2a44-0d6c-4a0e-9c1e-2f6a1b7c8d90"


def test_imports_back_losslessly(seed_specs: tuple[FrameworkSpec, ...]) -> None:
    for spec in (small_spec(), *seed_specs):
        assert XLSX_FORMAT.load(io.BytesIO(XLSX_FORMAT.dump(spec))) == spec


def test_an_edited_workbook_imports_with_kind_words_and_reports_bad_json() -> None:
    book = workbook(small_spec())
    sheet = book["Elements"]
    header = [cell.value for cell in sheet[1]]
    kind_code = header.index("Kind code") + 1
    sheet.cell(row=2, column=kind_code, value=None)  # kind only in words now
    sheet.cell(row=2, column=3, value="Skill family")
    out = io.BytesIO()
    book.save(out)
    spec = XLSX_FORMAT.load(io.BytesIO(out.getvalue()))
    assert spec.elements[0].kind == "family"
    json_column = header.index("json:levels_defined") + 1
    sheet.cell(row=3, column=json_column, value="[1, 3")
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(FormatError) as refused:
        XLSX_FORMAT.load(io.BytesIO(out.getvalue()))
    assert [(p.where, p.field) for p in refused.value.problems] == [("row 3", "metadata")]


def test_the_older_one_sheet_template_is_still_read(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "framework"
    for row in [
        ["framework", "code", "parent_code", "kind", "title", "statement"],
        ["t", "t", "", "framework", "T", ""],
        ["t", "A", "", "family", "A", ""],
    ]:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    spec = XLSX_FORMAT.load(io.BytesIO(out.getvalue()))
    assert (spec.slug, [e.code for e in spec.elements]) == ("t", ["A"])
