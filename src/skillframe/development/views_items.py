"""Objective and activity pages of a plan: add, edit or remove, status, progress updates.

Objectives and activities are fetched through the plans the user may read (404 otherwise); the
domain (objectives.py) then refuses anyone but the person (403) and content changes to a plan
that is not a draft or returned (shown as an error, nothing saved). Status and progress forms
answer HTMX with the objective's card (`plan_detail.html#objective`); without JavaScript they
redirect back to the plan.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from skillframe.development import objectives as domain
from skillframe.development.access import ensure_owner, get_activity_for, get_objective_for
from skillframe.development.forms import ActivityForm, ObjectiveForm, add_domain_errors, error_lines
from skillframe.development.models import Activity, Objective, Plan
from skillframe.development.plans import plan_path
from skillframe.development.views import DETAIL, detail_context, refusals, visible_plan
from skillframe.http import confirm_token, is_confirmed

_PLAN = ("plan__person__user", "plan__person__manager__user")


def _objective(request: HttpRequest, pk: int) -> Objective:
    return get_objective_for(request.user, pk, related=(*_PLAN, "element__framework"))


def _activity(request: HttpRequest, pk: int) -> Activity:
    related = [f"objective__{name}" for name in _PLAN]
    return get_activity_for(request.user, pk, related=(*related, "objective__element"))


def _own(request: HttpRequest, plan: Plan) -> None:
    # Checked before showing a form, so that a reader is not offered one (the domain checks again).
    ensure_owner(request.user, plan)


def _objective_fields(request: HttpRequest, form: ObjectiveForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {
        "element": domain.resolve_element(data["element"], data.get("framework")),
        "target_level": data.get("target_level"),
        "measure": data["measure"],
        "due_on": data["due_on"],
    }


def _form_page(request: HttpRequest, template: str, form: Any, **context: Any) -> HttpResponse:
    status = 400 if form.errors else 200
    return render(request, template, {"form": form, **context}, status=status)


@login_required
@refusals
def objective_create(request: HttpRequest, pk: int) -> HttpResponse:
    plan = visible_plan(request, pk)
    _own(request, plan)
    form = ObjectiveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            objective = domain.add_objective(request.user, plan, **_objective_fields(request, form))
        except ValidationError as invalid:
            add_domain_errors(form, invalid)
        else:
            return redirect(f"{plan_path(plan)}#objective-{objective.pk}")
    return _form_page(request, "development/objective_form.html", form, plan=plan)


@login_required
@refusals
def objective_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change an objective, or remove it (`action=delete`) while the plan is editable."""
    objective = _objective(request, pk)
    plan = objective.plan
    _own(request, plan)
    if request.method == "POST" and request.POST.get("action") == "delete":
        target = f"objective:{objective.pk}"
        if is_confirmed(request, DELETE, target):
            return _run(request, plan, lambda: domain.delete_objective(request.user, objective), "")
        count = objective.activities.count()
        return _confirm_delete(
            request,
            target,
            f"Remove the objective “{objective.element.code} {objective.element.label}”?",
            f"It is deleted from the plan with its {count} activit{'y' if count == 1 else 'ies'}; "
            "this cannot be undone (you can add it again).",
            cancel=f"{plan_path(plan)}#objective-{objective.pk}",
        )
    form = ObjectiveForm(request.POST or None, initial=ObjectiveForm.initial_for(objective))
    if request.method == "POST" and form.is_valid():
        try:
            domain.update_objective(request.user, objective, **_objective_fields(request, form))
        except ValidationError as invalid:
            add_domain_errors(form, invalid)
        else:
            return redirect(f"{plan_path(plan)}#objective-{objective.pk}")
    context = {"plan": plan, "objective": objective}
    return _form_page(request, "development/objective_form.html", form, **context)


def _run(
    request: HttpRequest, plan: Plan, action: Callable[[], Any], anchor: str, objective_pk: int = 0
) -> HttpResponse:
    """Run a change; HTMX gets the objective's card back, a plain POST the plan page."""
    try:
        action()
    except ValidationError as invalid:
        errors = error_lines(invalid)
        context = detail_context(request, plan, errors=errors)
        if request.htmx and objective_pk:
            return _card(request, context, objective_pk, errors, status=400)
        return render(request, DETAIL, context, status=400)
    if request.htmx and objective_pk:
        return _card(request, detail_context(request, plan), objective_pk, [])
    return redirect(f"{plan_path(plan)}{anchor}")


