"""Versions and the framework editor over the API (docs/versions.md).

Reading (`/frameworks/{slug}/versions`, `/frameworks/{slug}/diff`) follows the catalogue's
rule; the draft is readable by its framework's editors only (404 for others). Editing lives
under `/authoring/frameworks/{slug}/…`: signed-in callers only, framework editors only (403,
the framework is public), no draft: 404. Invalid edits answer 422 naming the field, and change
nothing. Publishing takes `confirm: true`, the script's explicit choice.
"""

from __future__ import annotations

from typing import Annotated, Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, File, Form, Query, Router, Schema, Status, UploadedFile
from ninja.params import functions as params

from skillframe.api.auth import CATALOGUE_AUTH, USER_AUTH
from skillframe.api.errors import FieldErrorsOut
from skillframe.api.exchange import ImportErrorOut
from skillframe.api.schemas import ErrorOut
from skillframe.authoring import drafts, editing, mapping
from skillframe.authoring.access import can_edit, ensure_editor, readable_version
from skillframe.authoring.impact import element_impact, totals
from skillframe.authoring.publish import blockers, publish
from skillframe.frameworks import exchange
from skillframe.frameworks.models import Framework
from skillframe.frameworks.versions import (
    diff_versions,
    draft_of,
    published_versions,
)

reading = Router(auth=CATALOGUE_AUTH, tags=["versions"])
router = Router(auth=USER_AUTH, tags=["authoring"])
_ERRORS: dict[int, Any] = {403: ErrorOut, 404: ErrorOut, 422: FieldErrorsOut}


class VersionOut(Schema):
    number: int
    current: bool
    title: str
    published_at: str | None
    notes: str
    permalink: str


class VersionsOut(Schema):
    slug: str
    current: int
    draft: int | None = Field(None, description="the draft's number, for its editors only")
    derived_from: str | None = None
    derived_from_version: int | None = None
    versions: list[VersionOut]


@reading.get(
    "/frameworks/{slug}/versions",
    response={200: VersionsOut, 404: ErrorOut},
    summary="A framework's published versions (and its draft, for its editors)",
)
def list_versions(request: HttpRequest, slug: str) -> Any:
    framework = get_object_or_404(Framework, slug=slug)
    draft = draft_of(framework) if can_edit(request.user, framework) else None
    return {
        "slug": framework.slug,
        "current": framework.edition,
        "draft": draft.edition if draft else None,
        "derived_from": framework.derived_from.slug if framework.derived_from else None,
        "derived_from_version": framework.derived_from_edition,
        "versions": [
            {
                "number": v.edition,
                "current": v.pk == framework.pk,
                "title": v.title,
                "published_at": v.edition_published_at.isoformat()
                if v.edition_published_at
                else None,
                "notes": v.edition_notes,
                "permalink": f"/frameworks/{framework.slug}/?version={v.edition}",
            }
            for v in published_versions(framework)
        ],
    }


class DiffParams(Schema):
    from_: str = Field(..., alias="from", description='a version number, or "draft"')
    to: str = Field(..., description='a version number, or "draft"')


@reading.get(
    "/frameworks/{slug}/diff",
    response={200: dict[str, Any], 404: ErrorOut},
    summary="What changed between two versions: added, removed, moved, reworded (word by word)",
)
def diff(request: HttpRequest, slug: str, params: Query[DiffParams]) -> Any:
    framework = get_object_or_404(Framework, slug=slug)
    old = readable_version(request.user, framework, params.from_)
    new = readable_version(request.user, framework, params.to)
    return {
        "slug": slug,
        "from": old.edition,
        "to": new.edition,
        **diff_versions(old, new).as_json(),
    }


def _editable(request: HttpRequest, slug: str) -> Framework:
    framework = get_object_or_404(Framework, slug=slug)
    ensure_editor(request.user, framework)
    return framework


def _draft(request: HttpRequest, slug: str) -> tuple[Framework, Framework]:
    framework = _editable(request, slug)
    draft = draft_of(framework)
    if draft is None:
        raise Http404(f"{slug} has no draft")
    return framework, draft


class DraftOut(Schema):
    slug: str
    draft: int
    undecided_mappings: int


def _draft_out(framework: Framework, draft: Framework) -> dict[str, Any]:
    return {
        "slug": framework.slug,
        "draft": draft.edition,
        "undecided_mappings": mapping.undecided(framework, draft),
    }


