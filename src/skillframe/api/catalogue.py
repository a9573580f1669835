"""Catalogue endpoints: frameworks, element tree, element by code, search."""

from typing import Any

from django.db.models import F, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.decorators import decorate_view
from ninja.pagination import paginate

from skillframe.api.auth import CATALOGUE_AUTH
from skillframe.api.errors import FieldErrorsOut
from skillframe.api.etag import conditional
from skillframe.api.pagination import Paged
from skillframe.api.schemas import (
    ElementDetailOut,
    ElementOut,
    ElementRef,
    ErrorOut,
    FrameworkDetailOut,
    FrameworkOut,
    SearchOut,
)
from skillframe.frameworks import catalogue
from skillframe.frameworks.models import Element, Framework
from skillframe.frameworks.search import MAX_LIMIT, search
from skillframe.inputs import PAGE_OFFSET_MAX

router = Router(auth=CATALOGUE_AUTH, tags=["catalogue"])

_ELEMENT_FIELDS = (
    "code",
    "uuid",
    "kind",
    "title",
    "statement",
    "position",
    "level",
    "metadata",
)


def _framework_out(framework: Framework, counts: dict[int, dict[str, int]]) -> dict[str, Any]:
    return {
        "slug": framework.slug,
        "uuid": framework.uuid,
        "title": framework.title,
        "publisher": framework.publisher,
        "version": framework.version,
        "published": framework.published,
        "language": framework.language,
        "counts": counts.get(framework.pk, {}),
    }


def _elements(framework: Framework) -> QuerySet[Element, dict[str, Any]]:
    # django-stubs cannot type values() with an expression (parent_code): say what it is.
    rows: QuerySet[Element, dict[str, Any]] = (
        Element.objects.filter(framework=framework)
        .order_by("ordinal")
        .values(*_ELEMENT_FIELDS, parent_code=F("parent__code"))
    )
    return rows


@router.get("/frameworks", response=list[FrameworkOut], summary="List frameworks")
@decorate_view(conditional)
def list_frameworks(request: HttpRequest) -> list[dict[str, Any]]:
    frameworks = Framework.objects.all()
    counts = frameworks.element_counts()
    return [_framework_out(framework, counts) for framework in frameworks]


@router.get(
    "/frameworks/{slug}",
    response={200: FrameworkDetailOut, 404: ErrorOut},
    summary="One framework with its scale",
)
@decorate_view(conditional)
def get_framework(request: HttpRequest, slug: str) -> dict[str, Any]:
    framework = get_object_or_404(Framework, slug=slug)
    counts = Framework.objects.filter(pk=framework.pk).element_counts()
    return _framework_out(framework, counts) | {
        "description": framework.description,
        "source": framework.source,
        "licence_note": framework.licence_note,
        "metadata": framework.metadata,
        "scale": list(framework.scale_levels.values("number", "name", "description")),
    }


class ElementFilters(Schema):
    kind: str | None = None
    parent: str | None = None  # children of this code
    roots: bool = False  # only top-level elements
    level: int | None = None


@router.get(
    "/frameworks/{slug}/elements",
    response=list[ElementOut],
    summary="The element tree as a flat list in document order (parent_code links)",
)
@decorate_view(conditional)
@paginate(Paged)
def list_elements(
    request: HttpRequest, slug: str, filters: Query[ElementFilters]
) -> QuerySet[Element, dict[str, Any]]:
    framework = get_object_or_404(Framework, slug=slug)
    elements = _elements(framework)
    if filters.kind:
        elements = elements.filter(kind=filters.kind)
    if filters.parent:
        parent = get_object_or_404(Element, framework=framework, code=filters.parent)
        elements = elements.filter(parent=parent)
    if filters.roots:
        elements = elements.filter(parent__isnull=True)
    if filters.level is not None:
        elements = elements.filter(level=filters.level)
    return elements


# `path:` so that a code holding "/" (sent as it is or as %2F, which servers decode) is one
# parameter: codes are data (frameworks/codes.py), and this is the last segment of the path.
@router.get(
    "/frameworks/{slug}/elements/{path:code}",
    response={200: ElementDetailOut, 404: ErrorOut},
    summary="One element by its code, with its ancestors and children",
)
@decorate_view(conditional)
def get_element(request: HttpRequest, slug: str, code: str) -> dict[str, Any]:
    framework = get_object_or_404(Framework, slug=slug)
    node = get_object_or_404(
        Element.objects.select_related("parent"), framework=framework, code=code
    )
    element = _elements(framework).get(pk=node.pk)
    return element | {
        "framework": framework.slug,
        "ancestors": [
            ElementRef(code=a.code, kind=a.kind, label=a.label) for a in catalogue.ancestors(node)
        ],
        "children": list(_elements(framework).filter(parent=node)),
    }


class SearchParams(Schema):
    q: str
    framework: str | None = None
    kind: list[str] | None = None
    limit: int = Field(20, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=PAGE_OFFSET_MAX)


@router.get(
    "/search",
    response={200: SearchOut, 404: ErrorOut, 422: FieldErrorsOut},
    summary="Ranked full-text search across frameworks",
)
@decorate_view(conditional)
def search_catalogue(request: HttpRequest, params: Query[SearchParams]) -> Any:
    if params.framework:
        get_object_or_404(Framework, slug=params.framework)
    results = search(
        params.q,
        framework=params.framework,
        kinds=params.kind,
        limit=params.limit,
        offset=params.offset,
    )
    return {
        "query": results.query,
        "total": results.total,
        "limit": params.limit,
        "offset": params.offset,
        "hits": results.hits,
    }
