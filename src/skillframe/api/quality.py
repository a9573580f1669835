"""Internal quality assurance over the API: plans, rules, draws, samples, reviews, agreement.

The same rules as the pages (quality/access.py): plan and list operations belong to IQAs and
HR admins (403 for anyone else, before anything is looked up); a plan or sample the caller may
not see is 404; one they see but may not draw or review is 403; bad input is 422 naming the
field, and nothing is saved. No `from __future__ import annotations` here: ninja reads the
annotations.
"""

from datetime import date, datetime
from typing import Any, Literal

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from skillframe.api.auth import USER_AUTH
from skillframe.api.errors import FieldErrorsOut
from skillframe.api.pagination import Paged
from skillframe.api.schemas import ErrorOut
from skillframe.evidence import downloads
from skillframe.people.models import OrgUnit
from skillframe.quality import access
from skillframe.quality.agreement import agreement_rates
from skillframe.quality.draws import SEED_MAX, draw_samples
from skillframe.quality.models import Draw, Sample, SamplingPlan
from skillframe.quality.plans import create_plan, set_rule
from skillframe.quality.records import csv_lines, export_queryset
from skillframe.quality.reviews import file_for, review_sample

router = Router(auth=USER_AUTH, tags=["quality"])
Kind = Literal["assessor", "manager"]


class PlanIn(Schema):
    name: str = Field(..., max_length=255)
    kind: Kind
    unit: str = Field(..., max_length=64, description="code of the unit whose people it covers")
    base_rate: int = Field(10, ge=1, le=100)
    new_rate: int = Field(50, ge=1, le=100)
    new_threshold: int = Field(20, ge=0, le=100_000)
    disagreement_rate: int = Field(100, ge=1, le=100)
    disagreement_days: int = Field(180, ge=0, le=100_000)


class RuleOut(Schema):
    rater: str | None
    standard: str | None
    method: str | None
    rate: int


class PlanOut(Schema):
    id: int
    name: str
    kind: str
    unit: str
    base_rate: int
    new_rate: int
    new_threshold: int
    disagreement_rate: int
    disagreement_days: int
    rules: list[RuleOut]


class RuleIn(Schema):
    rater: str = Field("", max_length=150, description="username of a rater")
    standard: str = Field("", max_length=128, description="code of a standard")
    method: str = Field("", max_length=16, description="an evidence kind: witness, file…")
    rate: int = Field(..., ge=1, le=100)


class DrawIn(Schema):
    starts_on: date
    ends_on: date
    seed: int | None = Field(None, ge=0, lt=SEED_MAX)


class DrawOut(Schema):
    id: int
    plan: int
    starts_on: date
    ends_on: date
    seed: int
    population: int
    population_digest: str
    sampled: int
    strata: list[dict[str, Any]]


class ReviewOut(Schema):
    outcome: str
    reviewer: str | None
    comment: str
    action: str
    created_at: datetime


class SampleOut(Schema):
    id: int
    plan: int
    draw: int
    kind: str
    rating: int
    element: str
    standard: str
    method: str
    decision: str
    decided_at: datetime
    rater: str | None
    person: str
    person_name: str
    rate: int
    reason: str
    review: ReviewOut | None


class SampleFilters(Schema):
    plan: int | None = Field(None, ge=1, le=2**62)
    draw: int | None = Field(None, ge=1, le=2**62)
    status: Literal["pending", "reviewed"] | None = None


class ReviewIn(Schema):
    outcome: Literal["agree", "disagree"]
    comment: str = Field("", max_length=2000)
    action: str = Field("", max_length=2000)


class AgreementOut(Schema):
    rater: str
    rater_name: str
    month: date | None
    reviewed: int
    agreed: int
    rate: float


class AgreementFilters(Schema):
    kind: Kind = "assessor"
    by_month: bool = False
    since: date | None = None
    until: date | None = None


