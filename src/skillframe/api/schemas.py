from __future__ import annotations

from typing import Any
from uuid import UUID

from ninja import Field, Schema


class ScaleLevelOut(Schema):
    number: int
    name: str
    description: str


class FrameworkOut(Schema):
    slug: str
    uuid: UUID
    title: str
    publisher: str
    version: str
    published: str
    language: str
    counts: dict[str, int]


class FrameworkDetailOut(FrameworkOut):
    description: str
    source: str
    licence_note: str
    scale: list[ScaleLevelOut]
    metadata: dict[str, Any]


class ElementOut(Schema):
    code: str
    uuid: UUID
    kind: str
    parent_code: str | None
    title: str
    statement: str
    position: int
    level: int | None
    metadata: dict[str, Any]


class ElementRef(Schema):
    code: str
    kind: str
    label: str


class ElementDetailOut(ElementOut):
    framework: str
    ancestors: list[ElementRef]
    children: list[ElementOut]


class SearchHitOut(Schema):
    framework: str
    code: str
    kind: str
    title: str
    statement: str
    title_html: str
    snippet_html: str
    rank: float
    framework_title: str = Field(description="the framework's title, the first breadcrumb")
    kind_label: str = Field(description="the kind in words, e.g. 'Performance criterion'")
    path: list[ElementRef] = Field(
        description="the element's ancestors, top first: its breadcrumbs after the framework"
    )


class SearchOut(Schema):
    query: str
    total: int
    limit: int
    offset: int
    hits: list[SearchHitOut]


class ErrorOut(Schema):
    detail: str
