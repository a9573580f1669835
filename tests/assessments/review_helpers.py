"""Helpers shared by the review, ratings, history and team tests (not a test module)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.utils import timezone

from skillframe.assessments.models import Rating, SelfAssessment
from skillframe.assessments.ratings import record_rating
from skillframe.frameworks.models import Element
from skillframe.people.models import Person


def el(code: str) -> Element:
    return Element.objects.select_related("framework").get(code=code)


def values(value: int | str) -> dict[str, Any]:
    return {"level": value} if isinstance(value, int) else {"competence": value}


def submitted(
    personas: Any,
    ratings: dict[str, int | str],
    *,
    person: Person | None = None,
    status: str = SelfAssessment.Status.SUBMITTED,
    statements: dict[str, list[str]] | None = None,
) -> SelfAssessment:
    """A self-assessment with one self rating per code, made as the wizard would."""
    person = person or personas.alice
    assessment = SelfAssessment.objects.create(
        person=person,
        role=personas.pm,
        status=status,
        submitted_at=timezone.now() if status != SelfAssessment.Status.DRAFT else None,
    )
    for code, value in ratings.items():
        record_rating(
            person.user,
            person,
            el(code),
            "self",
            comment=f"my view of {code}",
            confidence=4,
            statements_met=(statements or {}).get(code, []),
            assessment=assessment,
            **values(value),
        )
    return assessment


def manager_ratings(person: Person, code: str) -> list[Rating]:
    return list(Rating.objects.filter(person=person, element__code=code, source="manager"))


def add_report(personas: Any, username: str, manager: Person | None = None) -> Person:
    """Another direct report (of Bob by default) holding the project-manager role."""
    user = User.objects.create_user(username, f"{username}@example.org", personas.password)
    user.first_name, user.last_name = username.title(), "Report"
    user.save()
    return Person.objects.create(
        user=user,
        employee_id=f"E-{username}",
        unit=personas.delivery,
        manager=manager or personas.bob,
        current_role=personas.pm,
        target_role=personas.leader,
    )


def queries(client: Any, url: str) -> int:
    """How many queries one GET of `url` runs (the page must render: status 200)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)
