"""Skillframe's own JSON format: a FrameworkSpec, lossless, with a format/version header.

    {"format": "skillframe-framework", "version": 1,
     "framework": {slug, title, publisher, version, published, language, description, source,
                   licence_note, metadata, uuid},
     "scale": [{number, name, description}, ...],
     "elements": [{code, kind, parent_code, title, statement, level, metadata, uuid}, ...]}

Elements are in document order (every parent before its children). Loading validates the file
against pydantic models (strict: no type coercion, no unknown keys) and then the tree, and
reports every problem by JSON path ("elements[3].parent_code"). spec → dump → load is exactly
the same spec. A later version of the format adds a migration to MIGRATIONS.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, BinaryIO
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from skillframe.frameworks.formats.base import FormatError, Problem, checked_json
from skillframe.frameworks.spec import ElementSpec, FrameworkSpec, ScaleLevelSpec

FORMAT_ID = "skillframe-framework"
CURRENT_VERSION = 1
# version → function turning a document of that version into one of the next version.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class FrameworkDoc(_Strict):
    slug: str = Field(min_length=1, max_length=64)
    title: str = Field(min_length=1, max_length=255)
    publisher: str = Field(default="", max_length=255)
    version: str = Field(default="", max_length=64)
    published: str = Field(default="", max_length=64)
    language: str = Field(default="en", max_length=16)
    description: str = ""
    source: str = Field(default="", max_length=255)
    licence_note: str = ""
    metadata: dict[str, Any] = Field(default_factory=dict)
    uuid: UUID | None = None


class ScaleLevelDoc(_Strict):
    number: int = Field(ge=0, le=32767)
    name: str = Field(min_length=1, max_length=255)
    description: str = ""


class ElementDoc(_Strict):
    # Sizes are the catalogue's column sizes (models.py): longer values cannot be stored.
    code: str = Field(min_length=1, max_length=128)
    kind: str = Field(min_length=1, max_length=64)
    parent_code: str | None = None
    title: str = Field(default="", max_length=500)
    statement: str = ""
    level: int | None = Field(default=None, ge=0, le=32767)
    metadata: dict[str, Any] = Field(default_factory=dict)
    uuid: UUID | None = None


class Document(_Strict):
    format: str
    version: int
    framework: FrameworkDoc
    scale: list[ScaleLevelDoc] = Field(default_factory=list)
    elements: list[ElementDoc] = Field(default_factory=list)


def dump(spec: FrameworkSpec) -> bytes:
    document = {
        "format": FORMAT_ID,
        "version": CURRENT_VERSION,
        "framework": {
            "slug": spec.slug,
            "title": spec.title,
            "publisher": spec.publisher,
            "version": spec.version,
            "published": spec.published,
            "language": spec.language,
            "description": spec.description,
            "source": spec.source,
            "licence_note": spec.licence_note,
            "metadata": spec.metadata,
            "uuid": _uuid_text(spec.uuid),
        },
        "scale": [
            {"number": level.number, "name": level.name, "description": level.description}
            for level in spec.scale
        ],
        "elements": [
            {
                "code": element.code,
                "kind": element.kind,
                "parent_code": element.parent_code,
                "title": element.title,
                "statement": element.statement,
                "level": element.level,
                "metadata": element.metadata,
                "uuid": _uuid_text(element.uuid),
            }
            for element in spec.elements
        ],
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _uuid_text(value: UUID | None) -> str | None:
    return None if value is None else str(value)


def load(data: BinaryIO, *, slug: str | None = None) -> FrameworkSpec:
    raw = data.read()
    try:
        text = raw.decode("utf-8-sig")
        parsed = checked_json(text)
    except UnicodeDecodeError as exc:
        raise FormatError([Problem("file", "", "", f"not UTF-8 text ({exc.reason})")]) from None
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}"
        raise FormatError([Problem(where, "", exc.doc[exc.pos : exc.pos + 20], exc.msg)]) from None
    parsed = _migrated(parsed)
    try:
        document = Document.model_validate(_json_ready(parsed))
    except ValidationError as exc:
        raise FormatError(_pydantic_problems(exc)) from None
    problems = _tree_problems(document)
    if problems:
        raise FormatError(problems)
    return _spec(document, slug)


def _migrated(parsed: Any) -> Any:
    """Check the header and bring an older document up to the current version."""
    if not isinstance(parsed, dict):
        raise FormatError([Problem("$", "", type(parsed).__name__, "not a JSON object")])
    if parsed.get("format") != FORMAT_ID:
        found = str(parsed.get("format", ""))
        raise FormatError([Problem("$", "format", found, f"not a {FORMAT_ID!r} document")])
    version = parsed.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise FormatError([Problem("$", "version", str(version), "not a format version")])
    if version > CURRENT_VERSION:
        message = f"written by a newer Skillframe (this one reads up to {CURRENT_VERSION})"
        raise FormatError([Problem("$", "version", str(version), message)])
    while version < CURRENT_VERSION:
        parsed = MIGRATIONS[version](parsed)
        version += 1
        parsed["version"] = version
    return parsed


def _json_ready(parsed: Any) -> Any:
    """UUIDs are strings in JSON: turn them into UUID objects so strict validation accepts
    them, leaving anything unparseable for pydantic to report at its path."""
    if not isinstance(parsed, dict):
        return parsed
    result = dict(parsed)
    framework = result.get("framework")
    if isinstance(framework, dict):
        result["framework"] = _with_uuid(framework)
    elements = result.get("elements")
    if isinstance(elements, list):
        result["elements"] = [_with_uuid(item) for item in elements]
    return result


def _with_uuid(record: Any) -> Any:
    if not isinstance(record, dict) or not isinstance(record.get("uuid"), str):
        return record
    try:
        return record | {"uuid": UUID(record["uuid"])}
    except ValueError:
        return record


def _pydantic_problems(exc: ValidationError) -> list[Problem]:
    problems = []
    for error in exc.errors():
        location = list(error["loc"])
        field = str(location.pop()) if location and isinstance(location[-1], str) else ""
        path = "$"
        for part in location:
            path += f"[{part}]" if isinstance(part, int) else f".{part}"
        value = error.get("input")
        shown = "" if isinstance(value, dict | list) or value is None else str(value)
        problems.append(Problem(path, field, shown, error["msg"]))
    return problems


def _tree_problems(document: Document) -> list[Problem]:
    problems = []
    numbers: set[int] = set()
    for index, level in enumerate(document.scale):
        if level.number in numbers:
            message = "duplicate scale level number"
            problems.append(Problem(f"$.scale[{index}]", "number", str(level.number), message))
        numbers.add(level.number)
    first_index: dict[str, int] = {}
    for index, element in enumerate(document.elements):
        if element.code in first_index:
            message = f"duplicate code (first at elements[{first_index[element.code]}])"
            problems.append(Problem(f"$.elements[{index}]", "code", element.code, message))
        else:
            first_index[element.code] = index
    all_codes = set(first_index)
    seen: set[str] = set()
    for index, element in enumerate(document.elements):
        parent = element.parent_code
        if parent is not None and parent not in seen:
            message = (
                "parent comes after its child: elements must be in document order"
                if parent in all_codes
                else "unknown parent code"
            )
            problems.append(Problem(f"$.elements[{index}]", "parent_code", parent, message))
        seen.add(element.code)
    return problems


def _spec(document: Document, slug: str | None) -> FrameworkSpec:
    framework = document.framework
    return FrameworkSpec(
        slug=slug or framework.slug,
        title=framework.title,
        publisher=framework.publisher,
        version=framework.version,
        published=framework.published,
        language=framework.language,
        description=framework.description,
        source=framework.source,
        licence_note=framework.licence_note,
        metadata=framework.metadata,
        uuid=framework.uuid,
        scale=tuple(ScaleLevelSpec(s.number, s.name, s.description) for s in document.scale),
        elements=tuple(
            ElementSpec(
                code=e.code,
                kind=e.kind,
                parent_code=e.parent_code,
                title=e.title,
                statement=e.statement,
                level=e.level,
                metadata=e.metadata,
                uuid=e.uuid,
            )
            for e in document.elements
        ),
    )


class NativeJsonFormat:
    name = "json"
    media_type = "application/json"
    extension = ".json"

    def dump(self, spec: FrameworkSpec) -> bytes:
        return dump(spec)

    def load(self, data: BinaryIO, *, slug: str | None = None) -> FrameworkSpec:
        return load(data, slug=slug)


FORMAT = NativeJsonFormat()
