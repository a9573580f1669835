"""HR's records over the API: creating people, permissions, org units, role profiles and goals.

The operations of the HR pages, with their rules: HR admins only (anyone else 403, decided
before anything is looked up, as `hr_required` does for the pages); a person outside the
caller's HR scope is 404 when the caller may not see them, 403 when they may; the checks are
the pages' own forms and domain functions (`api/forms.py`), so the errors are the same, each
naming its field (422), and nothing is saved on error. No __future__ import: ninja reads the
annotations.
"""

from datetime import date
from typing import Any, cast

from django.db import transaction
from django.db.models import Count
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from skillframe.api.auth import USER_AUTH
from skillframe.api.errors import FieldErrorsOut
from skillframe.api.fields import Code, Description, Title, Weight
from skillframe.api.forms import by_code, cleaned
from skillframe.api.pagination import Paged
from skillframe.api.people import router as people_router
from skillframe.api.people_schemas import GoalOut, PersonOut, RoleDetailOut
from skillframe.api.roles import find_requirement as requirement_of
from skillframe.api.roles import get_role
from skillframe.api.roles import router as roles_router
from skillframe.api.schemas import ErrorOut
from skillframe.people.access import administers, ensure_hr_admin, get_person_for
from skillframe.people.forms import PermissionsForm, PersonForm, UnitForm
from skillframe.people.goal_forms import GoalForm, GoalWeightForm
from skillframe.people.goals import remove_goal_weight, save_goal, set_goal_weight
from skillframe.people.models import OrgGoal, OrgGoalWeight, OrgUnit, Person, RoleProfile
from skillframe.people.records import create_person, save_unit, scope_units, set_permissions
from skillframe.people.role_forms import RoleProfileForm
from skillframe.people.roles import move_requirement, save_role

router = Router(auth=USER_AUTH, tags=["hr"])
# A path already served by another router must be added to that router: Django matches the
# first pattern of a path, so a second router's method on it would answer 405.

_RELATED = ("user", "unit", "manager__user", "current_role", "target_role")


def _hr(request: HttpRequest, what: str) -> None:
    ensure_hr_admin(request.user, f"only HR admins may {what}")


class PersonIn(Schema):
    employee_id: str = Field(max_length=64)
    first_name: str = Field(max_length=150)
    last_name: str = Field("", max_length=150)
    email: str = Field(max_length=254)
    job_title: str = Field("", max_length=255)
    unit: Code  # a unit code in your HR scope
    manager: str | None = Field(None, max_length=64)  # employee id
    current_role: Code | None = None
    target_role: Code | None = None


class PermissionsIn(Schema):
    hr_units: list[Code] = []  # unit codes in your HR scope (each includes the units below)
    learners: list[str] = Field([], max_length=10_000)  # employee ids in your HR scope


class PermissionsOut(Schema):
    person: str
    hr_units: list[str]
    learners: list[str]


class UnitIn(Schema):
    code: Code
    name: Title
    parent: Code | None = None  # required unless you administer the whole organisation


class UnitPatch(Schema):
    name: Title | None = None
    parent: Code | None = None


class ScopeUnitOut(Schema):
    code: str
    name: str
    parent: str | None
    people: int  # members of this unit (not below)


class ScopeRowOut(ScopeUnitOut):
    """A row of the scope list, read from the annotated queryset (paged in SQL)."""

    @staticmethod
    def resolve_parent(obj: OrgUnit) -> str | None:
        return obj.parent.code if obj.parent else None


class RoleIn(Schema):
    code: Code
    title: Title
    description: Description = ""


class RolePatch(Schema):
    code: Code | None = None
    title: Title | None = None
    description: Description | None = None


class MoveIn(Schema):
    direction: str = Field(pattern="^(up|down)$")


class GoalIn(Schema):
    title: Title
    description: Description = ""
    starts_on: date
    ends_on: date


class GoalPatch(Schema):
    title: Title | None = None
    description: Description | None = None
    starts_on: date | None = None
    ends_on: date | None = None


class GoalWeightIn(Schema):
    element: Code
    framework: Code | None = None  # needed when the code is in several frameworks
    weight: Weight = 1.0


def _person_out(person: Person) -> Person:
    return Person.objects.select_related(*_RELATED).get(pk=person.pk)


@people_router.post(
    "/people",
    response={201: PersonOut, 403: ErrorOut, 422: FieldErrorsOut},
    summary="Create a person (and their account) in a unit of your HR scope (HR admins)",
)
def create(request: HttpRequest, payload: PersonIn) -> Any:
    _hr(request, "create people")
    data = payload.model_dump()
    data["manager"] = data["manager"] or ""
    form = PersonForm(data, user=request.user)
    by_code(form, "unit", "current_role", "target_role")
    cleaned(form)
    person = create_person(
        form.cleaned_data["employee_id"], form.person_fields(), actor=request.user
    )
    return Status(201, _person_out(person))


