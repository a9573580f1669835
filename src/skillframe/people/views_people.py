"""People pages: the HR list, a person's page, and the HR forms to create and change people."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
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


UNIT_CHOICES = 20  # units offered by the unit field's autocomplete


@hr_required
def person_list(request: HttpRequest) -> HttpResponse:
    """The people of the HR scope, 50 at a time.

    At scale (12,507 units, 100,000 people) the unit field is an autocomplete (`?unit_search`
    returns at most UNIT_CHOICES matching units for its datalist) instead of one `<option>` per
    unit, and pages are keyset pages (`?after=<employee id>`: the rows after that person in the
    list's order) instead of OFFSET pages: every page costs the same few queries."""
    units = scope_units(request.user)
    code = request.GET.get("unit", "").strip()
    if request.GET.get("unit_search") is not None:
        found = units.filter(Q(name__icontains=code) | Q(code__icontains=code)) if code else units
        choices = list(found.order_by("name", "code")[:UNIT_CHOICES])
        return render(request, "people/person_list.html#unit_options", {"choices": choices})
    query = request.GET.get("q", "").strip()
    unit = units.filter(code=code).first() if code else None
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
    total = people.count()
    after = request.GET.get("after", "")
    anchor = (
        people.filter(employee_id=after)
        .values_list("user__last_name", "user__first_name", "employee_id")
        .first()
        if after
        else None
    )
    if anchor is not None:
        last, first, employee_id = anchor
        people = people.filter(
            Q(user__last_name__gt=last)
            | Q(user__last_name=last, user__first_name__gt=first)
            | Q(user__last_name=last, user__first_name=first, employee_id__gt=employee_id)
        )
    # Person's ordering (last name, first name, employee id) is the key, unique by employee id.
    rows = list(people.order_by("user__last_name", "user__first_name", "employee_id")[
        : PAGE_SIZE + 1
    ])  # fmt: skip
    context = {
        "people": rows[:PAGE_SIZE],
        "total": total,
        "next_after": rows[PAGE_SIZE - 1].employee_id if len(rows) > PAGE_SIZE else "",
        "continued": anchor is not None,
        "query": query,
        "unit": unit,
        "unit_code": code,
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
