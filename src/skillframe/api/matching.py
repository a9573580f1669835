"""Suggestions from free text, feedback on them, and the AXELOS ↔ NOS crosswalk.

Any signed-in caller may ask for suggestions, give feedback and read the crosswalk; exporting
the feedback (it holds other people's texts) and deciding links are for HR admins (403).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status
from ninja.files import UploadedFile

from skillframe.api.auth import USER_AUTH
from skillframe.api.schemas import ErrorOut
from skillframe.frameworks.associations import Association
from skillframe.matching import crosswalk, feedback, service
from skillframe.matching.uploads import text_from_upload
from skillframe.people.access import is_hr_admin

router = Router(auth=USER_AUTH, tags=["matching"])


class SuggestIn(Schema):
    text: str
    framework: str | None = None
    limit: int = 5
    items: bool = False


class SpanOut(Schema):
    start: int
    end: int
    text: str
    matched: str


class CriterionOut(Schema):
    code: str
    text: str
    score: float


class SuggestionOut(Schema):
    framework: str
    code: str
    title: str
    kind: str
    score: float
    spans: list[SpanOut]
    level: int | None = None
    criteria: list[CriterionOut] | None = None
    owner: str | None = None


class SuggestOut(Schema):
    suggestions: list[SuggestionOut]


class FeedbackIn(Schema):
    text: str
    framework: str
    code: str
    decision: Literal["accepted", "rejected"]
    score: float | None = Field(None, ge=-1000, le=1000)
    rank: int | None = Field(None, ge=1, le=1000)


class FeedbackOut(Schema):
    id: int


class TrainingRowOut(Schema):
    text: str
    framework: str
    code: str
    title: str
    decision: str
    score: float | None
    rank: int | None
    method: str
    created_at: datetime


class LinkOut(Schema):
    uuid: UUID
    kind: str
    status: str
    origin_framework: str
    origin: str
    origin_title: str
    destination_framework: str
    destination: str
    destination_title: str
    method: str
    score: float | None
    evidence: list[Any]
    note: str
    decided_by: str | None
    decided_at: datetime | None


class LinkFilters(Schema):
    status: Literal["suggested", "confirmed", "rejected"] | None = None


class DecisionIn(Schema):
    decision: Literal["confirm", "reject", "suggest"]
    kind: Literal["exactMatchOf", "isRelatedTo"] | None = None
    note: str | None = Field(None, max_length=2000)


@router.post(
    "/suggest",
    response=SuggestOut,
    exclude_none=True,
    summary="Suggest skills and standards for a text",
)
def suggest(request: HttpRequest, payload: SuggestIn) -> dict[str, Any]:
    return service.suggest(payload.text, payload.framework, payload.limit, payload.items)


@router.post(
    "/suggest/upload",
    response=SuggestOut,
    exclude_none=True,
    summary="Suggest skills and standards for an uploaded .txt, .docx or .pdf",
)
def suggest_upload(
    request: HttpRequest,
    file: UploadedFile,
    framework: str | None = None,
    limit: int = 5,
    items: bool = False,
) -> dict[str, Any]:
    text = text_from_upload(file.name or "upload", file.read())
    return service.suggest(text, framework, limit, items)


@router.post(
    "/suggest/feedback", response={201: FeedbackOut}, summary="Accept or reject one suggestion"
)
def give_feedback(request: HttpRequest, payload: FeedbackIn) -> Status[dict[str, int]]:
    row = feedback.record(
        request.user,
        payload.text,
        payload.framework,
        payload.code,
        payload.decision,
        payload.score,
        payload.rank,
    )
    return Status(201, {"id": row.pk})


@router.get(
    "/suggest/feedback/export",
    response={200: list[TrainingRowOut], 403: ErrorOut},
    summary="Every accept/reject decision as training data (HR admins)",
)
def export_feedback(request: HttpRequest) -> list[dict[str, Any]]:
    if not is_hr_admin(request.user):
        raise PermissionDenied("Only HR admins may export suggestion feedback.")
    return feedback.training_rows()


def _link_out(link: Association) -> dict[str, Any]:
    return {
        "uuid": link.uuid,
        "kind": link.kind,
        "status": link.status,
        "origin_framework": link.origin.framework.slug,
        "origin": link.origin.code,
        "origin_title": link.origin.label,
        "destination_framework": link.destination.framework.slug,
        "destination": link.destination.code,
        "destination_title": link.destination.label,
        "method": link.method,
        "score": link.score,
        "evidence": link.evidence,
        "note": link.note,
        "decided_by": link.decided_by.get_username() if link.decided_by else None,
        "decided_at": link.decided_at,
    }


@router.get("/crosswalk", response=list[LinkOut], summary="AXELOS ↔ NOS crosswalk links")
def list_links(request: HttpRequest, filters: Query[LinkFilters]) -> list[dict[str, Any]]:
    links = crosswalk.crosswalk_links().order_by("-score", "pk")
    if filters.status:
        links = links.filter(status=filters.status)
    return [_link_out(link) for link in links]


@router.post(
    "/crosswalk/{link_uuid}/decision",
    response={200: LinkOut, 403: ErrorOut},
    summary="Confirm, reject or reopen a crosswalk link (HR admins)",
)
def decide_link(request: HttpRequest, link_uuid: UUID, payload: DecisionIn) -> dict[str, Any]:
    link = get_object_or_404(crosswalk.crosswalk_links(), uuid=link_uuid)
    if not is_hr_admin(request.user):
        raise PermissionDenied("Only HR admins may decide crosswalk links.")
    return _link_out(
        crosswalk.decide(link, payload.decision, request.user, payload.kind, payload.note)
    )
