"""One assessment cycle for HR: read it, close it, reopen it (the HR cycle pages' operations).

As on those pages, the operations are for HR admins: anyone else gets 403 before anything is
looked up (the pages exist for every HR admin, so the refusal tells nothing). Closing freezes
the self-assessments and reviews in the cycle; the answer says what it froze. No __future__
import: ninja reads the annotations.
"""

from datetime import date
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router, Schema

from skillframe.api.assessments_schemas import CycleOut
from skillframe.api.auth import USER_AUTH
from skillframe.api.errors import FieldErrorsOut
from skillframe.api.schemas import ErrorOut
from skillframe.assessments import cycles
from skillframe.assessments.models import Cycle
from skillframe.people.access import ensure_hr_admin

router = Router(auth=USER_AUTH, tags=["assessments"])

REFUSAL = "only HR admins may manage assessment cycles"


class ClosedOut(Schema):
    cycle: CycleOut
    changed: bool  # False: it was closed already
    in_progress: int  # drafts frozen
    awaiting_review: int
    not_started: int
    reviewed: int
    days_early: int


class ReopenIn(Schema):
    ends_on: date


class ReopenedOut(Schema):
    cycle: CycleOut
    changed: bool  # False: it was open already (nothing changed)


def _cycle(request: HttpRequest, cycle_id: int) -> Cycle:
    ensure_hr_admin(request.user, REFUSAL)
    return get_object_or_404(Cycle.objects.prefetch_related("units", "roles"), pk=cycle_id)


@router.get(
    "/cycles/{cycle_id}",
    response={200: CycleOut, 403: ErrorOut, 404: ErrorOut},
    summary="One assessment cycle (HR admins)",
)
def get_cycle(request: HttpRequest, cycle_id: int) -> Any:
    return _cycle(request, cycle_id)


@router.post(
    "/cycles/{cycle_id}/close",
    response={200: ClosedOut, 403: ErrorOut, 404: ErrorOut},
    summary="Close a cycle: its self-assessments and reviews freeze (HR admins; reopen to undo)",
)
def close_cycle(request: HttpRequest, cycle_id: int) -> Any:
    cycle = _cycle(request, cycle_id)
    consequences = cycles.close_consequences(cycle, request.user, timezone.localdate())
    changed = cycles.close_cycle(request.user, cycle, consequences)
    return {"cycle": cycle, "changed": changed, **vars(consequences)}


@router.post(
    "/cycles/{cycle_id}/reopen",
    response={200: ReopenedOut, 403: ErrorOut, 404: ErrorOut, 422: FieldErrorsOut},
    summary="Reopen a closed cycle until `ends_on` (today or later; HR admins)",
)
def reopen_cycle(request: HttpRequest, cycle_id: int, payload: ReopenIn) -> Any:
    cycle = _cycle(request, cycle_id)
    if cycle.status != Cycle.Status.CLOSED:
        return {"cycle": cycle, "changed": False}
    cycles.check_reopen_date(cycle, payload.ends_on, timezone.localdate())
    changed = cycles.reopen_cycle(request.user, cycle, payload.ends_on)
    return {"cycle": cycle, "changed": changed}