@router.post(
    "/authoring/frameworks/{slug}/draft",
    response={201: DraftOut, **_ERRORS},
    summary="Start the draft of the next version (a copy of the current one)",
)
def start(request: HttpRequest, slug: str) -> Any:
    framework = _editable(request, slug)
    draft = drafts.start_draft(framework, request.user)
    return Status(201, _draft_out(framework, draft))


class ScaleLevelOut(Schema):
    number: int
    name: str
    description: str


class OutlineElementOut(Schema):
    code: str
    kind: str
    title: str
    statement: str
    level: int | None = Field(None, description="the element's own level number, if any")
    parent: str | None = Field(None, description="the parent's code; none at the top level")
    depth: int = Field(..., description="0 at the top level")
    position: int = Field(..., description="1… among its siblings")


class DraftDetailOut(Schema):
    slug: str
    draft: int
    current: int = Field(..., description="the published version the draft will follow")
    title: str
    version: str = Field(..., description="the source's own version label")
    notes: str = Field(..., description="the release notes of the version")
    undecided_mappings: int
    counts: dict[str, int] = Field(..., description="added, removed, moved, reworded")
    scale: list[ScaleLevelOut]
    elements: list[OutlineElementOut] = Field(..., description="in document order")


def _scale_out(level: Any) -> dict[str, Any]:
    return {"number": level.number, "name": level.name, "description": level.description}


@router.get(
    "/authoring/frameworks/{slug}/draft",
    response={200: DraftDetailOut, **_ERRORS},
    summary="Read the draft: its details, scale and elements in order (with parents, depths)",
)
def read_draft(request: HttpRequest, slug: str) -> Any:
    framework, draft = _draft(request, slug)
    return {
        **_draft_out(framework, draft),
        "current": framework.edition,
        "title": draft.title,
        "version": draft.version,
        "notes": draft.edition_notes,
        "counts": diff_versions(framework, draft).counts(),
        "scale": [_scale_out(level) for level in draft.scale_levels.order_by("number")],
        "elements": [
            {
                "code": row.element.code,
                "kind": row.element.kind,
                "title": row.element.title,
                "statement": row.element.statement,
                "level": row.element.level,
                "parent": row.parent or None,
                "depth": row.depth,
                "position": row.element.position,
            }
            for row in drafts.outline(draft)
        ],
    }


class DetailsIn(Schema):
    title: str = Field(..., max_length=255)
    version: str = Field("", max_length=64, description="the source's own version label")
    notes: str = Field("", max_length=20000, description="the release notes of the version")


class DetailsOut(Schema):
    slug: str
    draft: int
    title: str
    version: str
    notes: str


@router.put(
    "/authoring/frameworks/{slug}/draft/details",
    response={200: DetailsOut, **_ERRORS},
    summary="Set the draft's title, source version label and release notes",
)
def edit_details(request: HttpRequest, slug: str, payload: DetailsIn) -> Any:
    framework, draft = _draft(request, slug)
    draft = editing.edit_details(
        draft, title=payload.title, version=payload.version, notes=payload.notes
    )
    return {
        "slug": framework.slug,
        "draft": draft.edition,
        "title": draft.title,
        "version": draft.version,
        "notes": draft.edition_notes,
    }


class ScaleLevelIn(Schema):
    name: str = Field(..., max_length=255)
    description: str = Field("", max_length=20000)


LevelNumber = Annotated[
    int, params.Path(..., ge=1, le=editing.MAX_LEVEL, description="the level's number")
]


@router.put(
    "/authoring/frameworks/{slug}/draft/scale/{number}",
    response={200: ScaleLevelOut, **_ERRORS},
    summary="Add a level to the draft's scale, or reword it",
)
def set_scale_level(
    request: HttpRequest, slug: str, number: LevelNumber, payload: ScaleLevelIn
) -> Any:
    _, draft = _draft(request, slug)
    level = editing.set_scale_level(
        draft, number, name=payload.name, description=payload.description
    )
    return _scale_out(level)


@router.delete(
    "/authoring/frameworks/{slug}/draft/scale/{number}",
    response={204: None, **_ERRORS},
    summary="Take a level off the draft's scale (refused while an element uses it)",
)
def remove_scale_level(request: HttpRequest, slug: str, number: LevelNumber) -> Any:
    _, draft = _draft(request, slug)
    editing.remove_scale_level(draft, number)
    return Status(204, None)


