"""Schemas of people, org units, role profiles and organisation goals (no __future__ import:
ninja reads these annotations at run time)."""

from datetime import date, datetime

from ninja import Field, Schema

from skillframe.api.fields import Code, Level, Title, Weight
from skillframe.people.models import Importance, OrgGoal, Person


class PersonOut(Schema):
    employee_id: str
    username: str
    name: str
    email: str
    job_title: str
    unit: str
    unit_name: str
    manager: str | None
    manager_name: str | None
    current_role: str | None
    target_role: str | None

    # Resolvers read only what the queryset selected (see people._people), so a page of people
    # costs one query whatever its size.
    @staticmethod
    def resolve_username(obj: Person) -> str:
        return obj.user.get_username()

    @staticmethod
    def resolve_email(obj: Person) -> str:
        return obj.user.email

    @staticmethod
    def resolve_unit(obj: Person) -> str:
        return obj.unit.code

    @staticmethod
    def resolve_unit_name(obj: Person) -> str:
        return obj.unit.name

    @staticmethod
    def resolve_manager(obj: Person) -> str | None:
        return obj.manager.employee_id if obj.manager else None

    @staticmethod
    def resolve_manager_name(obj: Person) -> str | None:
        return obj.manager.name if obj.manager else None

    @staticmethod
    def resolve_current_role(obj: Person) -> str | None:
        return obj.current_role.code if obj.current_role else None

    @staticmethod
    def resolve_target_role(obj: Person) -> str | None:
        return obj.target_role.code if obj.target_role else None


class PersonFilters(Schema):
    unit: Code | None = None  # org unit code: people in it and in units below it
    manager: Code | None = None  # employee id: that person's direct reports
    q: Title | None = None  # part of a name, username, employee id or job title
    editable: bool | None = None  # true: only people whose record you may change (HR scope)
    order: str | None = Field(None, max_length=64)  # a field, or -field: see docs/api.md


class PersonPatch(Schema):
    """Only the fields sent are changed; null clears manager and roles."""

    first_name: str | None = Field(None, max_length=150)
    last_name: str | None = Field(None, max_length=150)
    email: str | None = Field(None, max_length=254)
    job_title: Title | None = None
    unit: Code | None = None  # org unit code
    manager: Code | None = None  # employee id
    current_role: Code | None = None  # role profile code
    target_role: Code | None = None  # role profile code


class OrgUnitOut(Schema):
    code: str
    name: str
    parent: str | None
    depth: int


class RoleOut(Schema):
    code: str
    title: str
    description: str
    requirement_count: int


class RequirementOut(Schema):
    id: int
    framework: str
    element: str
    element_title: str
    kind: str
    target_level: int | None
    importance: Importance
    weight: float
    position: int


class RoleDetailOut(Schema):
    code: str
    title: str
    description: str
    updated_at: datetime
    requirements: list[RequirementOut]


class RequirementIn(Schema):
    """A new requirement; it goes to the end of the role's list."""

    framework: Code  # framework slug
    element: Code  # element code in that framework
    target_level: Level | None = None  # a level of the framework's scale; empty for NOS units
    importance: Importance = Importance.ESSENTIAL
    weight: Weight = 1.0  # greater than 0


class RequirementUpdate(Schema):
    """The new values of a requirement (its element and position stay)."""

    target_level: Level | None = None
    importance: Importance = Importance.ESSENTIAL
    weight: Weight = 1.0  # greater than 0


class GoalWeightOut(Schema):
    framework: str
    element: str
    element_title: str
    kind: str
    weight: float


class GoalOut(Schema):
    id: int
    title: str
    description: str
    starts_on: date
    ends_on: date
    weights: list[GoalWeightOut]

    @staticmethod
    def resolve_weights(obj: OrgGoal) -> list[dict[str, object]]:
        return [
            {
                "framework": w.element.framework.slug,
                "element": w.element.code,
                "element_title": w.element.label,
                "kind": w.element.kind,
                "weight": w.weight,
            }
            for w in obj.weights.all()
        ]


class GoalFilters(Schema):
    on: date | None = None  # only goals running on this day
    order: str | None = Field(None, max_length=64)  # a field, or -field: see docs/api.md


class RoleFilters(Schema):
    q: Title | None = None  # part of the code or title
    order: str | None = Field(None, max_length=64)  # a field, or -field: see docs/api.md
