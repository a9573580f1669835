"""A signed-in person's own page: roles, open cycles in scope, where their ratings stand."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from skillframe.assessments.models import Cycle, Rating, SelfAssessment
from skillframe.people.access import person_of
from skillframe.people.models import RoleRequirement


@login_required
def me(request: HttpRequest) -> HttpResponse:
    person = person_of(request.user)
    if person is None:
        # Staff accounts without a person record (e.g. the first superuser) have no own page.
        return render(request, "assessments/me.html", {"person": None})
    today = timezone.localdate()
    cycles = [
        cycle
        for cycle in Cycle.objects.open_on(today).prefetch_related("units", "roles")
        if cycle.people_in_scope().filter(pk=person.pk).exists()
    ]
    roles = [role for role in (person.current_role, person.target_role) if role is not None]
    requirements = list(
        RoleRequirement.objects.filter(role__in=roles)
        .select_related("element__framework", "role")
        .order_by("role_id", "position", "id")
    )
    current = Rating.objects.current([person.pk], {r.element_id for r in requirements})
    rows = [
        {"requirement": r, "current": current.get((person.pk, r.element_id))}
        for r in requirements
    ]
    context = {
        "person": person,
        "cycles": cycles,
        "rows": rows,
        "today": today,
        "assessments": SelfAssessment.objects.filter(person=person).select_related("cycle", "role"),
    }
    return render(request, "assessments/me.html", context)
