"""Gaps, priorities and the role explorer pages; the HR page for the priority weights.

Views are thin: the person comes through the access rule (`Person.objects.visible_to`, a person
the user may not see is a 404), the numbers come from `insights.data`, the template shows them.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from skillframe.evidence.coverage import signed_off_by_code
from skillframe.frameworks.models import Element
from skillframe.insights import data
from skillframe.insights import weights as weights_domain
from skillframe.insights.forms import PriorityWeightsForm
from skillframe.insights.models import WEIGHT_NAMES
from skillframe.insights.priorities import DEFAULT_WEIGHTS
from skillframe.people.access import ensure_hr_admin, get_person_for, person_of
from skillframe.people.models import Person, RoleProfile

GAPS = "insights/gaps.html"
ROLES = "insights/roles.html"
WEIGHTS = "insights/weights.html"


def _visible_person(request: HttpRequest, employee_id: str) -> Person:
    related = ("user", "current_role", "target_role")
    return get_person_for(request.user, employee_id, related=related)


def _own_person(request: HttpRequest) -> Person | None:
    me = person_of(request.user)
    if me is None:
        return None
    return Person.objects.select_related("user", "current_role", "target_role").get(pk=me.pk)


@login_required
def my_gaps(request: HttpRequest) -> HttpResponse:
    person = _own_person(request)
    if person is None:
        return render(request, GAPS, {"person": None, "own": True})
    return _gaps_page(request, person)


@login_required
def person_gaps(request: HttpRequest, employee_id: str) -> HttpResponse:
    return _gaps_page(request, _visible_person(request, employee_id))


def _gaps_page(request: HttpRequest, person: Person) -> HttpResponse:
    """Current and target role side by side with the priorities; `?role=CODE` compares with any
    role instead (from HTMX only the comparison, partial `other`)."""
    result = data.person_insights(person)
    code = request.GET.get("role", "").strip()
    other = other_report = None
    if code:
        other = RoleProfile.objects.filter(code=code).first()
        if other is None:
            raise Http404("no such role profile")
        other_report = data.gap_report(person, other)
        missing = {i for g in other_report.gaps for i in g.missing_ids} - set(result.items)
        if missing:
            result.items.update(Element.objects.in_bulk(missing))
    context: dict[str, Any] = {
        "person": person,
        "own": person.user_id == request.user.pk,
        "insights": result,
        "items": result.items,
        "roles": RoleProfile.objects.only("code", "title").order_by("title"),
        "other": other,
        "other_report": other_report,
        "signed_off": signed_off_by_code(person),
    }
    if getattr(request, "htmx", False):
        return render(request, GAPS + "#other", context)
    return render(request, GAPS, context)


@login_required
def my_roles(request: HttpRequest) -> HttpResponse:
    person = _own_person(request)
    if person is None:
        return render(request, ROLES, {"person": None, "own": True})
    return _roles_page(request, person)


@login_required
def person_roles(request: HttpRequest, employee_id: str) -> HttpResponse:
    return _roles_page(request, _visible_person(request, employee_id))


def _roles_page(request: HttpRequest, person: Person) -> HttpResponse:
    context = {
        "person": person,
        "own": person.user_id == request.user.pk,
        "ranked": data.role_explorer(person),
        "signed_off": signed_off_by_code(person),
    }
    return render(request, ROLES, context)


@login_required
def weights(request: HttpRequest) -> HttpResponse:
    """HR admins set the weights of the priority score; the defaults are documented."""
    ensure_hr_admin(request.user, weights_domain.REFUSAL)
    row = weights_domain.settings_row()
    if request.method == "POST":
        if "reset" in request.POST:
            form = PriorityWeightsForm(DEFAULT_WEIGHTS.as_dict(), instance=row)
        else:
            form = PriorityWeightsForm(request.POST, instance=row)
        if form.is_valid():
            weights_domain.save_weights(request.user, form.save(commit=False))
            messages.success(request, "Priority weights saved.")
            return redirect("insights:weights")
        status = 400
    else:
        form = PriorityWeightsForm(instance=row)
        status = 200
    context = {
        "form": form,
        "row": row,
        "defaults": DEFAULT_WEIGHTS.as_dict(),
        "names": WEIGHT_NAMES,
    }
    return render(request, WEIGHTS, context, status=status)