def _caller(request: HttpRequest) -> User:
    """The signed-in caller (USER_AUTH lets no anonymous request through)."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied("sign in first")
    return user


def _username(user: Any) -> str | None:
    return user.get_username() if user is not None else None


def _plan_out(plan: SamplingPlan) -> dict[str, Any]:
    rules = [
        {
            "rater": _username(rule.rater),
            "standard": rule.standard.code if rule.standard else None,
            "method": rule.method or None,
            "rate": rule.rate,
        }
        for rule in plan.rules.select_related("rater", "standard")
    ]
    return {
        "id": plan.pk,
        "name": plan.name,
        "kind": plan.kind,
        "unit": plan.unit.code,
        "base_rate": plan.base_rate,
        "new_rate": plan.new_rate,
        "new_threshold": plan.new_threshold,
        "disagreement_rate": plan.disagreement_rate,
        "disagreement_days": plan.disagreement_days,
        "rules": rules,
    }


def _sample_out(sample: Sample) -> dict[str, Any]:
    review = getattr(sample, "review", None)
    rating = sample.rating
    return {
        "id": sample.pk,
        "plan": sample.plan_id,
        "draw": sample.draw_id,
        "kind": sample.plan.kind,
        "rating": rating.pk,
        "element": rating.element.code,
        "standard": sample.standard.code,
        "method": sample.method,
        "decision": rating.value_label,
        "decided_at": rating.created_at,
        "rater": _username(sample.rater),
        "person": sample.person.employee_id,
        "person_name": sample.person.name,
        "rate": sample.rate,
        "reason": sample.reason,
        "review": (
            {
                "outcome": review.outcome,
                "reviewer": _username(review.reviewer),
                "comment": review.comment,
                "action": review.action,
                "created_at": review.created_at,
            }
            if review
            else None
        ),
    }


def _draw_out(draw: Draw) -> dict[str, Any]:
    return {
        "id": draw.pk,
        "plan": draw.plan_id,
        "starts_on": draw.starts_on,
        "ends_on": draw.ends_on,
        "seed": draw.seed,
        "population": draw.population,
        "population_digest": draw.population_digest,
        "sampled": draw.samples.count(),
        "strata": draw.strata,
    }


@router.get(
    "/quality/plans",
    response={200: list[PlanOut], 403: ErrorOut},
    summary="Sampling plans the caller sees (IQAs and HR admins)",
)
def list_plans(request: HttpRequest) -> list[dict[str, Any]]:
    access.ensure_quality_staff(request.user)
    plans = access.plans_visible_to(request.user).select_related("unit")
    return [_plan_out(plan) for plan in plans]


@router.post(
    "/quality/plans",
    response={201: PlanOut, 403: ErrorOut, 422: FieldErrorsOut},
    summary="Create a sampling plan (IQA: assessor decisions; HR: either kind in their units)",
)
def create(request: HttpRequest, body: PlanIn) -> Any:
    access.ensure_quality_staff(request.user)
    data = body.dict()
    unit = OrgUnit.objects.filter(code=data.pop("unit")).first()
    if unit is None:
        raise ValidationError({"unit": f"no unit with the code {body.unit!r}"})
    plan = create_plan(_caller(request), unit=unit, **data)
    return Status(201, _plan_out(plan))


@router.get(
    "/quality/plans/{plan_id}",
    response={200: PlanOut, 403: ErrorOut, 404: ErrorOut},
    summary="One sampling plan with its rules",
)
def get_plan(request: HttpRequest, plan_id: int) -> dict[str, Any]:
    access.ensure_quality_staff(request.user)
    return _plan_out(access.get_plan_for(request.user, plan_id))


@router.post(
    "/quality/plans/{plan_id}/rules",
    response={200: PlanOut, 403: ErrorOut, 404: ErrorOut, 422: FieldErrorsOut},
    summary="Give one rater or one standard its own sampling rate",
)
def add_rule(request: HttpRequest, plan_id: int, body: RuleIn) -> dict[str, Any]:
    access.ensure_quality_staff(request.user)
    plan = access.get_plan_for(request.user, plan_id)
    set_rule(
        _caller(request),
        plan,
        rate=body.rate,
        rater=body.rater,
        standard=body.standard,
        method=body.method,
    )
    return _plan_out(plan)


@router.post(
    "/quality/plans/{plan_id}/draws",
    response={201: DrawOut, 403: ErrorOut, 404: ErrorOut, 422: FieldErrorsOut},
    summary="Draw samples for a period (seeded: give the seed to repeat a draw)",
)
def create_draw(request: HttpRequest, plan_id: int, body: DrawIn) -> Any:
    access.ensure_quality_staff(request.user)
    plan = access.get_plan_for(request.user, plan_id)
    made = draw_samples(_caller(request), plan, body.starts_on, body.ends_on, body.seed)
    return Status(201, _draw_out(made))


class _Shaped:
    """Samples for the paginator: counted and sliced in SQL, shaped only for the page shown."""

    def __init__(self, rows: Any) -> None:
        self.rows = rows

    def __len__(self) -> int:
        return int(self.rows.count())

    def __getitem__(self, window: slice) -> list[dict[str, Any]]:
        return [_sample_out(sample) for sample in self.rows[window]]


_RELATED = ("plan", "rater", "person__user", "standard", "rating__element", "review__reviewer")


@router.get(
    "/quality/samples",
    response={200: list[SampleOut], 403: ErrorOut},
    summary="Samples the caller sees, newest draw first",
)
@paginate(Paged)
def list_samples(request: HttpRequest, filters: Query[SampleFilters]) -> Any:
    access.ensure_quality_staff(request.user)
    rows = access.samples_visible_to(request.user).select_related(*_RELATED)
    if filters.plan is not None:
        rows = rows.filter(plan_id=filters.plan)
    if filters.draw is not None:
        rows = rows.filter(draw_id=filters.draw)
    if filters.status == "pending":
        rows = rows.pending()
    elif filters.status == "reviewed":
        rows = rows.reviewed()
    return _Shaped(rows.order_by("-draw_id", "pk"))


@router.get(
    "/quality/samples/export.csv",
    response={200: None, 403: ErrorOut},
    summary="The sampling records the caller sees, as formula-safe CSV",
)
def export(request: HttpRequest) -> StreamingHttpResponse:
    access.ensure_quality_staff(request.user)
    rows = export_queryset(access.samples_visible_to(request.user))
    response = StreamingHttpResponse(csv_lines(rows.iterator()), content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="sampling-records.csv"'
    return response


@router.get(
    "/quality/samples/{sample_id}",
    response={200: SampleOut, 404: ErrorOut},
    summary="One sampled decision (its rater sees it once it is reviewed)",
)
def get_sample(request: HttpRequest, sample_id: int) -> dict[str, Any]:
    return _sample_out(access.get_sample_for(request.user, sample_id))


@router.get(
    "/quality/my-reviews",
    response=list[SampleOut],
    summary="Reviews of the caller's own decisions (as assessor or validating manager), newest "
    "first; empty for anyone whose decisions were not sampled",
)
@paginate(Paged)
def my_reviews(request: HttpRequest) -> Any:
    rows = (
        access.samples_visible_to(request.user)
        .filter(rater_id=request.user.pk, review__isnull=False)
        .select_related(*_RELATED)
        .order_by("-review__created_at", "pk")
    )
    return _Shaped(rows)


@router.get(
    "/quality/samples/{sample_id}/files/{file_id}",
    response={200: None, 404: ErrorOut},
    summary="A file the sampled decision relied on (an attachment, never shown inline)",
)
def sample_file(request: HttpRequest, sample_id: int, file_id: int) -> HttpResponse:
    return downloads.file_response(
        file_for(access.get_sample_for(request.user, sample_id), file_id)
    )


@router.post(
    "/quality/samples/{sample_id}/review",
    response={201: SampleOut, 403: ErrorOut, 404: ErrorOut, 422: FieldErrorsOut},
    summary="Review a sampled decision: agree, or disagree with an action for the rater",
)
def review(request: HttpRequest, sample_id: int, body: ReviewIn) -> Any:
    sample = access.get_sample_for(request.user, sample_id)
    review_sample(_caller(request), sample, **body.dict())
    return Status(201, _sample_out(access.get_sample_for(request.user, sample_id)))


@router.get(
    "/quality/agreement",
    response={200: list[AgreementOut], 403: ErrorOut},
    summary="Agreement rates per rater (and month), over the reviewed samples the caller sees",
)
def agreement(request: HttpRequest, filters: Query[AgreementFilters]) -> list[dict[str, Any]]:
    access.ensure_quality_staff(request.user)
    rows = agreement_rates(
        request.user,
        filters.kind,
        by_month=filters.by_month,
        since=filters.since,
        until=filters.until,
    )
    names = dict(
        User.objects.filter(pk__in={r.rater_id for r in rows}).values_list("pk", "username")
    )
    return [
        {
            "rater": names.get(r.rater_id, ""),
            "rater_name": r.rater,
            "month": r.month,
            "reviewed": r.reviewed,
            "agreed": r.agreed,
            "rate": r.rate,
        }
        for r in rows
    ]
