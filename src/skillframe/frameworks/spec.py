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
