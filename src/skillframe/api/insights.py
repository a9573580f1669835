"""Gaps, development priorities and role fit for a person (docs/insights.md).

The person comes through the access rule (`visible_person`): one the caller may not see is a
404, exactly as on the gaps pages. Numbers come from `insights.data`; the JSON shape is
`insights.serialize`, shared with `skillframe gaps --format json`.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema

from skillframe.api.auth import USER_AUTH
from skillframe.api.errors import FieldErrorsOut
from skillframe.api.people import visible_person
from skillframe.api.schemas import ErrorOut
from skillframe.insights import data
from skillframe.insights.models import PriorityWeightSettings
from skillframe.insights.serialize import item_ids, priority_dict, report_dict
from skillframe.people.models import RoleProfile

router = Router(auth=USER_AUTH, tags=["insights"])


class RoleRef(Schema):
    code: str
    title: str


class GapOut(Schema):
    code: str
    framework: str
    title: str
    kind: str
    importance: str
    weight: float
    target_level: int | None
    current_level: int | None
    status: str  # validated | unvalidated | unknown
    gap: float  # levels below target; NOS: share of items not competent (0..1)
    attainment: float  # 0..1, this requirement's share in the role fit
    share_competent: float | None
    competent_items: int
    applicable_items: int
    missing_items: list[str]
    unrated_items: list[str]
    stale: bool
    met: bool
    levels_above: int


class GapReportOut(Schema):
    person: str
    role: RoleRef
    role_fit: float
    met: int
    requirements: int
    essential_gaps: list[str]
    strengths: list[str]
    gaps: list[GapOut]


class GapFilters(Schema):
    role: str | None = None


class PriorityOut(Schema):
    code: str
    framework: str
    title: str
    score: float
    reasons: list[str]
    essential: bool
    shortfall: float
    roles: list[str]
    target_level: int | None
    current_level: int | None
    status: str


class PrioritiesOut(Schema):
    person: str
    current_role: RoleRef | None
    target_role: RoleRef | None
    weights: dict[str, float]
    priorities: list[PriorityOut]


class RoleFitOut(Schema):
    role: RoleRef
    role_fit: float
    met: int
    requirements: int
    essential_gaps: list[str]


def _ref(role: RoleProfile | None) -> dict[str, str] | None:
    return None if role is None else {"code": role.code, "title": role.title}


@router.get(
    "/people/{employee_id}/gaps",
    response={200: GapReportOut, 404: ErrorOut, 422: FieldErrorsOut},
    summary="A person's gaps against a role profile (?role=CODE; default their current role)",
)
def get_gaps(request: HttpRequest, employee_id: str, filters: Query[GapFilters]) -> Any:
    person = visible_person(request.user, employee_id)
    if filters.role:
        role = get_object_or_404(RoleProfile, code=filters.role)
    elif person.current_role is not None:
        role = person.current_role
    else:
        raise ValidationError({"role": f"{employee_id} has no current role; give ?role=CODE"})
    report = data.gap_report(person, role)
    body = report_dict(report, data.item_codes(item_ids([report])))
    return {"person": person.employee_id, "role": _ref(role), **body}


@router.get(
    "/people/{employee_id}/priorities",
    response={200: PrioritiesOut, 404: ErrorOut},
    summary="A person's ranked development priorities, each with its reasons",
)
def get_priorities(request: HttpRequest, employee_id: str) -> Any:
    person = visible_person(request.user, employee_id)
    weights = PriorityWeightSettings.current()
    ranked = data.team_priorities([person], weights=weights)[person.pk]
    return {
        "person": person.employee_id,
        "current_role": _ref(person.current_role),
        "target_role": _ref(person.target_role),
        "weights": weights.as_dict(),
        "priorities": [priority_dict(p) for p in ranked],
    }


@router.get(
    "/people/{employee_id}/role-fit",
    response={200: list[RoleFitOut], 404: ErrorOut},
    summary="Every role profile ranked by the person's fit (the internal-mobility view)",
)
def get_role_fit(request: HttpRequest, employee_id: str) -> Any:
    person = visible_person(request.user, employee_id)
    return [
        {
            "role": _ref(role),
            "role_fit": round(report.role_fit, 6),
            "met": report.met_count,
            "requirements": len(report.gaps),
            "essential_gaps": [g.code for g in report.essential_gaps],
        }
        for role, report in data.role_explorer(person)
    ]
