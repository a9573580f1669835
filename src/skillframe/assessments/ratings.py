"""Recording a rating: the one entry point that checks who may rate what, and with which value.

Every UI view, API endpoint and import goes through `record_rating`, so the rules live here once.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import TypeGuard

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from skillframe.assessments.models import (
    Competence,
    Cycle,
    Rating,
    SelfAssessment,
    Source,
)
from skillframe.audit.models import record
from skillframe.frameworks.kinds import ElementKind
from skillframe.frameworks.models import Element
from skillframe.inputs import COMMENT_MAX, level_problem
from skillframe.people import access
from skillframe.people.models import RATABLE_KINDS, Person
from skillframe.validators import ensure_text


def may_rate_as(user: User | AnonymousUser, person: Person, source: str) -> TypeGuard[User]:
    """Whether `user` may record a `source` rating of `person`.

    True only for a signed-in user (TypeGuard): after the check `user` may be stored as the rater.
    """
    if source == Source.SELF:
        return bool(user.is_authenticated and person.user_id == user.pk)
    if source == Source.MANAGER:
        return access.manages(user, person)
    if source == Source.ASSESSOR:
        return access.assesses(user, person)
    if source == Source.IMPORT:
        return access.administers(user, person)
    return False


def next_review(today: date | None = None) -> date:
    today = today or timezone.localdate()
    return today + timedelta(days=30 * settings.REVIEW_MONTHS)


def ensure_cycle_open(cycle: Cycle | None) -> None:
    """A closed cycle's ratings are frozen: refuse a new one (ValidationError on "cycle")."""
    if cycle is not None and cycle.status == Cycle.Status.CLOSED:
        raise ValidationError(
            {
                "cycle": f"the cycle “{cycle.name}” is closed: its ratings can no longer "
                "change (an HR admin can reopen it)"
            }
        )


def check_value(element: Element, level: int | None, competence: str) -> None:
    """Raise ValidationError naming the field when the value does not fit the element's scale."""
    if element.kind not in RATABLE_KINDS:
        ratable = ", ".join(RATABLE_KINDS)
        raise ValidationError(
            {"element": f"{element.code} is a {element.kind}; ratable kinds are {ratable}"}
        )
    if level is not None and (problem := level_problem(level)):
        # True == 1 in Python: without this a boolean was stored as level 1.
        raise ValidationError({"level": f"the level {problem}"})
    numbers = sorted(element.framework.scale_levels.values_list("number", flat=True))
    if numbers and element.kind == ElementKind.SKILL:
        if competence:
            raise ValidationError(
                {"competence": f"{element.code} is rated by level, not competence"}
            )
        if level is None:
            raise ValidationError({"level": f"{element.code} needs a level"})
        if level not in numbers:
            raise ValidationError(
                {"level": f"level {level} is not on the scale ({numbers[0]}–{numbers[-1]})"}
            )
        return
    if level is not None:
        raise ValidationError({"level": f"{element.code} is judged by competence, not a level"})
    if competence not in Competence.values:
        raise ValidationError(
            {"competence": f"{competence!r} is not one of {', '.join(Competence.values)}"}
        )


def _check_statements(element: Element, codes: Sequence[str]) -> list[str]:
    if not codes:
        return []
    allowed = set(
        Element.objects.filter(
            framework_id=element.framework_id,
            parent__parent_id=element.pk,
            kind=ElementKind.STATEMENT,
        ).values_list("code", flat=True)
    )
    unknown = [code for code in codes if code not in allowed]
    if unknown:
        raise ValidationError(
            {"statements_met": f"not statements of {element.code}: {', '.join(unknown)}"}
        )
    return list(dict.fromkeys(codes))


def record_rating(
    user: User | AnonymousUser,
    person: Person,
    element: Element,
    source: str,
    *,
    level: int | None = None,
    competence: str = "",
    comment: str = "",
    confidence: int | None = None,
    statements_met: Sequence[str] = (),
    cycle: Cycle | None = None,
    assessment: SelfAssessment | None = None,
    next_review_on: date | None = None,
) -> Rating:
    """Append a rating after checking permission and value; raises PermissionDenied or
    ValidationError (with the offending field) and then saves nothing."""
    if not may_rate_as(user, person, source):
        raise PermissionDenied(f"you may not record a {source} rating for this person")
    ensure_cycle_open(cycle if cycle is not None else (assessment.cycle if assessment else None))
    if element.framework_id not in person.frameworks_ids():
        raise ValidationError(
            {"element": f"{element.code} is not in a framework of {person.name}'s roles"}
        )
    check_value(element, level, competence)
    if confidence is not None and not 1 <= confidence <= 5:
        raise ValidationError({"confidence": f"{confidence} is not between 1 and 5"})
    statements = _check_statements(element, statements_met)
    # Ratings are append-only: a comment too long for the report could never be removed.
    comment = ensure_text("comment", comment.strip(), COMMENT_MAX)
    if source == Source.MANAGER and not comment:
        own = Rating.objects.current([person.pk], [element.pk]).get((person.pk, element.pk))
        if (
            own
            and own.self_rating
            and (own.self_rating.level, own.self_rating.competence)
            != (
                level,
                competence,
            )
        ):
            raise ValidationError(
                {"comment": "a comment is required when you adjust the person's own rating"}
            )
    if next_review_on is None and source in (Source.MANAGER, Source.ASSESSOR):
        next_review_on = next_review()
    with transaction.atomic():
        rating = Rating.objects.create(
            person=person,
            element=element,
            level=level,
            competence=competence,
            source=source,
            rater=user,
            comment=comment,
            confidence=confidence,
            statements_met=statements,
            cycle=cycle,
            assessment=assessment,
            next_review_on=next_review_on,
        )
        record(
            user,
            "rating.create",
            rating,
            person=person.employee_id,
            element=element.code,
            source=source,
            value=rating.value_label,
        )
    return rating
