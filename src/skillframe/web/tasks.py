"""What a signed-in person should do now: the open tasks of the home page ("/").

Each persona's tasks come from the access rule's own querysets (`Person.objects.reports_of`,
`editable_by`, `reachable_by`), so every list is one query (a count and the first few rows)
whatever the size of the organisation:
- everyone with a person record: self-assessments to start or finish in open cycles, plans to
  submit or to change after their manager returned them, unread notifications;
- line managers: self-assessments awaiting their review, plans awaiting their approval;
- HR admins: open cycles ending soon, with how many of their people are still in progress or
  awaiting review;
- assessors: submissions waiting for their judgement (issue 14) and their learners;
- internal quality assurers (and HR admins, second managers): sampled decisions to review.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Count, Q

from skillframe.assessments.cycles import open_cycles_for
from skillframe.assessments.models import Cycle, SelfAssessment
from skillframe.development.models import Plan
from skillframe.evidence.models import Submission
from skillframe.notifications.models import Notification
from skillframe.people.access import Reach, is_hr_admin, person_of
from skillframe.people.models import Person
from skillframe.quality.access import to_review_by

SHOWN = 5  # rows listed per task; the count says how many there are in all
CLOSING_SOON_DAYS = 14


@dataclass
class Task:
    key: str
    noun: str  # counted: "self-assessment" (plural for any count but one)
    what: str  # the rest: "to review"
    count: int
    url: str  # the full list
    link_text: str
    rows: list[Any] = field(default_factory=list)


@dataclass
class Tasks:
    person: Person | None
    items: list[Task] = field(default_factory=list)
    unread: int = 0

    @property
    def open_count(self) -> int:
        return sum(task.count for task in self.items)


def _first(queryset: Any) -> tuple[int, list[Any]]:
    """How many rows, and the first few: two queries, whatever the number of rows."""
    count = queryset.count()
    return count, list(queryset[:SHOWN]) if count else []


def tasks_for(user: User | AnonymousUser, today: date) -> Tasks:
    person = person_of(user)
    tasks = Tasks(person)
    tasks.unread = Notification.objects.for_user(user).unread().count()
    if person is not None:
        _own(tasks, person, today)
        _manager(tasks, person)
        waiting = Submission.objects.filter(
            assessor=person, status=Submission.Status.WAITING
        ).select_related("learner__user", "standard")
        count, rows = _first(waiting.order_by("submitted_at", "id"))
        if count:
            tasks.items.append(
                Task(
                    "submissions",
                    "submission",
                    "to judge",
                    count,
                    "/assessor/",
                    "your learners",
                    rows,
                )
            )
        learners = Person.objects.filter(pk__in=person.learners.values("pk"))
        count, rows = _first(learners.select_related("user").order_by("employee_id"))
        if count:
            tasks.items.append(Task("learners", "learner", "you assess", count, "", "", rows))
    samples = to_review_by(user).select_related("rating__element", "person__user")
    count, rows = _first(samples.order_by("draw_id", "pk"))
    if count:
        tasks.items.append(
            Task("samples", "sampled decision", "to review", count, "/quality/", "Quality", rows)
        )
    if is_hr_admin(user):
        _hr(tasks, user, today)
    return tasks


def _own(tasks: Tasks, person: Person, today: date) -> None:
    cycles = open_cycles_for(person, today)
    mine = SelfAssessment.objects.filter(person=person, cycle__in=cycles).select_related(
        "cycle", "role"
    )
    started = {(a.cycle_id, a.role_id) for a in mine}
    to_do: list[dict[str, Any]] = [
        {"cycle": c, "assessment": None}
        for c in cycles
        if (c.pk, person.current_role_id) not in started and person.current_role_id
    ]
    to_do += [
        {"cycle": a.cycle, "assessment": a} for a in mine if a.status == SelfAssessment.Status.DRAFT
    ]
    if to_do:
        tasks.items.append(
            Task("assess", "self-assessment", "to finish", len(to_do), "/me/", "My skills", to_do)
        )
    plans = Plan.objects.filter(
        person=person, status__in=[Plan.Status.DRAFT, Plan.Status.RETURNED]
    ).order_by("-updated_at")
    count, rows = _first(plans)
    if count:
        tasks.items.append(
            Task("plans", "development plan", "to submit", count, "/me/plans/", "My plans", rows)
        )


def _manager(tasks: Tasks, person: Person) -> None:
    reports = Person.objects.reports_of(person)
    reviews = (
        SelfAssessment.objects.filter(status=SelfAssessment.Status.SUBMITTED, person__in=reports)
        .select_related("person__user", "cycle", "role")
        .order_by("submitted_at", "pk")
    )
    count, rows = _first(reviews)
    if count:
        tasks.items.append(
            Task("reviews", "self-assessment", "to review", count, "/team/", "Team grid", rows)
        )
    approvals = (
        Plan.objects.filter(status=Plan.Status.SUBMITTED, person__in=reports)
        .select_related("person__user")
        .order_by("updated_at", "pk")
    )
    count, rows = _first(approvals)
    if count:
        tasks.items.append(
            Task("approvals", "plan", "to approve", count, "/team/reports/", "Team reports", rows)
        )


def _hr(tasks: Tasks, user: User | AnonymousUser, today: date) -> None:
    closing = Cycle.objects.open_on(today).filter(
        ends_on__lte=today + timedelta(days=CLOSING_SOON_DAYS)
    )
    people = Person.objects.reachable_by(user, Reach.HR)
    cycles = closing.annotate(
        in_progress=Count(
            "self_assessments",
            filter=Q(self_assessments__status=SelfAssessment.Status.DRAFT)
            & Q(self_assessments__person__in=people),
        ),
        awaiting_review=Count(
            "self_assessments",
            filter=Q(self_assessments__status=SelfAssessment.Status.SUBMITTED)
            & Q(self_assessments__person__in=people),
        ),
    ).order_by("ends_on", "pk")
    rows = [{"cycle": c, "days_left": (c.ends_on - today).days} for c in cycles[:SHOWN]]
    if rows:
        tasks.items.append(
            Task("cycles", "cycle", "ending soon", len(rows), "/cycles/", "Assessment cycles", rows)
        )
