"""Schemas of self-assessments, their review, replies and interests (no __future__ import:
ninja reads these annotations at run time)."""

from datetime import datetime
from typing import Literal

from ninja import Field, Schema

from skillframe.api.fields import Code, Comment, Level
from skillframe.assessments.models import SelfAssessment

StatusName = Literal["draft", "submitted", "reviewed"]


class StepOut(Schema):
    code: str
    framework: str
    title: str
    kind: str  # levels (AXELOS skill) | unit (NOS unit, item by item) | single
    required: bool
    state: str  # done | partial | not-started
    items: int
    rated: int


class SelfAssessmentOut(Schema):
    id: int
    person: str
    cycle: int | None
    cycle_name: str | None
    role: str | None
    status: str
    started_at: datetime
    submitted_at: datetime | None
    reviewed_at: datetime | None


class SelfAssessmentRowOut(SelfAssessmentOut):
    """A row of the list, read from the model (paged in SQL)."""

    @staticmethod
    def resolve_person(obj: SelfAssessment) -> str:
        return obj.person.employee_id

    @staticmethod
    def resolve_cycle(obj: SelfAssessment) -> int | None:
        return obj.cycle_id

    @staticmethod
    def resolve_cycle_name(obj: SelfAssessment) -> str | None:
        return obj.cycle.name if obj.cycle else None

    @staticmethod
    def resolve_role(obj: SelfAssessment) -> str | None:
        return obj.role.code if obj.role else None


class SelfAssessmentDetailOut(SelfAssessmentOut):
    editable: bool
    steps: list[StepOut]
    done: int
    total: int


class SelfAssessmentFilters(Schema):
    whose: Literal["own", "reports"] = "own"  # reports: of the people the caller manages
    status: StatusName | None = None
    cycle: int | None = None
    order: str | None = Field(None, max_length=64)  # a field, or -field: see docs/api.md


class LevelOut(Schema):
    number: int
    name: str
    defined: bool
    statements: list[str]


class ItemOut(Schema):
    code: str
    section: str
    title: str
    competence: str  # the newest self judgement here ("" when none)


class StepDetailOut(Schema):
    step: StepOut
    levels: list[LevelOut]
    items: list[ItemOut]
    level: int | None  # the newest self rating of the skill here
    confidence: int | None
    comment: str
    statements: list[str]
    suggested_level: int | None
    wants: bool | None


class StepIn(Schema):
    """AXELOS skill: `level` (and `statements`, `confidence`, `comment`). NOS unit or other
    element: `judgements` {item code: competent | not-yet | not-applicable}. `wants`: whether
    the person wants to develop the element (recorded as an interest)."""

    level: Level | None = None
    statements: list[Code] = []
    confidence: int | None = None
    comment: Comment = ""
    judgements: dict[Code, Code] = {}
    wants: bool | None = None


class ReviewRowOut(Schema):
    element: str
    framework: str
    title: str
    section: str
    self_value: str
    manager_value: str | None
    reviewed: bool
    disagrees: bool
    choices: list[str]


class ReviewSectionOut(Schema):
    key: str
    title: str
    remaining: int


class ReviewOut(Schema):
    assessment: SelfAssessmentOut
    open_for_review: bool
    done: int
    total: int
    sections: list[ReviewSectionOut]
    rows: list[ReviewRowOut]


class DecisionIn(Schema):
    element: Code  # the element's code
    action: Literal["agree", "adjust"]
    value: Code = ""  # adjust: the level number, or a competence
    comment: Comment = ""  # adjust: why


class DecisionsIn(Schema):
    decisions: list[DecisionIn]


class DecidedOut(Schema):
    decided: int
    review: ReviewOut


class SectionIn(Schema):
    section: Code  # a section key from the review's `sections`


class ReplyIn(Schema):
    text: Comment


class ReplyOut(Schema):
    id: int
    rating: int
    text: str
    created_at: datetime


class InterestOut(Schema):
    framework: str
    element: str
    title: str
    wants_to_develop: bool
    since: datetime
