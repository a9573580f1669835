"""Plan pages: lists, a new plan, the plan itself, and the approval loop (submit, review).

Every plan is fetched through `development.access.get_plan_for` (`Plan.objects.visible_to`):
someone who may not read it gets 404. Someone who may read it but not do what they asked (a
manager editing, HR approving) gets 403 with the reason (`refusals`). The rules themselves are
in access.py, plans.py and objectives.py.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from skillframe.development import plans
from skillframe.development.access import (
    ensure_owner,
    ensure_reviewer,
    get_plan_for,
    is_owner,
    may_read_plans_of,
)
from skillframe.development.forms import (
    PlanForm,
    ReviewForm,
    add_domain_errors,
    error_lines,
)
from skillframe.development.models import Activity, Plan
from skillframe.development.objectives import reassess_links
from skillframe.http import confirm_token, is_confirmed
from skillframe.people.access import get_person_for, manages, person_of
from skillframe.people.models import Person

LIST = "development/plan_list.html"
DETAIL = "development/plan_detail.html"


def refusals(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Answer PermissionDenied with a page saying why (403), not Django's bare error page."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied as refused:
            context = {"message": str(refused) or "You may not do this."}
            return render(request, "development/refused.html", context, status=403)

    return wrapper


def visible_plan(request: HttpRequest, pk: int) -> Plan:
    return get_plan_for(request.user, pk, related=("person__user", "person__manager__user"))


def _list_page(request: HttpRequest, person: Person | None, own: bool) -> HttpResponse:
    today = timezone.localdate()
    rows = (
        Plan.objects.filter(person=person).with_counts(today).order_by("-updated_at", "-id")
        if person is not None
        else Plan.objects.none()
    )
    context = {"person": person, "own": own, "plans": list(rows), "today": today}
    return render(request, LIST, context)


@login_required
def my_plans(request: HttpRequest) -> HttpResponse:
    return _list_page(request, person_of(request.user), own=True)


@login_required
def person_plans(request: HttpRequest, employee_id: str) -> HttpResponse:
    """A person's plans for them, their managers and HR: 404 for whoever may not see the person,
    403 for those who see them but not their plans (their assessor)."""
    person = get_person_for(
        request.user,
        employee_id,
        related=("user",),
        allowed=may_read_plans_of,
        refusal="only the person, their line managers and HR read their development plans",
    )
    return _list_page(request, person, own=person.user_id == request.user.pk)


def detail_context(request: HttpRequest, plan: Plan, **extra: Any) -> dict[str, Any]:
    today = timezone.localdate()
    objectives = plans.objectives_of(plan)
    owner = is_owner(request.user, plan)
    is_manager = manages(request.user, plan.person)
    urls = reassess_links(request.user, plan, objectives)
    for objective in objectives:
        objective.overdue = objective.is_overdue(today)  # type: ignore[attr-defined]
        objective.reassess_url = urls.get(objective.pk, "")  # type: ignore[attr-defined]
    return {
        "plan": plan,
        "person": plan.person,
        "objectives": objectives,
        "versions": list(plan.versions.select_related("actor")),
        "owner": owner,
        "is_manager": is_manager,
        "today": today,
        "activity_statuses": Activity.Status.choices,
        "overdue": sum(1 for o in objectives if o.overdue),  # type: ignore[attr-defined]
        **extra,
    }


@login_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = visible_plan(request, pk)
    return render(request, DETAIL, detail_context(request, plan, notice=request.GET.get("done")))


@login_required
@refusals
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    plan = visible_plan(request, pk)
    ensure_owner(request.user, plan)
    form = PlanForm(request.POST or None, initial={"title": plan.title})
    if request.method == "POST" and form.is_valid():
        try:
            plans.update_plan(request.user, plan, form.cleaned_data["title"])
        except ValidationError as invalid:
            add_domain_errors(form, invalid)
        else:
            return redirect("development:plan", pk=plan.pk)
    status = 400 if form.errors else 200
    return render(
        request, "development/plan_edit.html", {"form": form, "plan": plan}, status=status
    )


def _act(request: HttpRequest, plan: Plan, action: Callable[[], Any], done: str) -> HttpResponse:
    """Run a plan action; on success back to the plan, else the plan with the error (400)."""
    try:
        action()
    except ValidationError as invalid:
        errors = error_lines(invalid)
        context = detail_context(request, plan, errors=errors)
        return render(request, DETAIL, context, status=400)
    return redirect(f"{plans.plan_path(plan)}?done={done}")


@login_required
@require_POST
@refusals
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    plan = visible_plan(request, pk)
    return _act(request, plan, lambda: plans.submit(request.user, plan), "submitted")


@login_required
@require_POST
@refusals
def revise(request: HttpRequest, pk: int) -> HttpResponse:
    plan = visible_plan(request, pk)
    return _act(request, plan, lambda: plans.revise(request.user, plan), "revised")


@login_required
@refusals
def close(request: HttpRequest, pk: int) -> HttpResponse:
    """Closing cannot be undone (the plan stays, read-only): GET is the confirmation step that
    says so; the POST closes only with the step's token (docs/irreversible-actions.md)."""
    plan = visible_plan(request, pk)
    ensure_owner(request.user, plan)
    target = f"plan:{plan.pk}"
    if not plan.active or (request.method == "POST" and is_confirmed(request, CLOSE, target)):
        comment = request.POST.get("comment", "")
        return _act(request, plan, lambda: plans.close(request.user, plan, comment), "closed")
    manager = plan.person.manager
    context = {
        "heading": f"Close the plan “{plan.title}”?",
        "lead": "A closed plan is kept with its history but can no longer change or be reopened.",
        "consequences": [
            "You can no longer add objectives, record progress or mark anything done in it.",
            f"{manager.name if manager else 'Your line manager'} is told that you closed it.",
            "To change course instead, edit or revise the plan, or start a new one.",
        ],
        "action_url": request.path,
        "token": confirm_token(CLOSE, target),
        "confirm_label": "Close the plan",
        "cancel_url": plans.plan_path(plan),
        "cancel_label": "Keep it open",
        "unconfirmed": request.method == "POST",
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "confirm.html", context, status=status)


CLOSE = "plan.close"


@login_required
@refusals
def review(request: HttpRequest, pk: int) -> HttpResponse:
    """The manager approves the plan or returns it with a comment."""
    plan = visible_plan(request, pk)
    ensure_reviewer(request.user, plan)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        decision, comment = form.cleaned_data["decision"], form.cleaned_data["comment"]
        try:
            if decision == "approve":
                plans.approve(request.user, plan, comment)
            else:
                plans.return_plan(request.user, plan, comment)
        except ValidationError as invalid:
            add_domain_errors(form, invalid)
        else:
            done = "approved" if decision == "approve" else "returned"
            return redirect(f"{plans.plan_path(plan)}?done={done}")
    context = detail_context(request, plan, form=form)
    return render(
        request, "development/plan_review.html", context, status=400 if form.errors else 200
    )
