"""Schemas of the development plan API (no __future__ import: ninja reads these annotations)."""

from datetime import date, datetime
from typing import Any, Literal

from ninja import Field, Schema

from skillframe.api.fields import Code, Comment, Level, Link, Note, Title
from skillframe.development.models import Plan

PlanStatus = Literal["draft", "submitted", "approved", "returned", "closed"]
ObjectiveStatus = Literal["open", "done", "dropped"]
ActivityKind = Literal["course", "project", "coaching", "reading", "on-the-job"]
ActivityStatus = Literal["planned", "in-progress", "done"]


class ActivityOut(Schema):
    id: int
    kind: ActivityKind
    title: str
    status: ActivityStatus
    starts_on: date | None
    ends_on: date | None
    link: str
    notes: str


class ProgressOut(Schema):
    id: int
    author: str | None
    text: str
    created_at: datetime


class ObjectiveOut(Schema):
    id: int
    framework: str
    element: str
    element_title: str
    target_level: int | None  # None: competent (frameworks without a level scale, NOS)
    measure: str
    due_on: date
    status: ObjectiveStatus
    completed_at: datetime | None
    overdue: bool
    reassess_url: str | None  # set once done, until the element is rated again
    activities: list[ActivityOut]
    progress: list[ProgressOut]


class PlanFields(Schema):
    id: int
    person: str  # employee id
    person_name: str
    title: str
    status: PlanStatus
    version: int
    objectives_total: int
    objectives_done: int
    objectives_overdue: int
    created_at: datetime
    updated_at: datetime


class PlanOut(PlanFields):
    # Read from a Plan with the person loaded and the counts annotated (Plan.with_counts).
    @staticmethod
    def resolve_person(obj: Plan) -> str:
        return obj.person.employee_id

    @staticmethod
    def resolve_person_name(obj: Plan) -> str:
        return obj.person.name

    @staticmethod
    def resolve_objectives_total(obj: Any) -> int:
        return int(obj.objective_count)

    @staticmethod
    def resolve_objectives_done(obj: Any) -> int:
        return int(obj.done_count)

    @staticmethod
    def resolve_objectives_overdue(obj: Any) -> int:
        return int(obj.overdue_count)


class PlanDetailOut(PlanFields):
    objectives: list[ObjectiveOut]


class VersionOut(Schema):
    number: int
    action: Literal["submit", "approve", "return", "close"]
    actor: str | None
    comment: str
    created_at: datetime
    snapshot: dict[str, Any]


class PlanFilters(Schema):
    person: Code | None = None  # employee id
    status: PlanStatus | None = None
    order: str | None = Field(None, max_length=64)  # a field, or -field: see docs/api.md


class ObjectiveIn(Schema):
    framework: Code | None = None  # only needed when the code exists in two frameworks
    element: Code
    target_level: Level | None = None
    measure: Note
    due_on: date


class ObjectivePatch(Schema):
    framework: Code | None = None
    element: Code | None = None
    target_level: Level | None = None
    measure: Note | None = None
    due_on: date | None = None
    status: ObjectiveStatus | None = None  # progress: allowed on approved plans too


class PlanIn(Schema):
    title: Title
    objectives: list[ObjectiveIn] = []


class PlanPatch(Schema):
    title: Title


class ActivityIn(Schema):
    kind: ActivityKind
    title: Title
    status: ActivityStatus = "planned"
    starts_on: date | None = None
    ends_on: date | None = None
    link: Link = ""
    notes: Note = ""


class ActivityPatch(Schema):
    kind: ActivityKind | None = None
    title: Title | None = None
    status: ActivityStatus | None = None
    starts_on: date | None = None
    ends_on: date | None = None
    link: Link | None = None
    notes: Note | None = None


class ProgressIn(Schema):
    text: Note


class DecisionIn(Schema):
    comment: Comment = ""  # required to return a plan
