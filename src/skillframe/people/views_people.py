"""People pages: the HR list, a person's page, and the HR forms to create and change people."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from skillframe.people.access import (
    Reach,
    administers,
    get_person_for,
    hr_required,
    reads_audit,
)
from skillframe.people.forms import PermissionsForm, PersonForm
from skillframe.people.hr_views import editable_person, form_data
from skillframe.people.models import OrgUnit, Person
from skillframe.people.records import create_person, scope_units, set_permissions, update_person

PAGE_SIZE = 50


@hr_required
def person_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    units = list(scope_units(request.user).order_by("name"))
    code = request.GET.get("unit", "")
    unit = next((u for u in units if u.code == code), None) if code else None
    people = Person.objects.editable_by(request.user).select_related(
        "user", "unit", "manager__user", "current_role"
    )
    if unit is not None:
        people = people.in_unit_subtree(unit)
    # Every word must match the first name, last name or employee ID.
    for term in query.split():
        people = people.filter(
            Q(user__first_name__icontains=term)
            | Q(user__last_name__icontains=term)
            | Q(employee_id__icontains=term)
        )
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "query": query,
        "unit": unit,
        "units": units,
        "reads_audit": reads_audit(request.user),
    }
    template = "people/person_list.html"
    if request.htmx:
        template += "#results"
    return render(request, template, context)


@login_required
def person_detail(request: HttpRequest, employee_id: str) -> HttpResponse:
    related = ("user", "unit__parent", "manager__user", "current_role", "target_role")
    person = get_person_for(request.user, employee_id, related=related)
    reports = list(
        person.reports.select_related("user", "unit").order_by(
            "user__last_name", "user__first_name", "employee_id"
        )
    )
    # Names of the manager and reports are shown; a link only where the viewer may follow it.
    shown = Q(manager_id=person.pk) | Q(pk=person.manager_id)
    links = Person.objects.filter(shown).reached_by(request.user, Reach.everything())
    links = links.order_by().values_list("pk")
    can_edit = administers(request.user, person)  # only HR admins administer anyone
    context = {
        "person": person,
        "unit_path": unit_path(person.unit),
        "reports": reports,
        "link_ids": {pk for (pk,) in links},
        "can_edit": can_edit,
        "hr_units": person.hr_units.order_by("name") if can_edit else None,
        "learners": person.learners.select_related("user") if can_edit else None,
    }
    return render(request, "people/person_detail.html", context)


@hr_required
def person_create(request: HttpRequest) -> HttpResponse:
    form = PersonForm(form_data(request), user=request.user)
    if request.method == "POST" and form.is_valid():
        person = create_person(
            form.cleaned_data["employee_id"], form.person_fields(), actor=request.user
        )
        return redirect("people:detail", person.employee_id)
    status = 400 if form.errors else 200
    return render(request, "people/person_form.html", {"form": form}, status=status)


@hr_required
def person_edit(request: HttpRequest, employee_id: str) -> HttpResponse:
    person = editable_person(request, employee_id)
    form = PersonForm(form_data(request), user=request.user, person=person)
    if request.method == "POST" and form.is_valid():
        update_person(person, form.person_fields(), actor=request.user)
        return redirect("people:detail", person.employee_id)
    status = 400 if form.errors else 200
    context = {"form": form, "person": person}
    return render(request, "people/person_form.html", context, status=status)


@hr_required
def person_permissions(request: HttpRequest, employee_id: str) -> HttpResponse:
    person = editable_person(request, employee_id)
    form = PermissionsForm(form_data(request), user=request.user, person=person)
    if request.method == "POST" and form.is_valid():
        set_permissions(
            person,
            hr_unit_ids={unit.pk for unit in form.cleaned_data["hr_units"]},
            learner_ids=form.cleaned_data["learners"],
            actor=request.user,
        )
        return redirect("people:detail", person.employee_id)
    status = 400 if form.errors else 200
    context = {"form": form, "person": person}
    return render(request, "people/person_permissions.html", context, status=status)


def unit_path(unit: OrgUnit) -> list[OrgUnit]:
    """The unit and the units above it, top first (one query per level: trees are shallow)."""
    path = [unit]
    while path[-1].parent_id is not None and len(path) < 50:
        parent = path[-1].parent
        assert parent is not None
        path.append(parent)
    return path[::-1]
