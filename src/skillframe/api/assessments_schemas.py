"""Schemas of cycles and ratings (no __future__ import: ninja reads these annotations)."""

from datetime import date, datetime
from typing import Literal

from django.utils import timezone
from ninja import Field, Schema

from skillframe.api.fields import Code, Comment, Level, Title
from skillframe.assessments.models import Cycle, Rating


class CycleOut(Schema):
    id: int
    name: str
    starts_on: date
    ends_on: date
    status: Literal["open", "closed"]
    units: list[str]
    roles: list[str]
    created_at: datetime

    # Read from the prefetched relations (see cycle_scope.visible_cycles).
    @staticmethod
    def resolve_units(obj: Cycle) -> list[str]:
        return sorted(unit.code for unit in obj.units.all())

    @staticmethod
    def resolve_roles(obj: Cycle) -> list[str]:
        return sorted(role.code for role in obj.roles.all())


class CycleFilters(Schema):
    status: Literal["open", "closed"] | None = None
    order: str | None = Field(None, max_length=64)  # a field, or -field: see docs/api.md


class CycleIn(Schema):
    """A new cycle, opened at once: everyone in its scope is notified."""

    name: Title
    starts_on: date
    ends_on: date
    units: list[Code] = []  # org unit codes (in your HR scope): people in them and units below
    roles: list[Code] = []  # role profile codes: people whose current role is one of them


class StageCounts(Schema):
    people: int
    not_started: int  # no self-assessment in the cycle
    in_progress: int
    submitted: int
    reviewed: int
    done_percent: int  # submitted or reviewed, of people


class UnitProgressOut(StageCounts):
    unit: str | None
    unit_name: str


class CycleProgressOut(StageCounts):
    """Counts over the people in scope that the caller administers (a person counts once, at
    the most advanced stage of their self-assessments in the cycle)."""

    cycle: int
    name: str
    status: str
    units: list[UnitProgressOut]


class RatingOut(Schema):
    id: int
    framework: str
    element: str
    level: int | None
    competence: str
    value: str
    source: str
    rater: str | None
    comment: str
    confidence: int | None
    statements_met: list[str]
    cycle: int | None
    next_review_on: date | None
    stale: bool
    created_at: datetime

    # The element (with its framework) and rater must be loaded with the rating: the endpoints
    # select them, so listing ratings never costs a query per row.
    @staticmethod
    def resolve_framework(obj: Rating) -> str:
        return obj.element.framework.slug

    @staticmethod
    def resolve_element(obj: Rating) -> str:
        return obj.element.code

    @staticmethod
    def resolve_value(obj: Rating) -> str:
        return obj.value_label

    @staticmethod
    def resolve_rater(obj: Rating) -> str | None:
        if obj.rater is None:
            return None
        return obj.rater.get_full_name() or obj.rater.get_username()

    @staticmethod
    def resolve_cycle(obj: Rating) -> int | None:
        return obj.cycle_id

    @staticmethod
    def resolve_stale(obj: Rating) -> bool:
        return obj.is_stale(timezone.localdate())


class RatingIn(Schema):
    framework: Code  # framework slug
    element: Code  # element code in that framework
    source: Literal["self", "manager", "assessor"]
    level: Level | None = None  # a level of the framework's scale (AXELOS skills)
    competence: Code = ""  # NOS: competent | not-yet | not-applicable
    comment: Comment = ""
    confidence: int | None = Field(None, ge=1, le=5)
    statements_met: list[Code] = []  # codes of "You can" statements (AXELOS self-assessment)
    cycle: int | None = None  # id of an open cycle the person is in


class CurrentRatingOut(Schema):
    framework: str
    element: str
    element_title: str
    kind: str
    self_rating: RatingOut | None
    validated: RatingOut | None  # the newest manager or assessor rating
    stale: bool  # the validated rating is past its review date
    disagrees: bool  # self and validated ratings differ


class CurrentFilters(Schema):
    framework: str | None = None


class HistoryFilters(Schema):
    framework: str | None = None
    element: str | None = None
    source: Literal["self", "manager", "assessor", "import"] | None = None