def _editable(request: HttpRequest, employee_id: str) -> Person:
    return get_person_for(
        request.user,
        employee_id,
        related=("user", "unit", "manager__user"),
        allowed=administers,
        refusal="this person is outside your HR scope",
    )


def _permissions_out(person: Person, request: HttpRequest) -> dict[str, Any]:
    learners = person.learners.filter(pk__in=Person.objects.editable_by(request.user))
    return {
        "person": person.employee_id,
        "hr_units": sorted(person.hr_units.values_list("code", flat=True)),
        "learners": sorted(learners.values_list("employee_id", flat=True)),
    }


@router.get(
    "/people/{employee_id}/permissions",
    response={200: PermissionsOut, 403: ErrorOut, 404: ErrorOut},
    summary="Whom a person administers as HR and assesses (HR admins of the person)",
)
def get_permissions(request: HttpRequest, employee_id: str) -> Any:
    _hr(request, "see permissions")
    return _permissions_out(_editable(request, employee_id), request)


@router.put(
    "/people/{employee_id}/permissions",
    response={200: PermissionsOut, 403: ErrorOut, 404: ErrorOut, 422: FieldErrorsOut},
    summary="Set the units a person administers as HR and the learners they assess",
)
def put_permissions(request: HttpRequest, employee_id: str, payload: PermissionsIn) -> Any:
    _hr(request, "change permissions")
    person = _editable(request, employee_id)
    form = PermissionsForm(
        {"hr_units": payload.hr_units, "learners": "\n".join(payload.learners)},
        user=request.user,
        person=person,
    )
    by_code(form, "hr_units")
    data = cleaned(form)
    set_permissions(
        person,
        hr_unit_ids={unit.pk for unit in data["hr_units"]},
        learner_ids=data["learners"],
        actor=request.user,
    )
    return _permissions_out(person, request)


def _unit_out(unit: OrgUnit) -> dict[str, Any]:
    return {
        "code": unit.code,
        "name": unit.name,
        "parent": unit.parent.code if unit.parent else None,
        "people": getattr(unit, "people", unit.members.count()),
    }


@router.get(
    "/org-units/scope",
    response={200: list[ScopeRowOut], 403: ErrorOut},
    summary="The units you administer as HR, with how many people each has (HR admins)",
)
@paginate(Paged)
def scope(request: HttpRequest) -> Any:
    _hr(request, "manage units")
    units = scope_units(request.user).select_related("parent").annotate(people=Count("members"))
    return units.order_by("name", "pk")


def _unit_form(request: HttpRequest, unit: OrgUnit | None, data: dict[str, Any]) -> UnitForm:
    form = UnitForm(data, user=request.user, instance=unit)
    by_code(form, "parent")
    cleaned(form)
    return form


@people_router.post(
    "/org-units",
    response={201: ScopeUnitOut, 403: ErrorOut, 422: FieldErrorsOut},
    summary="Create an org unit below one you administer (HR admins)",
)
def create_unit(request: HttpRequest, payload: UnitIn) -> Any:
    _hr(request, "manage units")
    data = {**payload.model_dump(), "parent": payload.parent or ""}
    unit = _unit_form(request, None, data).save(commit=False)
    save_unit(request.user, unit, created=True)
    return Status(201, _unit_out(unit))


@router.patch(
    "/org-units/{code}",
    response={200: ScopeUnitOut, 403: ErrorOut, 404: ErrorOut, 422: FieldErrorsOut},
    summary="Rename or move an org unit in your HR scope (HR admins)",
)
def update_unit(request: HttpRequest, code: str, payload: UnitPatch) -> Any:
    _hr(request, "manage units")
    unit = scope_units(request.user).filter(code=code).select_related("parent").first()
    if unit is None:
        raise Http404("no such unit in your scope")
    changes = payload.model_dump(exclude_unset=True)
    parent = changes.get("parent", unit.parent.code if unit.parent else "")
    data = {"code": unit.code, "name": changes.get("name") or unit.name, "parent": parent or ""}
    form = _unit_form(request, unit, data)
    save_unit(request.user, form.save(commit=False), created=False, changed=form.changed_data)
    return _unit_out(unit)


def _save_role(request: HttpRequest, role: RoleProfile | None, data: dict[str, Any]) -> RoleProfile:
    form = RoleProfileForm(data, instance=role)
    cleaned(form)
    with transaction.atomic():
        saved = form.save(commit=False)
        save_role(request.user, saved, created=role is None)
    return cast(RoleProfile, saved)


