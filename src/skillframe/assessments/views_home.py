"""A signed-in person's own page: roles, open cycles in scope, where their ratings stand."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from skillframe.assessments import wizard
from skillframe.assessments.cycles import open_cycles_for
from skillframe.assessments.models import Competence, CurrentRating, Rating, SelfAssessment
from skillframe.frameworks.models import Element
from skillframe.people.access import is_hr_admin, person_of
from skillframe.people.models import RoleRequirement

ITEM_KINDS = ("performance-criterion", "knowledge-item")


def unit_items(units: list[Element]) -> dict[int, list[int]]:
    """{unit id: ids of its performance criteria and knowledge items}, in one query.

    NOS item codes extend the unit's code (INSML005.P1, INSML005.K3), see DESIGN.md §5."""
    if not units:
        return {}
    by_code = {unit.code: unit.pk for unit in units}
    query = Q()
    for unit in units:
        query |= Q(framework_id=unit.framework_id, code__startswith=unit.code + ".")
    result: dict[int, list[int]] = {unit.pk: [] for unit in units}
    rows = Element.objects.filter(query, kind__in=ITEM_KINDS).values_list("pk", "code")
    for pk, code in rows:
        result[by_code[code.split(".", 1)[0]]].append(pk)
    return result


def rollup(
    person_id: int, item_ids: list[int], current: dict[tuple[int, int], CurrentRating]
) -> dict[str, int]:
    """How many of a standard's items the person judged competent, and how many are validated."""
    own = validated = 0
    for pk in item_ids:
        entry = current.get((person_id, pk))
        if entry and entry.self_rating and entry.self_rating.competence == Competence.COMPETENT:
            own += 1
        if entry and entry.validated and entry.validated.competence == Competence.COMPETENT:
            validated += 1
    return {"total": len(item_ids), "own": own, "validated": validated}


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
    items = unit_items([r.element for r in requirements if r.element.kind == "unit"])
    item_ids = {pk for ids in items.values() for pk in ids}
    current = Rating.objects.current([person.pk], {r.element_id for r in requirements} | item_ids)
    rows = [
        {
            "requirement": r,
            "current": current.get((person.pk, r.element_id)),
            "rollup": rollup(person.pk, items.get(r.element_id, []), current)
            if r.element.kind == "unit"
            else None,
        }
        for r in requirements
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