@router.post(
    "/authoring/frameworks/{slug}/draft/import",
    response={201: DraftOut, 400: ImportErrorOut, 409: ErrorOut, **_ERRORS},
    summary="A newer edition from a file becomes the draft (checked like any import)",
    description="A multipart upload: `file` and `format` ("
    + ", ".join(exchange.FORMAT_NAMES)
    + "). The file is read under this framework's slug. Problems in the file: 400 listing "
    "them; the framework already has a draft: 409. Nothing is written on error.",
)
def import_draft(
    request: HttpRequest, slug: str, file: File[UploadedFile], format: Form[str]
) -> Any:
    framework = _editable(request, slug)
    if format not in exchange.FORMAT_NAMES:
        raise ValidationError(
            {"format": f"unknown format {format!r}: use one of {', '.join(exchange.FORMAT_NAMES)}"}
        )
    try:
        draft = drafts.import_draft(file, format, request.user, slug=framework.slug)  # type: ignore[arg-type]  # an UploadedFile reads as a binary file
    except exchange.FormatError as exc:
        return Status(
            400,
            {
                "detail": f"{len(exc.problems)} problem(s) in {file.name}; nothing was loaded"
                + (f"; the first {len(exc.reported)} are listed" if exc.unreported else ""),
                "problems": [problem.__dict__ for problem in exc.reported],
                "problem_count": len(exc.problems),
            },
        )
    except exchange.ImportRefused as exc:
        return Status(409, {"detail": str(exc)})
    return Status(201, _draft_out(framework, draft))


class DiscardOut(Schema):
    slug: str
    discarded: int = Field(..., description="the discarded draft's number")
    elements: int = Field(..., description="how many elements went with it")


@router.delete(
    "/authoring/frameworks/{slug}/draft",
    response={200: DiscardOut, **_ERRORS},
    summary="Discard the draft (cannot be undone; the published versions do not change)",
)
def discard(request: HttpRequest, slug: str) -> Any:
    framework, draft = _draft(request, slug)
    elements = drafts.discard_draft(framework, request.user)
    return {"slug": framework.slug, "discarded": draft.edition, "elements": elements}


class MapRowOut(Schema):
    old: str = Field(..., description="the current version's element code")
    new: str | None = Field(None, description="the draft element it maps to; none: removed")
    status: str = Field(..., description='"suggested", "confirmed" or "" (no mapping)')
    method: str
    score: float | None


@router.get(
    "/authoring/frameworks/{slug}/draft/mapping",
    response={200: list[MapRowOut], **_ERRORS},
    summary="The old → new mapping: every current element, its suggested or decided mapping",
)
def read_mapping(request: HttpRequest, slug: str) -> Any:
    framework, draft = _draft(request, slug)
    return [
        {
            "old": row.old.code,
            "new": row.new.code if row.new else None,
            "status": row.status,
            "method": row.method,
            "score": row.score,
        }
        for row in mapping.mapping_rows(framework, draft)
    ]


class ElementIn(Schema):
    code: str = Field(..., max_length=128)
    kind: str = Field(..., max_length=64)
    parent: str | None = Field(None, max_length=128, description="parent code; none: top level")
    title: str = Field("", max_length=500)
    statement: str = Field("", max_length=20000)
    level: int | None = Field(None, ge=1, le=1000)


class ElementPatch(Schema):
    title: str = Field(..., max_length=500)
    statement: str = Field(..., max_length=20000)
    level: int | None = Field(None, ge=1, le=1000)


class MoveIn(Schema):
    parent: str | None = Field(None, max_length=128)
    position: int = Field(..., ge=1, le=100000)


class ElementDone(Schema):
    code: str
    parent: str | None
    position: int


def _done(element: Any) -> dict[str, Any]:
    return {
        "code": element.code,
        "parent": element.parent.code if element.parent else None,
        "position": element.position,
    }


@router.post(
    "/authoring/frameworks/{slug}/draft/elements",
    response={201: ElementDone, **_ERRORS},
    summary="Add an element to the draft",
)
def add(request: HttpRequest, slug: str, payload: ElementIn) -> Any:
    _, draft = _draft(request, slug)
    element = editing.add_element(
        draft,
        editing.ElementInput(
            payload.code, payload.kind, payload.title, payload.statement, payload.level
        ),
        parent_code=payload.parent,
    )
    return Status(201, _done(element))


@router.patch(
    "/authoring/frameworks/{slug}/draft/elements/{path:code}",
    response={200: ElementDone, **_ERRORS},
    summary="Reword an element of the draft",
)
def edit(request: HttpRequest, slug: str, code: str, payload: ElementPatch) -> Any:
    _, draft = _draft(request, slug)
    element = editing.edit_element(
        draft, code, title=payload.title, statement=payload.statement, level=payload.level
    )
    return _done(element)


