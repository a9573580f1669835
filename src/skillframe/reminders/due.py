"""What is due to be reminded today: one query per rule, whatever the size of the organisation.

Rules (lead times in settings, README "Configuration", docs/reminders.md):
- a cycle closes within REMIND_CYCLE_DAYS: people in its scope who have not started their
  self-assessment (and hold a role to assess against) or have not submitted it;
- a submitted self-assessment has waited REMIND_REVIEW_DAYS or more: the person's line manager;
- an open objective of a plan that is not closed is due within REMIND_OBJECTIVE_DAYS days (0:
  overdue): the plan's owner;
- a validated rating's review date falls within REMIND_RATING_DAYS days (0: passed): the
  person's line manager, who validates again.

Each item carries the keys that say what it is about and in which state, so that a reminder
is never sent twice for the same thing (reminders/sending.py records them).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils import timezone

from skillframe.assessments.models import (
    VALIDATING_SOURCES,
    Cycle,
    Rating,
    SelfAssessment,
)
from skillframe.development.models import Objective, Plan
from skillframe.reminders.kinds import Kind


@dataclass(frozen=True)
class LeadTimes:
    cycle_days: int
    review_days: int
    objective_days: int
    rating_days: int

    @classmethod
    def from_settings(cls) -> LeadTimes:
        return cls(
            cycle_days=settings.REMIND_CYCLE_DAYS,
            review_days=settings.REMIND_REVIEW_DAYS,
            objective_days=settings.REMIND_OBJECTIVE_DAYS,
            rating_days=settings.REMIND_RATING_DAYS,
        )


@dataclass(frozen=True)
class Due:
    user_id: int
    kind: Kind
    keys: tuple[str, ...]  # what it is about, in which state; all recorded once sent
    text: str
    url: str  # a path inside the app


def _day(d: date) -> str:
    return f"{d:%d %b %Y}"


def due_items(today: date, lead: LeadTimes) -> list[Due]:
    return [
        *_self_assessments(today, lead.cycle_days),
        *_reviews(today, lead.review_days),
        *_objectives(today, lead.objective_days),
        *_rating_reviews(today, lead.rating_days),
    ]


def _self_assessments(today: date, days: int) -> list[Due]:
    items: list[Due] = []
    closing = Cycle.objects.open_on(today).filter(ends_on__lte=today + timedelta(days=days))
    for cycle in closing.order_by("ends_on", "pk"):  # few cycles: one query each, not per person
        people = cycle.people_in_scope().filter(user__is_active=True)
        not_started = (
            people.filter(current_role__isnull=False)
            .exclude(self_assessments__cycle=cycle)
            .values_list("user_id", flat=True)
        )
        when = f"“{cycle.name}” closes on {_day(cycle.ends_on)}"
        items += [
            Due(
                user_id,
                Kind.SELF_ASSESSMENT,
                (f"self-assessment:cycle {cycle.pk}:not started",),
                f"{when}: start your self-assessment.",
                reverse("assessments:me"),
            )
            for user_id in not_started
        ]
        drafts = SelfAssessment.objects.filter(
            cycle=cycle, status=SelfAssessment.Status.DRAFT, person__in=people
        ).values_list("pk", "person__user_id")
        items += [
            Due(
                user_id,
                Kind.SELF_ASSESSMENT,
                (f"self-assessment:{pk}:not submitted",),
                f"{when}: finish and submit your self-assessment.",
                reverse("assessments:wizard", args=[pk]),
            )
            for pk, user_id in drafts
        ]
    return items


def _reviews(today: date, days: int) -> list[Due]:
    waited_since = timezone.make_aware(datetime.combine(today - timedelta(days=days), time.max))
    waiting = (
        SelfAssessment.objects.filter(
            status=SelfAssessment.Status.SUBMITTED,
            submitted_at__lte=waited_since,
            person__manager__user__is_active=True,
        )
        .values_list(
            "pk",
            "submitted_at",
            "person__manager__user_id",
            "person__user__first_name",
            "person__user__last_name",
            "cycle__name",
        )
        .order_by("submitted_at", "pk")
    )
    return [
        Due(
            manager_user_id,
            Kind.REVIEW,
            (f"review:{pk}:{submitted_at:%Y%m%d%H%M%S}",),
            f"{first} {last}'s self-assessment{f' ({cycle})' if cycle else ''} has waited "
            f"since {_day(timezone.localdate(submitted_at))} for your review.",
            reverse("assessments:review", args=[pk]),
        )
        for pk, submitted_at, manager_user_id, first, last, cycle in waiting
    ]


def _objectives(today: date, days: int) -> list[Due]:
    rows = (
        Objective.objects.filter(
            status=Objective.Status.OPEN,
            due_on__lt=today + timedelta(days=days),
            plan__person__user__is_active=True,
        )
        .exclude(plan__status=Plan.Status.CLOSED)
        .values_list(
            "pk", "due_on", "plan_id", "plan__person__user_id", "element__code", "element__title"
        )
        .order_by("due_on", "pk")
    )
    return [
        Due(
            user_id,
            Kind.OBJECTIVE,
            (f"objective:{pk}:{due_on:%Y%m%d}",),
            f"Objective {code} {title} {'was' if due_on < today else 'is'} due on {_day(due_on)}.",
            reverse("development:plan", args=[plan_id]),
        )
        for pk, due_on, plan_id, user_id, code, title in rows
    ]


def _rating_reviews(today: date, days: int) -> list[Due]:
    """Per (manager, person): the person's newest validated ratings whose review date passed."""
    newest = (
        Rating.objects.filter(source__in=VALIDATING_SOURCES)
        .annotate(
            newest=Window(
                RowNumber(),
                partition_by=[F("person_id"), F("element_id")],
                order_by=[F("created_at").desc(), F("id").desc()],
            )
        )
        .filter(newest=1)
        .values("pk")
    )
    horizon = today + timedelta(days=days)
    # The review date is checked on the newest rating only (an older one may be stale while a
    # newer one is not): the window picks the newest in a subquery, the date filters outside.
    stale = Rating.objects.filter(
        pk__in=newest,
        next_review_on__lt=horizon,
        person__manager__user__is_active=True,
    ).values_list(
        "pk", "person__employee_id", "person__manager__user_id", "person__user__first_name",
        "person__user__last_name",
    )  # fmt: skip
    grouped: dict[tuple[int, str], list[int]] = {}
    names: dict[str, str] = {}
    for pk, employee_id, manager_user_id, first, last in stale:
        grouped.setdefault((manager_user_id, employee_id), []).append(pk)
        names[employee_id] = f"{first} {last}"
    return [
        Due(
            manager_user_id,
            Kind.RATING_REVIEW,
            tuple(f"rating-review:{pk}" for pk in sorted(pks)),
            f"{names[employee_id]}: {len(pks)} validated rating"
            f"{'s are' if len(pks) != 1 else ' is'} due for review.",
            reverse("assessments:person_ratings", args=[employee_id]),
        )
        for (manager_user_id, employee_id), pks in sorted(grouped.items())
    ]
