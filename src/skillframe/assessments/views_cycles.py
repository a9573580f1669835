"""HR's assessment cycles: the list, opening one, its progress per unit, closing it.

Only HR admins may use these pages (`people.access.hr_required`); anyone else signed in gets 403,
like every HR page: the pages exist for every HR admin, so the refusal tells nothing. Progress
counts only people HR administers.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from skillframe.assessments import cycles
from skillframe.assessments.forms_cycles import CycleForm
from skillframe.assessments.models import Cycle
from skillframe.people.access import hr_required


@hr_required
def cycle_list(request: HttpRequest) -> HttpResponse:
    rows = Cycle.objects.prefetch_related("units", "roles").order_by("-starts_on", "name")
    return render(request, "assessments/cycles.html", {"cycles": rows})


@hr_required
def cycle_create(request: HttpRequest) -> HttpResponse:
    form = CycleForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        cycle = cycles.open_cycle(
            request.user,
            name=data["name"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            units=data["units"],
            roles=data["roles"],
        )
        return redirect("assessments:cycle", pk=cycle.pk)
    status = 400 if form.is_bound else 200
    return render(request, "assessments/cycle_form.html", {"form": form}, status=status)


@hr_required
def cycle_detail(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = get_object_or_404(Cycle.objects.prefetch_related("units", "roles"), pk=pk)
    context = {"cycle": cycle, "progress": cycles.progress(cycle, request.user)}
    return render(request, "assessments/cycle.html", context)


@hr_required
@require_POST
def cycle_close(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = get_object_or_404(Cycle, pk=pk)
    cycles.close_cycle(request.user, cycle)
    return redirect("assessments:cycle", pk=cycle.pk)
