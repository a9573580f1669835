"""The XLSX export an HR person can work in, and its import (docs/formats.md, "xlsx").

Three sheets. **Elements** (first): one row per element in document order, `Code` in column A,
then `Parent code`, `Kind` in words, `Title`, `Statement`, `Level`, one column per metadata key
(`meta:<key>` for text, `json:<key>` for lists and objects, as JSON), and last the technical
`Kind code` and `UUID` that make the import exact. **Scale**: `Level`, `Name`, `Description`.
**Framework**: `Field` / `Value` rows (slug, title, description, publisher, …). Headers are bold
and frozen, the elements sheet has an autofilter, columns have widths that fit their content
and long text wraps.

The import turns the three sheets back into the rows of the authoring template
(tabular_rows.py) and validates them there, so every problem is reported by row and column of
the Elements sheet. A workbook in the older one-sheet template layout is read as before.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Any

# openpyxl ships no type information (types-openpyxl is not a dependency).
from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.cell import WriteOnlyCell  # type: ignore[import-untyped]
from openpyxl.styles import Alignment, Font  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

from skillframe.frameworks.formats.tabular_rows import COLUMNS, FRAMEWORK_FIELDS, rows_spec
from skillframe.frameworks.kinds import ElementKind, kind_label
from skillframe.frameworks.spec import FrameworkSpec
from skillframe.importing.spreadsheets import SheetRow, cell_text, read_rows

ELEMENTS, SCALE, FRAMEWORK = "Elements", "Scale", "Framework"
FIXED = ("Code", "Parent code", "Kind", "Title", "Statement", "Level")
TECHNICAL = ("Kind code", "UUID")
TEXT_META, JSON_META = "meta:", "json:"
# (field, label) of the Framework sheet, in order.
FRAMEWORK_ROWS = (
    ("slug", "Slug"),
    ("title", "Title"),
    ("description", "Description"),
    ("publisher", "Publisher"),
    ("version", "Version"),
    ("published", "Published"),
    ("language", "Language"),
    ("source", "Source"),
    ("licence_note", "Licence note"),
    ("uuid", "UUID"),
    ("metadata", "Metadata (JSON)"),
)
WIDTHS = {"Code": 18, "Parent code": 18, "Kind": 24, "Title": 40, "Statement": 80, "Level": 8}
WRAPPED = {"Title", "Statement"}
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
KIND_BY_LABEL = {member.label: member.value for member in ElementKind}


def dump(spec: FrameworkSpec) -> bytes:
    workbook = Workbook(write_only=True)
    _elements_sheet(workbook, spec)
    _scale_sheet(workbook, spec)
    _framework_sheet(workbook, spec)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _metadata_columns(spec: FrameworkSpec) -> list[str]:
    """One column per metadata key, in the order keys first appear: `meta:` when every value
    is text, `json:` otherwise."""
    textual: dict[str, bool] = {}
    for element in spec.elements:
        for key, value in element.metadata.items():
            textual[key] = textual.get(key, True) and isinstance(value, str)
    return [f"{TEXT_META if text else JSON_META}{key}" for key, text in textual.items()]


def _cell(sheet: Any, value: object, *, style: Alignment | None = None, bold: bool = False) -> Any:
    cell = WriteOnlyCell(sheet, value=None if value == "" else value)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"  # text, never a formula
    if style is not None:
        cell.alignment = style
    if bold:
        cell.font = BOLD
    return cell


def _header(sheet: Any, names: list[str], widths: dict[str, int]) -> None:
    for index, name in enumerate(names, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = widths.get(name, 24)
    sheet.freeze_panes = "B2"  # the header row and the code column stay in view
    sheet.append([_cell(sheet, name, bold=True) for name in names])


def _elements_sheet(workbook: Any, spec: FrameworkSpec) -> None:
    sheet = workbook.create_sheet(ELEMENTS)
    meta = _metadata_columns(spec)
    names = [*FIXED, *meta, *TECHNICAL]
    widths = WIDTHS | {"Kind code": 20, "UUID": 38}
    _header(sheet, names, widths)
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(names))}{len(spec.elements) + 1}"
    for element in spec.elements:
        row: list[object] = [
            element.code,
            element.parent_code or "",
            kind_label(element.kind),
            element.title,
            element.statement,
            element.level if element.level is not None else "",
        ]
        for column in meta:
            key = column.split(":", 1)[1]
            if key not in element.metadata:
                row.append("")
            elif column.startswith(TEXT_META):
                row.append(element.metadata[key])
            else:
                row.append(json.dumps(element.metadata[key], ensure_ascii=False))
        row += [element.kind, str(element.uuid) if element.uuid else ""]
        sheet.append(
            [
                _cell(sheet, value, style=WRAP if name in WRAPPED or ":" in name else TOP)
                for name, value in zip(names, row, strict=True)
            ]
        )


def _scale_sheet(workbook: Any, spec: FrameworkSpec) -> None:
    sheet = workbook.create_sheet(SCALE)
    _header(sheet, ["Level", "Name", "Description"], {"Level": 8, "Name": 30, "Description": 80})
    for level in spec.scale:
        sheet.append(
            [
                _cell(sheet, level.number, style=TOP),
                _cell(sheet, level.name, style=WRAP),
                _cell(sheet, level.description, style=WRAP),
            ]
        )


def _framework_sheet(workbook: Any, spec: FrameworkSpec) -> None:
    sheet = workbook.create_sheet(FRAMEWORK)
    _header(sheet, ["Field", "Value"], {"Field": 18, "Value": 100})
    for name, label in FRAMEWORK_ROWS:
        value: object = getattr(spec, name)
        if name == "uuid":
            value = str(value) if value else ""
        elif name == "metadata":
            value = json.dumps(value, ensure_ascii=False) if value else ""
        sheet.append([_cell(sheet, label, bold=True, style=TOP), _cell(sheet, value, style=WRAP)])


def load(raw: bytes, *, slug: str | None) -> FrameworkSpec | None:
    """The spec of a workbook in this layout, or None when it is the older template's."""
    elements = list(read_rows(io.BytesIO(raw), kind="xlsx", sheet=ELEMENTS))
    if not elements or cell_text(elements[0].cells[0]).strip() != "Code":
        return None
    framework = _fields(read_rows(io.BytesIO(raw), kind="xlsx", sheet=FRAMEWORK))
    scale = list(read_rows(io.BytesIO(raw), kind="xlsx", sheet=SCALE))
    return rows_spec(_template_rows(elements, scale, framework), slug=slug)


