"""The org unit tree for HR admins: their part of the organisation, with create and edit."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from skillframe.people.access import hr_required
from skillframe.people.forms import UnitForm
from skillframe.people.hr_views import form_data
from skillframe.people.models import OrgUnit
from skillframe.people.records import save_unit, scope_units


@dataclass(frozen=True)
class TreeRow:
    unit: OrgUnit
    depth: int


def tree_rows(units: list[OrgUnit]) -> list[TreeRow]:
    """Units in tree order (each followed by its sub-units, by name), with their depth.

    Units whose parent is not in the list are roots: for an HR admin, the tops of their scope.
    """
    ids = {unit.pk for unit in units}
    children: dict[int | None, list[OrgUnit]] = {}
    for unit in sorted(units, key=lambda u: (u.name.lower(), u.code)):
        parent = unit.parent_id if unit.parent_id in ids else None
        children.setdefault(parent, []).append(unit)
    rows: list[TreeRow] = []
    stack = [(unit, 0) for unit in reversed(children.get(None, []))]
    while stack:
        unit, depth = stack.pop()
        rows.append(TreeRow(unit, depth))
        stack.extend((child, depth + 1) for child in reversed(children.get(unit.pk, [])))
    return rows


@hr_required
def unit_tree(request: HttpRequest) -> HttpResponse:
    units = list(
        scope_units(request.user).select_related("parent").annotate(people=Count("members"))
    )
    return render(request, "people/units.html", {"rows": tree_rows(units)})


@hr_required
def unit_create(request: HttpRequest) -> HttpResponse:
    initial = {"parent": request.GET.get("parent")} if request.GET.get("parent") else None
    form = UnitForm(form_data(request), user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        save_unit(request.user, form.save(commit=False), created=True)
        return redirect("people:units")
    status = 400 if form.errors else 200
    return render(request, "people/unit_form.html", {"form": form}, status=status)


@hr_required
def unit_edit(request: HttpRequest, code: str) -> HttpResponse:
    unit = scope_units(request.user).filter(code=code).first()
    if unit is None:
        raise Http404("no such unit in your scope")
    form = UnitForm(form_data(request), user=request.user, instance=unit)
    if request.method == "POST" and form.is_valid():
        save_unit(request.user, form.save(commit=False), created=False, changed=form.changed_data)
        return redirect("people:units")
    status = 400 if form.errors else 200
    context = {"form": form, "unit": unit}
    return render(request, "people/unit_form.html", context, status=status)