def _card(
    request: HttpRequest, context: dict[str, Any], pk: int, errors: list[str], status: int = 200
) -> HttpResponse:
    objective = next(o for o in context["objectives"] if o.pk == pk)
    card = {**context, "objective": objective, "card_errors": errors}
    return render(request, f"{DETAIL}#objective", card, status=status)


@login_required
@require_POST
@refusals
def objective_status(request: HttpRequest, pk: int) -> HttpResponse:
    objective = _objective(request, pk)
    status = request.POST.get("status", "")
    return _run(
        request,
        objective.plan,
        lambda: domain.set_objective_status(request.user, objective, status),
        f"?done=objective-{status}#objective-{objective.pk}",
        objective.pk,
    )


@login_required
@require_POST
@refusals
def progress_add(request: HttpRequest, pk: int) -> HttpResponse:
    objective = _objective(request, pk)
    text = request.POST.get("text", "")
    return _run(
        request,
        objective.plan,
        lambda: domain.add_progress(request.user, objective, text),
        f"#objective-{objective.pk}",
        objective.pk,
    )


def _activity_fields(form: ActivityForm) -> dict[str, Any]:
    return {name: form.cleaned_data.get(name) or None for name in ("starts_on", "ends_on")} | {
        name: form.cleaned_data.get(name, "")
        for name in ("kind", "title", "status", "link", "notes")
    }


@login_required
@refusals
def activity_create(request: HttpRequest, pk: int) -> HttpResponse:
    objective = _objective(request, pk)
    plan = objective.plan
    _own(request, plan)
    form = ActivityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            domain.add_activity(request.user, objective, **_activity_fields(form))
        except ValidationError as invalid:
            add_domain_errors(form, invalid)
        else:
            return redirect(f"{plan_path(plan)}#objective-{objective.pk}")
    context = {"plan": plan, "objective": objective}
    return _form_page(request, "development/activity_form.html", form, **context)


@login_required
@refusals
def activity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change an activity, or remove it (`action=delete`) while the plan is editable."""
    activity = _activity(request, pk)
    objective = activity.objective
    plan = objective.plan
    _own(request, plan)
    anchor = f"#objective-{objective.pk}"
    if request.method == "POST" and request.POST.get("action") == "delete":
        target = f"activity:{activity.pk}"
        if is_confirmed(request, DELETE, target):
            return _run(
                request, plan, lambda: domain.delete_activity(request.user, activity), anchor
            )
        return _confirm_delete(
            request,
            target,
            f"Remove the activity “{activity.title}”?",
            "It is deleted from the objective; this cannot be undone (you can add it again).",
            cancel=f"{plan_path(plan)}{anchor}",
        )
    form = ActivityForm(request.POST or None, initial=ActivityForm.initial_for(activity))
    if request.method == "POST" and form.is_valid():
        try:
            domain.update_activity(request.user, activity, **_activity_fields(form))
        except ValidationError as invalid:
            add_domain_errors(form, invalid)
        else:
            return redirect(f"{plan_path(plan)}{anchor}")
    context = {"plan": plan, "objective": objective, "activity": activity}
    return _form_page(request, "development/activity_form.html", form, **context)


@login_required
@require_POST
@refusals
def activity_status(request: HttpRequest, pk: int) -> HttpResponse:
    activity = _activity(request, pk)
    objective = activity.objective
    status = request.POST.get("status", "")
    return _run(
        request,
        objective.plan,
        lambda: domain.set_activity_status(request.user, activity, status),
        f"#objective-{objective.pk}",
        objective.pk,
    )


DELETE = "plan.item.delete"


def _confirm_delete(
    request: HttpRequest, target: str, heading: str, lead: str, *, cancel: str
) -> HttpResponse:
    """The confirmation step of a removal (docs/irreversible-actions.md): the first POST of the
    remove button shows it; only its form, carrying the signed token, removes."""
    context = {
        "heading": heading,
        "lead": lead,
        "consequences": [],
        "action_url": request.path,
        "token": confirm_token(DELETE, target),
        "hidden": {"action": "delete"},
        "confirm_label": "Remove it",
        "cancel_url": cancel,
        "cancel_label": "Keep it",
        "unconfirmed": False,
    }
    return render(request, "confirm.html", context)