def _fields(rows: Iterator[SheetRow]) -> dict[str, str]:
    by_label = {label: name for name, label in FRAMEWORK_ROWS}
    fields: dict[str, str] = {}
    for row in rows:
        label = cell_text(row.cells[0]).strip() if row.cells else ""
        if label in by_label:
            fields[by_label[label]] = cell_text(row.cells[1]) if len(row.cells) > 1 else ""
    return fields


def _template_rows(
    elements: list[SheetRow], scale: list[SheetRow], framework: dict[str, str]
) -> Iterator[SheetRow]:
    """The sheets as rows of the one-sheet template, numbered as the Elements sheet shows them
    (framework and scale rows as row 1: they have no place on that sheet)."""
    header = [cell_text(cell).strip() for cell in elements[0].cells]
    yield SheetRow(1, [*COLUMNS])
    slug = framework.get("slug", "")
    # The metadata cell's JSON is pasted in as written: broken JSON is reported, not a crash.
    extra = ", ".join(
        f"{json.dumps(name)}: "
        + (framework[name] if name == "metadata" else json.dumps(framework[name]))
        for name in FRAMEWORK_FIELDS
        if framework.get(name, "").strip()
    )
    yield SheetRow(
        1,
        [
            slug,
            slug,
            "",
            "framework",
            None,
            framework.get("title", ""),
            framework.get("description", ""),
            None,
            framework.get("uuid", ""),
            "{" + extra + "}",
        ],
    )
    for row in scale[1:]:
        cells = [*row.cells, None, None, None][:3]
        yield SheetRow(1, [slug, "", "", "scale-level", cells[0], cells[1], cells[2], None, "", ""])
    for row in elements[1:]:
        values = dict(zip(header, [*row.cells, *[None] * len(header)], strict=False))
        kind = cell_text(values.get("Kind code")).strip()
        if not kind:
            words = cell_text(values.get("Kind")).strip()
            kind = KIND_BY_LABEL.get(words, words)
        yield SheetRow(
            row.number,
            [
                slug,
                values.get("Code"),
                values.get("Parent code"),
                kind,
                values.get("Level"),
                values.get("Title"),
                values.get("Statement"),
                None,
                values.get("UUID"),
                _metadata_cell(header, values),
            ],
        )


def _metadata_cell(header: list[str], values: dict[str, object]) -> str:
    """The metadata columns as the template's JSON cell; a `json:` cell is pasted in as it is,
    so JSON a person broke is reported on its row by the template's reader."""
    parts = []
    for name in header:
        value = values.get(name)
        if value is None or value == "":
            continue
        if name.startswith(TEXT_META):
            parts.append(f"{json.dumps(name[len(TEXT_META) :])}: {json.dumps(cell_text(value))}")
        elif name.startswith(JSON_META):
            parts.append(f"{json.dumps(name[len(JSON_META) :])}: {cell_text(value)}")
    return "{" + ", ".join(parts) + "}" if parts else ""