@roles_router.post(
    "/roles",
    response={201: RoleDetailOut, 403: ErrorOut, 422: FieldErrorsOut},
    summary="Create a role profile (HR admins); add its requirements next",
)
def create_role(request: HttpRequest, payload: RoleIn) -> Any:
    _hr(request, "edit role profiles")
    role = _save_role(request, None, payload.model_dump())
    return Status(201, get_role(request, role.code))


@roles_router.patch(
    "/roles/{code}",
    response={200: RoleDetailOut, 403: ErrorOut, 404: ErrorOut, 422: FieldErrorsOut},
    summary="Change a role profile's code, title or description (HR admins)",
)
def update_role(request: HttpRequest, code: str, payload: RolePatch) -> Any:
    _hr(request, "edit role profiles")
    role = get_object_or_404(RoleProfile, code=code)
    data = {"code": role.code, "title": role.title, "description": role.description}
    data |= {k: v for k, v in payload.model_dump(exclude_unset=True).items() if v is not None}
    saved = _save_role(request, role, data)
    return get_role(request, saved.code)


@router.post(
    "/roles/{code}/requirements/{requirement_id}/move",
    response={200: RoleDetailOut, 403: ErrorOut, 404: ErrorOut, 422: FieldErrorsOut},
    summary="Move a requirement one place up or down in its role's order (HR admins)",
)
def move(request: HttpRequest, code: str, requirement_id: int, payload: MoveIn) -> Any:
    _hr(request, "edit role profiles")
    requirement = requirement_of(code, requirement_id)
    move_requirement(request.user, requirement, -1 if payload.direction == "up" else 1)
    return get_role(request, code)


def _goal(goal_id: int) -> OrgGoal:
    return get_object_or_404(
        OrgGoal.objects.prefetch_related("weights__element__framework"), pk=goal_id
    )


@router.get(
    "/goals/{goal_id}",
    response={200: GoalOut, 404: ErrorOut},
    summary="One organisation goal with its weights on elements",
)
def get_goal(request: HttpRequest, goal_id: int) -> Any:
    return _goal(goal_id)


def _save_goal(request: HttpRequest, goal: OrgGoal | None, data: dict[str, Any]) -> OrgGoal:
    form = GoalForm(data, instance=goal)
    cleaned(form)
    with transaction.atomic():
        saved = form.save(commit=False)
        save_goal(request.user, saved, created=goal is None)
    return cast(OrgGoal, saved)


@roles_router.post(
    "/goals",
    response={201: GoalOut, 403: ErrorOut, 422: FieldErrorsOut},
    summary="Create an organisation goal for a period (HR admins); add weights next",
)
def create_goal(request: HttpRequest, payload: GoalIn) -> Any:
    _hr(request, "edit organisation goals")
    goal = _save_goal(request, None, payload.model_dump())
    return Status(201, _goal(goal.pk))


@router.patch(
    "/goals/{goal_id}",
    response={200: GoalOut, 403: ErrorOut, 404: ErrorOut, 422: FieldErrorsOut},
    summary="Change a goal's title, description or period (HR admins)",
)
def update_goal(request: HttpRequest, goal_id: int, payload: GoalPatch) -> Any:
    _hr(request, "edit organisation goals")
    goal = get_object_or_404(OrgGoal, pk=goal_id)
    data = {
        "title": goal.title,
        "description": goal.description,
        "starts_on": goal.starts_on,
        "ends_on": goal.ends_on,
    }
    data |= {k: v for k, v in payload.model_dump(exclude_unset=True).items() if v is not None}
    _save_goal(request, goal, data)
    return _goal(goal_id)


@router.post(
    "/goals/{goal_id}/weights",
    response={200: GoalOut, 403: ErrorOut, 404: ErrorOut, 422: FieldErrorsOut},
    summary="Weigh an element in a goal (a new weight, or a new value for one there)",
)
def put_weight(request: HttpRequest, goal_id: int, payload: GoalWeightIn) -> Any:
    _hr(request, "edit organisation goals")
    goal = get_object_or_404(OrgGoal, pk=goal_id)
    data = {
        "element": payload.element,
        "framework": payload.framework or "",
        "weight": payload.weight,
    }
    form_data = cleaned(GoalWeightForm(data, goal=goal))
    set_goal_weight(request.user, goal, form_data["element_obj"], form_data["weight"])
    return _goal(goal_id)


@router.delete(
    "/goals/{goal_id}/weights/{weight_id}",
    response={200: GoalOut, 403: ErrorOut, 404: ErrorOut},
    summary="Remove an element's weight from a goal (HR admins)",
)
def delete_weight(request: HttpRequest, goal_id: int, weight_id: int) -> Any:
    _hr(request, "edit organisation goals")
    weight = get_object_or_404(
        OrgGoalWeight.objects.select_related("goal", "element"), goal_id=goal_id, pk=weight_id
    )
    remove_goal_weight(request.user, weight)
    return _goal(goal_id)
