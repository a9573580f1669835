"""Organisation goal pages: every signed-in user reads them; HR admins create and edit them and
set the weights they put on families, groups, skills and units. Domain work is in goals.py."""

from __future__ import annotations

import copy
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from skillframe.people.access import ensure_hr_admin, is_hr_admin
from skillframe.people.goal_forms import GoalForm, GoalWeightForm
from skillframe.people.goals import (
    goals_with_status,
    remove_goal_weight,
    save_goal,
    set_goal_weight,
)
from skillframe.people.models import GOAL_KINDS, OrgGoal, OrgGoalWeight
from skillframe.people.role_forms import ElementQueryForm
from skillframe.people.roles import element_candidates


def _require_hr(request: HttpRequest) -> None:
    ensure_hr_admin(request.user, "only HR admins may change organisation goals")


def _weights() -> Prefetch:  # type: ignore[type-arg]
    rows = OrgGoalWeight.objects.select_related("element__framework").order_by(
        "-weight", "element__framework__slug", "element__ordinal"
    )
    return Prefetch("weights", queryset=rows)


@login_required
def goal_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    context = {
        "goals": goals_with_status(today).prefetch_related(_weights()),
        "today": today,
        "can_edit": is_hr_admin(request.user),
    }
    return render(request, "people/goal_list.html", context)


def _goal_page(
    request: HttpRequest, goal: OrgGoal, form: GoalWeightForm | None = None, status: int = 200
) -> HttpResponse:
    """The goal with its weights; HR admins also get the weight form and its element picker
    (GET ?q=; from HTMX only the picker's results, partial `picker`)."""
    can_edit = is_hr_admin(request.user)
    query = ElementQueryForm(request.GET)
    q = query.cleaned_data["q"] if query.is_valid() and can_edit else ""
    context: dict[str, Any] = {
        "goal": goal,
        "is_active": goal.starts_on <= timezone.localdate() <= goal.ends_on,
        "weights": list(_weights().queryset.filter(goal=goal)),
        "can_edit": can_edit,
        "query": query,
        "q": q,
        "candidates": element_candidates(q, GOAL_KINDS) if q else [],
    }
    if request.method == "GET" and request.htmx and "q" in request.GET:
        if not can_edit:
            _require_hr(request)
        return render(request, "people/goal_detail.html#picker", context)
    if can_edit and form is None:
        initial = {k: request.GET[k] for k in ("element", "framework") if request.GET.get(k)}
        form = GoalWeightForm(goal=goal, initial={"weight": 1.0, **initial})
    context["form"] = form
    return render(request, "people/goal_detail.html", context, status=status)


@login_required
def goal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _goal_page(request, get_object_or_404(OrgGoal, pk=pk))


def _goal_form(request: HttpRequest, goal: OrgGoal | None) -> HttpResponse:
    _require_hr(request)
    # A ModelForm changes its instance while validating: the page keeps the saved title.
    form = GoalForm(request.POST or None, instance=copy.copy(goal))
    if request.method == "POST":
        if form.is_valid():
            saved = form.save(commit=False)
            save_goal(request.user, saved, created=goal is None)
            messages.success(request, f"Saved goal {saved.title}.")
            return redirect("people:goal", pk=saved.pk)
        return render(request, "people/goal_form.html", {"form": form, "goal": goal}, status=400)
    return render(request, "people/goal_form.html", {"form": form, "goal": goal})


@login_required
def goal_create(request: HttpRequest) -> HttpResponse:
    return _goal_form(request, None)


@login_required
def goal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _goal_form(request, get_object_or_404(OrgGoal, pk=pk))


@login_required
@require_POST
def goal_weight_set(request: HttpRequest, pk: int) -> HttpResponse:
    _require_hr(request)
    goal = get_object_or_404(OrgGoal, pk=pk)
    form = GoalWeightForm(request.POST, goal=goal)
    if not form.is_valid():
        return _goal_page(request, goal, form, status=400)
    element = form.cleaned_data["element_obj"]
    set_goal_weight(request.user, goal, element, form.cleaned_data["weight"])
    messages.success(request, f"{element.code} now weighs {form.cleaned_data['weight']:g}.")
    return redirect("people:goal", pk=goal.pk)


@login_required
@require_POST
def goal_weight_delete(request: HttpRequest, pk: int, weight_pk: int) -> HttpResponse:
    _require_hr(request)
    weight = get_object_or_404(
        OrgGoalWeight.objects.select_related("goal", "element"), goal_id=pk, pk=weight_pk
    )
    remove_goal_weight(request.user, weight)
    messages.success(request, f"Removed {weight.element.code} from the goal.")
    return redirect("people:goal", pk=pk)
