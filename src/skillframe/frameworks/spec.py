"""Framework content as plain data, independent of where it came from and of Django.

Every importer (seed texts, CASE, CSV, Moodle…) produces a FrameworkSpec; one loader writes it
to the database. Identifiers are stable: a UUID not given by the source is derived (uuid5) from
the framework slug and the element code, so re-loading never changes them.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from skillframe.inputs import (
    FRAMEWORK_ELEMENTS_MAX,
    FRAMEWORK_TEXT_MAX,
    json_problems,
    level_problem,
    text_problem,
)

# Namespace of all derived Skillframe identifiers; never change it (it would change every UUID).
SKILLFRAME_NAMESPACE = uuid.UUID("0b1f6a8e-3c52-5d4e-9a3f-6c2d8e1f4a70")


def framework_uuid(slug: str) -> uuid.UUID:
    return uuid.uuid5(SKILLFRAME_NAMESPACE, f"framework:{slug}")


def element_uuid(slug: str, code: str) -> uuid.UUID:
    return uuid.uuid5(SKILLFRAME_NAMESPACE, f"element:{slug}:{code}")


def scale_level_uuid(slug: str, number: int) -> uuid.UUID:
    return uuid.uuid5(SKILLFRAME_NAMESPACE, f"scale-level:{slug}:{number}")


@dataclass(frozen=True)
class ScaleLevelSpec:
    number: int
    name: str
    description: str = ""


@dataclass(frozen=True)
class ElementSpec:
    code: str
    kind: str
    parent_code: str | None
    title: str = ""
    statement: str = ""
    level: int | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    uuid: uuid.UUID | None = None


@dataclass(frozen=True)
class FrameworkSpec:
    slug: str
    title: str
    publisher: str = ""
    version: str = ""
    published: str = ""
    language: str = "en"
    description: str = ""
    source: str = ""
    licence_note: str = ""
    metadata: dict[str, Any] = field(default_factory=dict)
    scale: tuple[ScaleLevelSpec, ...] = ()
    # Document order: every parent comes before its children.
    elements: tuple[ElementSpec, ...] = ()
    uuid: uuid.UUID | None = None

    def problems(self) -> Iterator[str]:
        """Every structural problem, each naming the element; empty when the spec is loadable."""
        yield from self._text_problems()
        seen: set[str] = set()
        for index, element in enumerate(self.elements, start=1):
            where = f"element {index} ({element.code!r})"
            if not element.code:
                yield f"element {index}: empty code"
            elif element.code in seen:
                yield f"{where}: duplicate code"
            if element.parent_code is not None and element.parent_code not in seen:
                yield f"{where}: parent {element.parent_code!r} is unknown or comes later"
            seen.add(element.code)
        numbers = [level.number for level in self.scale]
        if len(set(numbers)) != len(numbers):
            yield f"scale: duplicate level numbers {numbers}"

    def _text_problems(self) -> Iterator[str]:
        """Texts too long for their column or for every page to read, control characters (NUL
        cannot be stored in PostgreSQL), levels that are not numbers, too many elements: the
        limits of `skillframe.inputs`, for every import format alike."""
        if len(self.elements) > FRAMEWORK_ELEMENTS_MAX:
            yield f"{len(self.elements):,} elements: at most {FRAMEWORK_ELEMENTS_MAX:,}"
        for name, limit in _FRAMEWORK_TEXTS.items():
            if problem := text_problem(getattr(self, name), limit):
                yield f"framework {name}: {problem}"
        for path, problem in json_problems(self.metadata):
            yield f"framework metadata {path}: {problem}"
        for level in self.scale:
            for name, limit in (("name", 255), ("description", FRAMEWORK_TEXT_MAX)):
                if problem := text_problem(getattr(level, name), limit):
                    yield f"scale level {level.number} {name}: {problem}"
            if problem := level_problem(level.number):
                yield f"scale level {level.number!r}: the number {problem}"
        for index, element in enumerate(self.elements, start=1):
            where = f"element {index} ({ascii(element.code)[1:-1][:80]!r})"
            for name, limit in _ELEMENT_TEXTS.items():
                if problem := text_problem(getattr(element, name), limit):
                    yield f"{where} {name}: {problem}"
            if element.level is not None and (problem := level_problem(element.level)):
                yield f"{where} level: {problem}"
            for path, problem in json_problems(element.metadata):
                yield f"{where} metadata {path}: {problem}"


# The model's column sizes (frameworks/models.py) and, for long texts, FRAMEWORK_TEXT_MAX.
_FRAMEWORK_TEXTS = {
    "slug": 64,
    "title": 255,
    "publisher": 255,
    "version": 64,
    "published": 64,
    "language": 16,
    "source": 255,
    "description": FRAMEWORK_TEXT_MAX,
    "licence_note": FRAMEWORK_TEXT_MAX,
}
_ELEMENT_TEXTS = {"code": 128, "kind": 64, "title": 500, "statement": FRAMEWORK_TEXT_MAX}
