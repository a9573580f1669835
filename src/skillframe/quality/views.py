"""Quality assurance pages (namespace `quality`, docs/quality.md): the IQA's home, plans and
their draws, the samples and the review of one, the sampling records export, and for raters the
reviews of their own decisions. Views fetch through access.py and call the domain modules."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from skillframe.evidence import downloads
from skillframe.people.models import OrgUnit
from skillframe.quality import access
from skillframe.quality.agreement import agreement_rates
from skillframe.quality.draws import draw_samples
from skillframe.quality.forms import DrawForm, PlanForm, ReviewForm, RuleForm, add_domain_errors
from skillframe.quality.models import Kind, SamplingPlan
from skillframe.quality.plans import create_plan, set_rule
from skillframe.quality.records import csv_lines, export_queryset
from skillframe.quality.reviews import context_of, file_for, review_sample

SAMPLES_SHOWN = 200
_LIST = ("plan", "rater", "person__user", "standard", "rating__element", "review")


def _plans(request: HttpRequest) -> list[SamplingPlan]:
    return list(
        access.plans_visible_to(request.user)
        .select_related("unit")
        .annotate(
            sampled=Count("samples", distinct=True),
            reviewed=Count("samples", filter=Q(samples__review__isnull=False), distinct=True),
        )
    )


@access.staff_required
def home(request: HttpRequest) -> HttpResponse:
    since = timezone.localdate() - timedelta(days=365)
    pending = access.to_review_by(request.user).select_related(*_LIST).order_by("draw_id", "pk")
    context = {
        "plans": _plans(request),
        "pending": pending[:SAMPLES_SHOWN],
        "assessors": agreement_rates(request.user, Kind.ASSESSOR),
        "managers": agreement_rates(request.user, Kind.MANAGER),
        "monthly": agreement_rates(request.user, Kind.ASSESSOR, by_month=True, since=since),
        "monthly_managers": agreement_rates(request.user, Kind.MANAGER, by_month=True, since=since),
        "is_assurer": access.is_assurer(request.user),
    }
    return render(request, "quality/home.html", context)


def _unit_choices(request: HttpRequest) -> list[tuple[str, str]]:
    units = OrgUnit.objects.all() if access.is_assurer(request.user) else None
    if units is None:
        units = OrgUnit.objects.administered_by(request.user)
    return [(u.code, u.name) for u in units.order_by("name")]


@access.staff_required
def plan_create(request: HttpRequest) -> HttpResponse:
    form = PlanForm(request.POST or None, units=_unit_choices(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        unit = OrgUnit.objects.get(code=data.pop("unit"))
        try:
            plan = create_plan(request.user, unit=unit, **data)  # type: ignore[arg-type]
        except ValidationError as invalid:
            add_domain_errors(form, invalid)
        else:
            return redirect("quality:plan", plan.pk)
    status = 400 if form.errors else 200
    return render(request, "quality/plan_form.html", {"form": form}, status=status)


def _plan_page(request: HttpRequest, plan: SamplingPlan, **forms: object) -> HttpResponse:
    context = {
        "plan": plan,
        "rules": plan.rules.select_related("rater", "standard"),
        "draws": plan.draws.select_related("drawn_by").annotate(
            sampled=Count("samples"), reviewed=Count("samples__review")
        ),
        "may_run": access.may_run(request.user, plan.kind, plan.unit),
        "rule_form": forms.get("rule_form") or RuleForm(),
        "draw_form": forms.get("draw_form") or DrawForm(initial=_default_period()),
    }
    failed = any(getattr(f, "errors", None) for f in forms.values())
    return render(request, "quality/plan_detail.html", context, status=400 if failed else 200)


def _default_period() -> dict[str, object]:
    today = timezone.localdate()
    return {"starts_on": today - timedelta(days=90), "ends_on": today}


@access.staff_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _plan_page(request, access.get_plan_for(request.user, pk))


@access.staff_required
@require_POST
def plan_rule(request: HttpRequest, pk: int) -> HttpResponse:
    plan = access.get_plan_for(request.user, pk)
    access.ensure_may_run(request.user, plan)
    form = RuleForm(request.POST)
    if form.is_valid():
        try:
            set_rule(request.user, plan, **form.cleaned_data)  # type: ignore[arg-type]
        except ValidationError as invalid:
            add_domain_errors(form, invalid)
        else:
            return redirect("quality:plan", plan.pk)
    return _plan_page(request, plan, rule_form=form)


@access.staff_required
@require_POST
def draw(request: HttpRequest, pk: int) -> HttpResponse:
    plan = access.get_plan_for(request.user, pk)
    access.ensure_may_run(request.user, plan)
    form = DrawForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            made = draw_samples(
                request.user, plan, data["starts_on"], data["ends_on"], data["seed"]
            )
        except ValidationError as invalid:
            add_domain_errors(form, invalid)
        else:
            return redirect(f"{_samples_url()}?draw={made.pk}")
    return _plan_page(request, plan, draw_form=form)


def _samples_url() -> str:
    return reverse("quality:samples")


@access.staff_required
def samples(request: HttpRequest) -> HttpResponse:
    rows = access.samples_visible_to(request.user).select_related(*_LIST)
    draw_id = request.GET.get("draw", "")
    if draw_id.isdigit():
        rows = rows.filter(draw_id=int(draw_id))
    status = request.GET.get("status", "")
    if status == "pending":
        rows = rows.pending()
    elif status == "reviewed":
        rows = rows.reviewed()
    total = rows.count()
    context = {
        "samples": rows.order_by("-draw_id", "pk")[:SAMPLES_SHOWN],
        "total": total,
        "shown": min(total, SAMPLES_SHOWN),
        "status": status,
        "draw_id": draw_id if draw_id.isdigit() else "",
    }
    return render(request, "quality/samples.html", context)


@login_required
def sample_detail(request: HttpRequest, pk: int) -> HttpResponse:
    sample = access.get_sample_for(request.user, pk)
    return _sample_page(request, sample, ReviewForm())


def _sample_page(request: HttpRequest, sample: object, form: ReviewForm) -> HttpResponse:
    context = {
        "sample": sample,
        "review": getattr(sample, "review", None),
        "context": context_of(sample),  # type: ignore[arg-type]
        "may_review": access.may_review(request.user, sample),  # type: ignore[arg-type]
        "form": form,
    }
    return render(
        request, "quality/sample_detail.html", context, status=400 if form.errors else 200
    )


@login_required
@require_POST
def review(request: HttpRequest, pk: int) -> HttpResponse:
    sample = access.get_sample_for(request.user, pk)
    access.ensure_reviewer(request.user, sample)
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            review_sample(request.user, sample, **form.cleaned_data)  # type: ignore[arg-type]
        except ValidationError as invalid:
            add_domain_errors(form, invalid)
        else:
            return redirect("quality:sample", sample.pk)
    return _sample_page(request, sample, form)


@login_required
def evidence_file(request: HttpRequest, pk: int, file_pk: int) -> HttpResponse:
    """A file the sampled decision relied on, for whoever may see the sample; an attachment,
    never sniffed (as evidence:download serves it)."""
    return downloads.file_response(file_for(access.get_sample_for(request.user, pk), file_pk))


@access.staff_required
def export(request: HttpRequest) -> StreamingHttpResponse:
    rows = export_queryset(access.samples_visible_to(request.user))
    response = StreamingHttpResponse(csv_lines(rows.iterator()), content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="sampling-records.csv"'
    return response


@login_required
def my_reviews(request: HttpRequest) -> HttpResponse:
    """Reviews of the signed-in rater's own decisions (an empty list for everyone else)."""
    rows = (
        access.samples_visible_to(request.user)
        .filter(rater_id=request.user.pk, review__isnull=False)
        .select_related(*_LIST, "review__reviewer")
        .order_by("-review__created_at")
    )
    return render(request, "quality/my_reviews.html", {"samples": rows[:SAMPLES_SHOWN]})
