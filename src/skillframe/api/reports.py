"""Reports over the API: a person's report as JSON or PDF, the team reports, priority weights,
and the comparison of two levels of a skill.

Reports follow the pages' rule: whoever may see the person (404 otherwise), the plan section as
the plan rule allows (`insights.report.build_report`). The PDF is the page's PDF and answers a
bearer token like every operation here (the page itself is for a signed-in browser). No
__future__ import: ninja reads the annotations.
"""

from datetime import date, datetime
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema
from ninja.decorators import decorate_view
from ninja.pagination import paginate

from skillframe.api.auth import CATALOGUE_AUTH, USER_AUTH
from skillframe.api.errors import FieldErrorsOut
from skillframe.api.etag import conditional
from skillframe.api.forms import cleaned
from skillframe.api.pagination import Paged
from skillframe.api.people import visible_person
from skillframe.api.schemas import ErrorOut
from skillframe.frameworks import catalogue
from skillframe.frameworks.kinds import ElementKind
from skillframe.frameworks.models import Element
from skillframe.insights import data
from skillframe.insights import weights as weights_domain
from skillframe.insights.forms import PriorityWeightsForm
from skillframe.insights.gaps import GapReport
from skillframe.insights.models import WEIGHT_NAMES
from skillframe.insights.priorities import DEFAULT_WEIGHTS
from skillframe.insights.report import build_report
from skillframe.insights.report_pdf import render_pdf
from skillframe.insights.report_team import team_rows
from skillframe.insights.report_views import pdf_filename  # the page's file name
from skillframe.insights.serialize import item_ids, priority_dict, report_dict
from skillframe.people.access import ensure_hr_admin, person_of

router = Router(auth=USER_AUTH, tags=["reports"])


class ReportRoleOut(Schema):
    which: str  # "Current role" or "Target role"
    code: str
    title: str
    role_fit: float
    met: int
    requirements: int
    essential_gaps: list[str]
    strengths: list[str]
    gaps: list[dict[str, Any]]


class ReportPlanOut(Schema):
    exists: bool
    status: str
    title: str
    detail: str
    objectives: list[dict[str, str]]


class ReportHistoryOut(Schema):
    when: datetime
    code: str
    title: str
    value: str
    source: str
    rater: str
    comment: str


class ReportOut(Schema):
    employee_id: str
    name: str
    username: str
    job_title: str
    unit: str
    manager: str
    generated: date
    roles: list[ReportRoleOut]
    priorities: list[dict[str, Any]]
    priorities_total: int
    plan: ReportPlanOut
    history: list[ReportHistoryOut]


class FitOut(Schema):
    role: str
    role_fit: float
    met: int
    requirements: int


class TeamReportOut(Schema):
    employee_id: str
    name: str
    current: FitOut | None
    target: FitOut | None
    priorities: list[str]  # the top three element codes
    priorities_total: int
    plan_status: str
    plan_detail: str


class WeightsOut(Schema):
    weights: dict[str, float]
    defaults: dict[str, float]


class WeightsIn(Schema):
    """Every weight of the priority score (a number, 0 or more); `reset` restores the defaults."""

    gap: float | None = None
    essential: float | None = None
    desirable: float | None = None
    target_role: float | None = None
    goal: float | None = None
    interest: float | None = None
    stale: float | None = None
    reset: bool = False


class CompareFilters(Schema):
    skill: str  # the skill's code
    lower: int
    higher: int | None = None  # default: lower + 1


class SegmentOut(Schema):
    text: str
    added: bool


class CompareOut(Schema):
    framework: str
    skill: str
    lower: int
    higher: int
    headline: list[SegmentOut]  # the higher level's description, with what is new marked
    statements: list[list[SegmentOut]]


@router.get(
    "/people/{employee_id}/report",
    response={200: ReportOut, 404: ErrorOut},
    summary="A person's skills report: role fit, gaps, priorities, plan, recent ratings",
)
def report(request: HttpRequest, employee_id: str) -> Any:
    person = visible_person(request.user, employee_id)
    built = build_report(person, request.user)
    codes = data.item_codes(item_ids(section.report for section in built.roles))
    return {
        "employee_id": built.employee_id,
        "name": built.name,
        "username": built.username,
        "job_title": built.job_title,
        "unit": built.unit,
        "manager": built.manager,
        "generated": built.generated,
        "roles": [
            {
                "which": s.which,
                "code": s.code,
                "title": s.title,
                **report_dict(s.report, codes),
            }
            for s in built.roles
        ],
        "priorities": [priority_dict(p) for p in built.priorities],
        "priorities_total": built.priorities_total,
        "plan": {
            "exists": built.plan.exists,
            "status": built.plan.status,
            "title": built.plan.title,
            "detail": built.plan.detail,
            "objectives": [vars(o) for o in built.plan.objectives],
        },
        "history": [vars(line) for line in built.history],
    }


