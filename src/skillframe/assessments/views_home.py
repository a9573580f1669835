"""A signed-in person's own page: roles, open cycles in scope, where their ratings stand."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from skillframe.assessments import wizard
from skillframe.assessments.cycles import open_cycles_for
from skillframe.assessments.models import Rating, SelfAssessment
from skillframe.people.access import is_hr_admin, person_of
from skillframe.people.models import RoleRequirement


@login_required
def me(request: HttpRequest) -> HttpResponse:
    person = person_of(request.user)
    is_hr = is_hr_admin(request.user)
    if person is None:
        # Staff accounts without a person record (e.g. the first superuser) have no own page.
        return render(request, "assessments/me.html", {"person": None, "is_hr": is_hr})
    today = timezone.localdate()
    cycles = open_cycles_for(person, today)
    assessments = list(SelfAssessment.objects.filter(person=person).select_related("cycle", "role"))
    # The self-assessment a cycle's button resumes: the one for the person's current role.
    mine = {
        a.cycle_id: a
        for a in assessments
        if a.cycle_id is not None and a.role_id == person.current_role_id
    }
    cycle_rows = []
    for cycle in cycles:
        assessment = mine.get(cycle.pk)
        cycle_rows.append(
            {
                "cycle": cycle,
                "assessment": assessment,
                "overview": wizard.overview(assessment) if assessment else None,
            }
        )
    roles = [role for role in (person.current_role, person.target_role) if role is not None]
    requirements = list(
        RoleRequirement.objects.filter(role__in=roles)
        .select_related("element__framework", "role")
        .order_by("role_id", "position", "id")
    )
    current = Rating.objects.current([person.pk], {r.element_id for r in requirements})
    rows = [
        {"requirement": r, "current": current.get((person.pk, r.element_id))} for r in requirements
    ]
    context = {
        "person": person,
        "is_hr": is_hr,
        "cycles": cycle_rows,
        "rows": rows,
        "today": today,
        "assessments": assessments,
    }
    return render(request, "assessments/me.html", context)
