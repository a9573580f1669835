"""Role profiles with their requirements, and organisation goals with their weights.

Any signed-in caller may read them (they describe jobs, not people); only HR admins change
requirements, through `role_updates` which applies the model's own checks.
"""

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Status
from ninja.pagination import paginate

from skillframe.api import role_updates
from skillframe.api.auth import USER_AUTH
from skillframe.api.errors import FieldErrorsOut
from skillframe.api.ordering import ordered
from skillframe.api.pagination import Paged
from skillframe.api.people_schemas import (
    GoalFilters,
    GoalOut,
    RequirementIn,
    RequirementOut,
    RequirementUpdate,
    RoleDetailOut,
    RoleFilters,
    RoleOut,
)
from skillframe.api.schemas import ErrorOut
from skillframe.people.models import OrgGoal, RoleProfile, RoleRequirement

router = Router(auth=USER_AUTH, tags=["roles"])


def _requirement_out(requirement: RoleRequirement) -> dict[str, Any]:
    element = requirement.element
    return {
        "id": requirement.pk,
        "framework": element.framework.slug,
        "element": element.code,
        "element_title": element.label,
        "kind": element.kind,
        "target_level": requirement.target_level,
        "importance": requirement.importance,
        "weight": requirement.weight,
        "position": requirement.position,
    }


def find_requirement(code: str, requirement_id: int) -> RoleRequirement:
    return get_object_or_404(
        RoleRequirement.objects.select_related("role", "element__framework"),
        role__code=code,
        pk=requirement_id,
    )


@router.get("/roles", response=list[RoleOut], summary="Role profiles")
@paginate(Paged)
def list_roles(request: HttpRequest, filters: Query[RoleFilters]) -> QuerySet[RoleProfile]:
    roles = RoleProfile.objects.annotate(requirement_count=Count("requirements"))
    if filters.q:
        roles = roles.filter(Q(code__icontains=filters.q) | Q(title__icontains=filters.q))
    fields = {"code": ("code",), "title": ("title",), "updated_at": ("updated_at",)}
    return ordered(roles, filters.order, fields)


@router.get(
    "/roles/{code}",
    response={200: RoleDetailOut, 404: ErrorOut},
    summary="One role profile with its requirements in order",
)
def get_role(request: HttpRequest, code: str) -> dict[str, Any]:
    role = get_object_or_404(RoleProfile, code=code)
    requirements = role.requirements.select_related("element__framework")
    return {
        "code": role.code,
        "title": role.title,
        "description": role.description,
        "updated_at": role.updated_at,
        "requirements": [_requirement_out(r) for r in requirements],
    }


@router.post(
    "/roles/{code}/requirements",
    response={201: RequirementOut, 403: ErrorOut, 404: ErrorOut, 422: FieldErrorsOut},
    summary="Add a requirement to a role profile (HR admins)",
)
def add_requirement(request: HttpRequest, code: str, payload: RequirementIn) -> Any:
    role = get_object_or_404(RoleProfile, code=code)
    requirement = role_updates.add_requirement(request.user, role, payload.model_dump())
    return Status(201, _requirement_out(requirement))


@router.put(
    "/roles/{code}/requirements/{requirement_id}",
    response={200: RequirementOut, 403: ErrorOut, 404: ErrorOut, 422: FieldErrorsOut},
    summary="Change a requirement's target level, importance, weight or position (HR admins)",
)
def change_requirement(
    request: HttpRequest, code: str, requirement_id: int, payload: RequirementUpdate
) -> dict[str, Any]:
    requirement = find_requirement(code, requirement_id)
    role_updates.change_requirement(request.user, requirement, payload.model_dump())
    return _requirement_out(requirement)


@router.delete(
    "/roles/{code}/requirements/{requirement_id}",
    response={204: None, 403: ErrorOut, 404: ErrorOut},
    summary="Remove a requirement from a role profile (HR admins)",
)
def remove_requirement(request: HttpRequest, code: str, requirement_id: int) -> Any:
    role_updates.remove_requirement(request.user, find_requirement(code, requirement_id))
    return Status(204, None)


@router.get(
    "/goals",
    response=list[GoalOut],
    summary="Organisation goals, newest first, with their weights on elements",
)
@paginate(Paged)
def list_goals(request: HttpRequest, filters: Query[GoalFilters]) -> QuerySet[OrgGoal]:
    goals = OrgGoal.objects.prefetch_related("weights__element__framework")
    if filters.on:
        goals = goals.filter(Q(starts_on__lte=filters.on) & Q(ends_on__gte=filters.on))
    fields = {"title": ("title",), "starts_on": ("starts_on",), "ends_on": ("ends_on",)}
    return ordered(goals, filters.order, fields)