@router.post(
    "/authoring/frameworks/{slug}/draft/moves/{path:code}",
    response={200: ElementDone, **_ERRORS},
    summary="Move an element of the draft (with its subtree)",
)
def move(request: HttpRequest, slug: str, code: str, payload: MoveIn) -> Any:
    _, draft = _draft(request, slug)
    element = editing.move_element(
        draft, code, parent_code=payload.parent, position=payload.position
    )
    return _done(element)


class RetiredOut(Schema):
    removed: int


@router.delete(
    "/authoring/frameworks/{slug}/draft/elements/{path:code}",
    response={200: RetiredOut, **_ERRORS},
    summary="Retire an element (and its subtree) from the draft",
)
def retire(request: HttpRequest, slug: str, code: str) -> Any:
    _, draft = _draft(request, slug)
    return {"removed": editing.retire_element(draft, code)}


class MappingIn(Schema):
    old: str | None = Field(None, max_length=128, description="old element code")
    new: str | None = Field(None, max_length=128, description="draft element code; none: removed")
    confirm_all: bool = Field(False, description="confirm every undecided suggestion instead")


@router.post(
    "/authoring/frameworks/{slug}/draft/mapping",
    response={200: DraftOut, **_ERRORS},
    summary="Decide the old → new mapping of one element, or confirm every suggestion",
)
def decide(request: HttpRequest, slug: str, payload: MappingIn) -> Any:
    framework, draft = _draft(request, slug)
    if payload.confirm_all:
        mapping.confirm_all(framework, draft, request.user)
    else:
        if not payload.old:
            raise ValidationError({"old": "give the old element's code (or confirm_all)"})
        mapping.decide(framework, draft, payload.old, payload.new, request.user)
    return _draft_out(framework, draft)


@router.get(
    "/authoring/frameworks/{slug}/draft/impact",
    response={200: dict[str, Any], **_ERRORS},
    summary="What publishing the draft would touch, by removed or changed element",
)
def impact(request: HttpRequest, slug: str) -> Any:
    framework, draft = _draft(request, slug)
    changes = diff_versions(framework, draft)
    mapped = {r.old.code: r.new.code for r in mapping.mapping_rows(framework, draft) if r.new}
    items = element_impact(framework, changes, mapped)
    return {
        "slug": slug,
        "from": framework.edition,
        "to": draft.edition,
        "counts": changes.counts(),
        "totals": totals(items),
        "elements": [item.as_json() for item in items],
        "blockers": blockers(framework, draft),
    }


class PublishIn(Schema):
    confirm: bool = Field(..., description="true: publish (cannot be undone)")
    notes: str = Field("", max_length=20000)


class PublishOut(Schema):
    slug: str
    version: int
    ratings_carried: int
    requirements_moved: int
    objectives_moved: int
    crosswalks_moved: int
    evidence_mappings_moved: int


@router.post(
    "/authoring/frameworks/{slug}/draft/publish",
    response={200: PublishOut, **_ERRORS},
    summary="Publish the draft as the next version, carrying ratings and uses forward",
)
def publish_draft(request: HttpRequest, slug: str, payload: PublishIn) -> Any:
    framework, draft = _draft(request, slug)
    if not payload.confirm:
        raise ValidationError({"confirm": "publishing cannot be undone: send confirm: true"})
    result = publish(framework, draft, request.user, payload.notes)
    return {
        "slug": slug,
        "version": result.edition,
        "ratings_carried": result.ratings,
        "requirements_moved": result.requirements,
        "objectives_moved": result.objectives,
        "crosswalks_moved": result.crosswalks,
        "evidence_mappings_moved": result.evidence,
    }


class TailorIn(Schema):
    slug: str = Field(..., max_length=64)
    title: str = Field("", max_length=255)


class TailorOut(Schema):
    slug: str
    derived_from: str
    derived_from_version: int


@router.post(
    "/authoring/frameworks/{slug}/tailor",
    response={201: TailorOut, **_ERRORS},
    summary="Tailor: a framework of your own derived from this one's current version",
)
def tailor(request: HttpRequest, slug: str, payload: TailorIn) -> Any:
    upstream = _editable(request, slug)
    mine = drafts.derive(upstream, payload.slug, payload.title, request.user)
    return Status(
        201,
        {
            "slug": mine.slug,
            "derived_from": upstream.slug,
            "derived_from_version": upstream.edition,
        },
    )
