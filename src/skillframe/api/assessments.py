"""Assessment cycles and ratings.

Ratings are recorded only through `record_rating` (which decides who may rate as what); the
person is first fetched through the access rule, so a caller who may not see them gets 404 and
one who may see them but not rate that way gets 403.
"""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Query, Router, Status
from ninja.pagination import paginate

from skillframe.api import cycle_scope
from skillframe.api.assessments_schemas import (
    CurrentFilters,
    CurrentRatingOut,
    CycleFilters,
    CycleIn,
    CycleOut,
    CycleProgressOut,
    HistoryFilters,
    RatingIn,
    RatingOut,
)
from skillframe.api.auth import USER_AUTH
from skillframe.api.errors import FieldErrorsOut
from skillframe.api.ordering import ordered
from skillframe.api.pagination import Paged
from skillframe.api.people import visible_person
from skillframe.api.schemas import ErrorOut
from skillframe.assessments import cycles
from skillframe.assessments.models import CurrentRating, Cycle, Rating
from skillframe.assessments.ratings import record_rating
from skillframe.frameworks.models import Element, Framework
from skillframe.people.models import Person

router = Router(auth=USER_AUTH, tags=["assessments"])


@router.get(
    "/cycles",
    response=list[CycleOut],
    summary="Assessment cycles: all for HR admins, else those reaching anyone the caller sees",
)
@paginate(Paged)
def list_cycles(request: HttpRequest, filters: Query[CycleFilters]) -> Any:
    cycles = cycle_scope.visible_cycles(request.user)
    if filters.status:
        cycles = cycles.filter(status=filters.status)
    fields = {"name": ("name",), "starts_on": ("starts_on",), "ends_on": ("ends_on",)}
    return ordered(cycles, filters.order, fields)


@router.post(
    "/cycles",
    response={201: CycleOut, 403: ErrorOut, 422: FieldErrorsOut},
    summary="Open an assessment cycle and notify everyone in its scope (HR admins)",
)
def add_cycle(request: HttpRequest, payload: CycleIn) -> Any:
    cycle = cycle_scope.open_cycle(request.user, **payload.model_dump())
    return Status(201, Cycle.objects.prefetch_related("units", "roles").get(pk=cycle.pk))


@router.get(
    "/cycles/{cycle_id}/progress",
    response={200: CycleProgressOut, 403: ErrorOut, 404: ErrorOut},
    summary="How far the people of a cycle are with their self-assessments (HR admins)",
)
def get_cycle_progress(request: HttpRequest, cycle_id: int) -> dict[str, Any]:
    cycles_seen = cycle_scope.visible_cycles(request.user).prefetch_related(None)
    return cycle_scope.progress(request.user, get_object_or_404(cycles_seen, pk=cycle_id))


def _cycle(cycle_id: int | None, person: Person, today: date) -> Cycle | None:
    if cycle_id is None:
        return None
    for cycle in cycles.open_cycles_for(person, today):
        if cycle.pk == cycle_id:
            return cycle
    raise ValidationError(
        {"cycle": f"cycle {cycle_id} is not an open cycle that includes {person.name}"}
    )


@router.post(
    "/people/{employee_id}/ratings",
    response={201: RatingOut, 403: ErrorOut, 404: ErrorOut, 422: FieldErrorsOut},
    summary="Record a rating (self, manager or assessor); ratings are append-only",
)
def add_rating(request: HttpRequest, employee_id: str, payload: RatingIn) -> Any:
    person = visible_person(request.user, employee_id)
    element = Element.objects.find(payload.element, payload.framework)
    rating = record_rating(
        request.user,
        person,
        element,
        payload.source,
        level=payload.level,
        competence=payload.competence,
        comment=payload.comment,
        confidence=payload.confidence,
        statements_met=payload.statements_met,
        cycle=_cycle(payload.cycle, person, timezone.localdate()),
    )
    return Status(201, rating)


def _current_out(element: Element, entry: CurrentRating, today: date) -> dict[str, Any]:
    for rating in (entry.self_rating, entry.validated):
        if rating is not None:
            rating.element = element  # already loaded: spare the schema a query per rating
    best = entry.best
    return {
        "framework": element.framework.slug,
        "element": element.code,
        "element_title": element.label,
        "kind": element.kind,
        "self_rating": entry.self_rating,
        "validated": entry.validated,
        "stale": bool(best and best.is_stale(today)),
        "disagrees": entry.disagrees,
    }


@router.get(
    "/people/{employee_id}/ratings/current",
    response={200: list[CurrentRatingOut], 404: ErrorOut},
    summary="Where a person stands now: own and validated rating per rated element",
)
def current_ratings(
    request: HttpRequest, employee_id: str, filters: Query[CurrentFilters]
) -> list[dict[str, Any]]:
    person = visible_person(request.user, employee_id)
    current = Rating.objects.current([person.pk])  # one query, whatever the number of ratings
    elements = Element.objects.select_related("framework").in_bulk(
        {element_id for _, element_id in current}
    )
    if filters.framework:
        elements = {pk: e for pk, e in elements.items() if e.framework.slug == filters.framework}
    today = timezone.localdate()
    rated = sorted(
        (
            (elements[element_id], entry)
            for (_, element_id), entry in current.items()
            if element_id in elements
        ),
        key=lambda pair: (pair[0].framework.slug, pair[0].ordinal),
    )
    return [_current_out(element, entry, today) for element, entry in rated]


@router.get(
    "/people/{employee_id}/ratings/history",
    response={200: list[RatingOut], 404: ErrorOut},
    summary="Every rating of a person, newest first (filter by framework, element, source)",
)
@paginate(Paged)
def rating_history(request: HttpRequest, employee_id: str, filters: Query[HistoryFilters]) -> Any:
    person = visible_person(request.user, employee_id)
    ratings = Rating.objects.filter(person=person).select_related("element__framework", "rater")
    if filters.framework:
        get_object_or_404(Framework, slug=filters.framework)
        ratings = ratings.filter(element__framework__slug=filters.framework)
    if filters.element:
        ratings = ratings.filter(element__code=filters.element)
    if filters.source:
        ratings = ratings.filter(source=filters.source)
    return ratings.order_by("-created_at", "-id")
