"""Decisions to sample: assessor judgements and manager validations, optionally back-dated."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.utils import timezone

from skillframe.assessments.models import Rating
from skillframe.assessments.ratings import record_rating
from skillframe.frameworks.models import Element
from skillframe.people.models import Person


def items(unit: str, count: int) -> list[Element]:
    """The first `count` performance criteria of a NOS unit, in order."""
    return list(
        Element.objects.select_related("framework")
        .filter(code__startswith=f"{unit}.P")
        .order_by("ordinal")[:count]
    )


def decide(
    assessor: Person, learner: Person, elements: list[Element], competence: str = "competent"
) -> list[Rating]:
    """`assessor` judges each element for `learner` (they must assess them)."""
    return [
        record_rating(assessor.user, learner, element, "assessor", competence=competence)
        for element in elements
    ]


def backdate(ratings: list[Rating], days: int) -> None:
    """Move the ratings `days` into the past (as the demo loader does: ratings refuse update())."""
    when = timezone.now() - timedelta(days=days)
    QuerySet(model=Rating).filter(pk__in=[r.pk for r in ratings]).update(created_at=when)


def assessor(username: str, unit: Any, *learners: Person) -> Person:
    user = User.objects.create_user(username, f"{username}@example.org", "x", first_name=username)
    person = Person.objects.create(user=user, employee_id=f"E-{username}", unit=unit)
    person.learners.add(*learners)
    return person
