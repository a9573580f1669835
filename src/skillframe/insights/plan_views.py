"""The new-plan page (`/plans/new/`): a development plan that starts from the person's priorities.

It lives in insights, not development, because it joins the two: the suggestions are insights'
priorities (`suggestions.py`) and the plan is development's (`development.plans.create_plan`).
Development sits below insights in the layers (docs/layers.md) and may not ask for priorities;
insights may use development. The plan's rules, form and template stay development's.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from skillframe.development import plans
from skillframe.development.forms import NewPlanForm, add_domain_errors
from skillframe.development.views import my_plans, refusals
from skillframe.insights.suggestions import suggestions_for
from skillframe.people.access import person_of


@login_required
@refusals
def plan_create(request: HttpRequest) -> HttpResponse:
    person = person_of(request.user)
    if person is None:
        return my_plans(request)  # no person record: the (empty) plan list says so
    suggestions = suggestions_for(person)
    form = NewPlanForm(suggestions, request.POST or None, initial={"title": "My development plan"})
    if request.method == "POST" and form.is_valid():
        try:
            plan = plans.create_plan(request.user, form.cleaned_data["title"], form.objectives())
        except ValidationError as invalid:
            add_domain_errors(form, invalid)
        else:
            return redirect("development:plan", pk=plan.pk)
    status = 400 if form.errors else 200
    return render(request, "development/plan_new.html", {"form": form}, status=status)
