"""The row model shared by the CSV and XLSX authoring templates (docs/formats.md, "csv / xlsx").

One header row, then one row per thing, in document order:

- a row of kind `framework` (code = slug; title; statement = description; uuid; metadata = a JSON
  object of the other framework fields: publisher, version, published, language, source,
  licence_note and the framework's own `metadata`);
- rows of kind `scale-level` (level = number, title = name, statement = description);
- one row per element (code, parent_code, kind, level, title, statement, position, uuid,
  metadata as a JSON object, and optional `meta:<key>` columns holding one text value each).

`position` is informative: the row order is the document order; a position given must match
the element's place among its siblings. Everything is validated before a spec is built, and
every problem is reported with its row number (the header is row 1), column and value.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from skillframe.frameworks.formats.base import FormatError, Problem
from skillframe.frameworks.spec import ElementSpec, FrameworkSpec, ScaleLevelSpec
from skillframe.importing.spreadsheets import SheetRow
from skillframe.importing.tables import Columns, read_table

COLUMNS = (
    "framework",
    "code",
    "parent_code",
    "kind",
    "level",
    "title",
    "statement",
    "position",
    "uuid",
    "metadata",
)
REQUIRED = ("code", "parent_code", "kind")
META_PREFIX = "meta:"
COLUMN_SPEC = Columns(
    COLUMNS, REQUIRED, prefix=META_PREFIX, prefix_hint=f"{META_PREFIX}<key> for extra metadata"
)
FRAMEWORK_KIND = "framework"
SCALE_KIND = "scale-level"
# Framework fields carried in the framework row's metadata cell, with their defaults.
FRAMEWORK_FIELDS: dict[str, Any] = {
    "publisher": "",
    "version": "",
    "published": "",
    "language": "en",
    "source": "",
    "licence_note": "",
    "metadata": {},
}
# Column sizes of the catalogue tables (models.py): longer values cannot be stored.
MAX_LENGTH = {"code": 128, "kind": 64, "title": 500}

Cell = str | int | None


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def spec_rows(spec: FrameworkSpec) -> Iterator[list[Cell]]:
    """Header and rows for a spec; numbers stay ints (spreadsheets show them as numbers)."""
    yield list(COLUMNS)
    framework_meta = {name: getattr(spec, name) for name in FRAMEWORK_FIELDS}
    yield [
        spec.slug,
        spec.slug,
        "",
        FRAMEWORK_KIND,
        None,
        spec.title,
        spec.description,
        None,
        str(spec.uuid) if spec.uuid else "",
        _json(framework_meta),
    ]
    for scale_level in spec.scale:
        yield [
            spec.slug,
            "",
            "",
            SCALE_KIND,
            scale_level.number,
            scale_level.name,
            scale_level.description,
            None,
            "",
            "",
        ]
    positions: dict[str | None, int] = {}
    for element in spec.elements:
        positions[element.parent_code] = positions.get(element.parent_code, 0) + 1
        yield [
            spec.slug,
            element.code,
            element.parent_code or "",
            element.kind,
            element.level,
            element.title,
            element.statement,
            positions[element.parent_code],
            str(element.uuid) if element.uuid else "",
            _json(element.metadata) if element.metadata else "",
        ]


@dataclass
class _Row:
    number: int
    cells: dict[str, str]

    def where(self) -> str:
        return f"row {self.number}"


@dataclass
class _Reader:
    slug: str | None
    problems: list[Problem] = field(default_factory=list)
    framework_row: _Row | None = None
    file_slug: str = ""
    scale_rows: list[_Row] = field(default_factory=list)
    element_rows: list[_Row] = field(default_factory=list)

    def problem(self, row: _Row | int, column: str, value: str, message: str) -> None:
        where = row.where() if isinstance(row, _Row) else f"row {row}"
        self.problems.append(Problem(where, column, value, message))

    def add(self, row: _Row) -> None:
        kind = row.cells.get("kind", "").strip()
        if kind.lower() == FRAMEWORK_KIND:
            if self.framework_row is not None:
                first = self.framework_row.number
                self.problem(row, "kind", kind, f"a second framework row (first at row {first})")
            else:
                self.framework_row = row
        elif kind.lower() == SCALE_KIND:
            self.scale_rows.append(row)
        else:
            self.element_rows.append(row)

    def spec(self) -> FrameworkSpec:
        framework = self._framework()
        scale = self._scale()
        elements = self._elements({level.number for level in scale})
        if self.problems:
            raise FormatError(self.problems)
        return FrameworkSpec(**framework, scale=scale, elements=elements)

    def _framework(self) -> dict[str, Any]:
        row = self.framework_row
        cells = row.cells if row else {}
        self.file_slug = cells.get("code", "").strip() or self._first_framework_column()
        slug = self.slug or self.file_slug
        if not slug:
            self.problem(1, "framework", "", "no framework slug: add a framework row or a slug")
        values: dict[str, Any] = dict(FRAMEWORK_FIELDS)
        title = cells.get("title", "")
        values |= {"slug": slug, "title": title if title.strip() else slug}
        values["description"] = cells.get("statement", "")
        values["uuid"] = self._uuid(row) if row else None
        if row and cells.get("metadata", "").strip():
            extra = self._json_object(row, "metadata")
            for name, value in extra.items():
                default = FRAMEWORK_FIELDS.get(name)
                if default is None:
                    known = ", ".join(FRAMEWORK_FIELDS)
                    self.problem(row, "metadata", name, f"unknown framework field (known: {known})")
                elif type(value) is not type(default):
                    wanted = "an object" if isinstance(default, dict) else "text"
                    self.problem(row, "metadata", _json(value), f"{name} must be {wanted}")
                else:
                    values[name] = value
        return values

    def _first_framework_column(self) -> str:
        for row in self.element_rows:
            if row.cells.get("framework", "").strip():
                return row.cells["framework"].strip()
        return ""

    def _scale(self) -> tuple[ScaleLevelSpec, ...]:
        levels: list[ScaleLevelSpec] = []
        first: dict[int, int] = {}
        for row in self.scale_rows:
            number = self._integer(row, "level", required=True)
            name = row.cells.get("title", "").strip()
            if not name:
                self.problem(row, "title", "", "a scale level needs a name")
            if number is None:
                continue
            if number in first:
                message = f"duplicate scale level (first at row {first[number]})"
                self.problem(row, "level", str(number), message)
                continue
            first[number] = row.number
            levels.append(
                ScaleLevelSpec(number, row.cells.get("title", ""), row.cells.get("statement", ""))
            )
        return tuple(levels)

    def _elements(self, scale: set[int]) -> tuple[ElementSpec, ...]:
        first: dict[str, int] = {}
        for row in self.element_rows:
            code = row.cells.get("code", "").strip()
            if code and code not in first:
                first[code] = row.number
        seen: set[str] = set()
        positions: dict[str | None, int] = {}
        elements: list[ElementSpec] = []
        for row in self.element_rows:
            cells = row.cells
            code = cells.get("code", "").strip()
            kind = cells.get("kind", "").strip()
            parent = cells.get("parent_code", "").strip() or None
            framework = cells.get("framework", "").strip()
            if framework and framework != self.file_slug:
                message = f"a row of another framework (this file is {self.file_slug!r})"
                self.problem(row, "framework", framework, message)
            if not code:
                self.problem(row, "code", "", "empty code")
            elif first[code] != row.number:
                self.problem(row, "code", code, f"duplicate code (first at row {first[code]})")
            if not kind:
                self.problem(row, "kind", "", "empty kind")
            for column, limit in MAX_LENGTH.items():
                text = cells.get(column, "").strip() if column != "title" else cells.get(column, "")
                if len(text) > limit:
                    self.problem(row, column, text, f"longer than {limit} characters")
            if parent is not None and parent not in seen:
                message = (
                    f"parent comes after its child (at row {first[parent]}): move this row down"
                    if parent in first
                    else "unknown parent code"
                )
                self.problem(row, "parent_code", parent, message)
            seen.add(code)
            positions[parent] = positions.get(parent, 0) + 1
            level = self._integer(row, "level")
            if level is not None and scale and level not in scale:
                on_scale = ", ".join(str(number) for number in sorted(scale))
                self.problem(row, "level", str(level), f"not on the scale ({on_scale})")
            self._check_position(row, positions[parent], parent)
            elements.append(
                ElementSpec(
                    code=code,
                    kind=kind,
                    parent_code=parent,
                    title=cells.get("title", ""),
                    statement=cells.get("statement", ""),
                    level=level,
                    metadata=self._metadata(row),
                    uuid=self._uuid(row),
                )
            )
        return tuple(elements)

    def _check_position(self, row: _Row, expected: int, parent: str | None) -> None:
        position = self._integer(row, "position")
        if position is not None and position != expected:
            under = f"child {expected} of {parent!r}" if parent else f"top-level element {expected}"
            message = (
                f"does not match the row order (this row is {under}); rows are in document "
                "order: move the row, or clear the position"
            )
            self.problem(row, "position", str(position), message)

    def _integer(self, row: _Row, column: str, *, required: bool = False) -> int | None:
        text = row.cells.get(column, "").strip()
        if not text:
            if required:
                self.problem(row, column, "", "a number is required")
            return None
        try:
            number = int(text)
        except ValueError:
            number = -1
        if number < 0 or number > 32767:
            self.problem(row, column, text, "not a whole number from 0 to 32767")
            return None
        return number

    def _uuid(self, row: _Row) -> uuid.UUID | None:
        text = row.cells.get("uuid", "").strip()
        if not text:
            return None
        try:
            return uuid.UUID(text)
        except ValueError:
            self.problem(row, "uuid", text, "not a UUID")
            return None

    def _json_object(self, row: _Row, column: str) -> dict[str, Any]:
        text = row.cells.get(column, "")
        try:
            value = json.loads(text)
        except json.JSONDecodeError as exc:
            self.problem(row, column, text, f"not JSON: {exc.msg} at character {exc.pos + 1}")
            return {}
        if not isinstance(value, dict):
            self.problem(row, column, text, 'not a JSON object ({"key": value, …})')
            return {}
        return value

    def _metadata(self, row: _Row) -> dict[str, Any]:
        metadata = (
            self._json_object(row, "metadata") if row.cells.get("metadata", "").strip() else {}
        )
        for column, value in row.cells.items():
            if not column.startswith(META_PREFIX) or not value.strip():
                continue
            key = column[len(META_PREFIX) :]
            if key in metadata:
                self.problem(row, column, value, f"{key!r} is also in the metadata column")
            else:
                metadata[key] = value
        return metadata


def rows_spec(rows: Iterable[SheetRow], *, slug: str | None) -> FrameworkSpec:
    """Validate header and rows (row number, raw cells) and build the spec, or raise FormatError."""
    table = read_table(rows, COLUMN_SPEC)
    reader = _Reader(slug, problems=table.problems)
    for record in table.records():
        # Text exactly as written: titles and statements keep their spaces and line breaks.
        cells = {key: record.text(key, strip=False) for key in record.values}
        reader.add(_Row(record.number, cells))
    return reader.spec()
