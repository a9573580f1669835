"""Development plans: a person's SMART objectives with the activities that get them there.

A Plan belongs to one person, who alone edits its content; their line managers approve it or
return it with a comment; HR admins of their unit read it (see access.py). Each submit, approve,
return and close appends a PlanVersion with a JSON snapshot of the objectives and activities at
that moment, so the history of a plan is kept the way rating history is: versions and progress
updates are never changed or deleted by the application.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Protocol, cast

from django.conf import settings
from django.db import models

from skillframe.assessments.models import AppendOnly
from skillframe.frameworks.models import Element
from skillframe.people.models import Person
from skillframe.people.querysets import Reach, Viewer, person_scope

# Who reads a person's plans: the person, their line managers and their HR admins. An assessor
# reads the ratings of their learners, not their plans (development/access.py).
PLAN_READERS = Reach.SELF | Reach.REPORTS | Reach.HR


class PlanCounts(Protocol):
    """The annotations `PlanQuerySet.with_counts` puts on each plan."""

    objective_count: int
    done_count: int
    overdue_count: int


def counts_of(plan: Plan) -> PlanCounts:
    """The counts of a plan read through `with_counts` (django-stubs' WithAnnotations would say
    so in the queryset's type, but its plugin loses the fields of a type named in two modules)."""
    return cast(PlanCounts, plan)


class PlanQuerySet(models.QuerySet["Plan"]):
    def visible_to(self, user: Viewer) -> PlanQuerySet:
        """Plans `user` may read: their own, their reports' and those in their HR scope."""
        return self.filter(person_scope(user, PLAN_READERS))

    def with_counts(self, today: date) -> PlanQuerySet:
        """Objectives: all, done, and open past their due (annotations in the same query)."""
        objectives = "objectives"
        return self.annotate(
            objective_count=models.Count(objectives, distinct=True),
            done_count=models.Count(
                objectives,
                filter=models.Q(objectives__status=Objective.Status.DONE),
                distinct=True,
            ),
            overdue_count=models.Count(
                objectives,
                filter=models.Q(
                    objectives__status=Objective.Status.OPEN, objectives__due_on__lt=today
                ),
                distinct=True,
            ),
        )


class Plan(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Awaiting approval"
        APPROVED = "approved", "Approved"
        RETURNED = "returned", "Returned for changes"
        CLOSED = "closed", "Closed"

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="plans")
    title = models.CharField(max_length=200)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    version = models.PositiveIntegerField(default=0)  # number of the newest PlanVersion
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def editable(self) -> bool:
        """Content (objectives, activities) may change only before approval or after a return."""
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)

    @property
    def active(self) -> bool:
        """Progress may be recorded on any plan that is not closed."""
        return self.status != self.Status.CLOSED


class Objective(models.Model):
    """A SMART objective: reach `target_level` of `element` (NOS: competent), by `due_on`."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        DONE = "done", "Done"
        DROPPED = "dropped", "Dropped"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="objectives")
    element = models.ForeignKey(Element, on_delete=models.PROTECT, related_name="+")
    # A level of the element's scale (AXELOS); empty where the framework judges "competent".
    target_level = models.PositiveSmallIntegerField(null=True, blank=True)
    measure = models.TextField()  # how the person and manager will know it is achieved
    due_on = models.DateField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.OPEN)
    completed_at = models.DateTimeField(null=True, blank=True)
    position = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["plan", "position", "id"]

    def __str__(self) -> str:
        return f"{self.element.code} {self.target_label} by {self.due_on:%Y-%m-%d}"

    @property
    def target_label(self) -> str:
        return f"level {self.target_level}" if self.target_level is not None else "competent"

    def is_overdue(self, today: date) -> bool:
        return self.status == self.Status.OPEN and self.due_on < today


class Activity(models.Model):
    class Kind(models.TextChoices):
        COURSE = "course", "Course"
        PROJECT = "project", "Project"
        COACHING = "coaching", "Coaching"
        READING = "reading", "Reading"
        ON_THE_JOB = "on-the-job", "On the job"

    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        IN_PROGRESS = "in-progress", "In progress"
        DONE = "done", "Done"

    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="activities")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    title = models.CharField(max_length=255)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PLANNED)
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    link = models.URLField(max_length=500, blank=True)
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["objective", "starts_on", "id"]
        verbose_name_plural = "activities"

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"


class _AppendOnlyQuerySet(models.QuerySet[Any]):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnly("this history is append-only: add a new row instead")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnly("this history is append-only and is never deleted")


class _AppendOnlyModel(models.Model):
    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnly("this history is append-only: add a new row instead")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnly("this history is append-only and is never deleted")


class PlanVersion(_AppendOnlyModel):
    """The plan as it stood when it was submitted, approved, returned or closed."""

    class Action(models.TextChoices):
        SUBMIT = "submit", "Submitted"
        APPROVE = "approve", "Approved"
        RETURN = "return", "Returned"
        CLOSE = "close", "Closed"

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    action = models.CharField(max_length=16, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    comment = models.TextField(blank=True)
    snapshot = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = _AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="uniq_plan_version"),
        ]

    def __str__(self) -> str:
        return f"{self.plan_id} v{self.number} {self.action}"


class ProgressUpdate(_AppendOnlyModel):
    # PROTECT: an objective with recorded progress can be dropped but never deleted.
    objective = models.ForeignKey(Objective, on_delete=models.PROTECT, related_name="updates")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    objects = _AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.text[:60]