@router.get(
    "/people/{employee_id}/report.pdf",
    response={404: ErrorOut},
    summary="A person's skills report as a PDF (A4), for a bearer token as for the browser",
    openapi_extra={
        "responses": {
            "200": {
                "description": "The report",
                "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)
def report_pdf(request: HttpRequest, employee_id: str) -> HttpResponse:
    person = visible_person(request.user, employee_id)
    response = HttpResponse(
        render_pdf(build_report(person, request.user)), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="{pdf_filename(person.employee_id)}"'
    return response


def _fit(code: str | None, fit: GapReport | None) -> dict[str, Any] | None:
    if fit is None or code is None:
        return None
    return {
        "role": code,
        "role_fit": round(fit.role_fit, 6),
        "met": fit.met_count,
        "requirements": len(fit.gaps),
    }


@router.get(
    "/team/reports",
    response=list[TeamReportOut],
    summary="Your direct reports at a glance: role fit, top priorities, plan (empty if none)",
)
@paginate(Paged)
def team_reports(request: HttpRequest) -> Any:
    me = person_of(request.user)
    rows = team_rows(me) if me is not None else []
    return [
        {
            "employee_id": row.person.employee_id,
            "name": row.person.name,
            "current": _fit(
                row.person.current_role.code if row.person.current_role else None, row.fit
            ),
            "target": _fit(
                row.person.target_role.code if row.person.target_role else None, row.target_fit
            ),
            "priorities": [p.code for p in row.priorities],
            "priorities_total": row.priorities_total,
            "plan_status": row.plan_status,
            "plan_detail": row.plan_detail,
        }
        for row in rows
    ]


def _weights_out() -> dict[str, Any]:
    return {
        "weights": weights_domain.settings_row().weights().as_dict(),
        "defaults": DEFAULT_WEIGHTS.as_dict(),
    }


@router.get(
    "/insights/weights",
    response={200: WeightsOut, 403: ErrorOut},
    summary="The weights of the priority score and their defaults (HR admins)",
)
def get_weights(request: HttpRequest) -> Any:
    ensure_hr_admin(request.user, weights_domain.REFUSAL)
    return _weights_out()


@router.put(
    "/insights/weights",
    response={200: WeightsOut, 403: ErrorOut, 422: FieldErrorsOut},
    summary="Set the weights of the priority score (HR admins); `reset` restores the defaults",
)
def put_weights(request: HttpRequest, payload: WeightsIn) -> Any:
    ensure_hr_admin(request.user, weights_domain.REFUSAL)
    row = weights_domain.settings_row()
    values = DEFAULT_WEIGHTS.as_dict() if payload.reset else row.weights().as_dict()
    if not payload.reset:
        sent = payload.model_dump(exclude={"reset"}, exclude_none=True)
        values |= {name: sent[name] for name in WEIGHT_NAMES if name in sent}
    form = PriorityWeightsForm(values, instance=row)
    cleaned(form)
    weights_domain.save_weights(request.user, form.save(commit=False))
    return _weights_out()


@router.get(
    "/frameworks/{slug}/compare",
    auth=CATALOGUE_AUTH,
    response={200: CompareOut, 404: ErrorOut, 422: FieldErrorsOut},
    summary="What a skill adds from one level to a higher one (words new at the higher level)",
)
@decorate_view(conditional)
def compare(request: HttpRequest, slug: str, filters: Query[CompareFilters]) -> Any:
    skill = get_object_or_404(
        Element.objects.select_related("framework"),
        framework__slug=slug,
        code=filters.skill,
        kind=ElementKind.SKILL,
    )
    higher = filters.higher if filters.higher is not None else filters.lower + 1
    try:
        comparison = catalogue.compare_levels(skill, filters.lower, higher)
    except catalogue.CompareError as exc:
        raise Http404(str(exc)) from None
    return {
        "framework": slug,
        "skill": filters.skill,
        "lower": filters.lower,
        "higher": higher,
        "headline": [vars(s) for s in comparison.headline],
        "statements": [[vars(s) for s in line] for line in comparison.statements],
    }
