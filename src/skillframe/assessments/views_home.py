"""A signed-in person's own page: roles, open cycles in scope, where their ratings stand."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from skillframe.assessments import wizard
from skillframe.assessments.cycles import open_cycles_for
from skillframe.assessments.models import SelfAssessment
from skillframe.assessments.standing import requirement_rows
from skillframe.people.access import is_hr_admin, person_of


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
    rows = requirement_rows(person, today)
    context = {
        "person": person,
        "is_hr": is_hr,
        "cycles": cycle_rows,
        "rows": rows,
        "today": today,
        "assessments": assessments,
    }
    return render(request, "assessments/me.html", context)
