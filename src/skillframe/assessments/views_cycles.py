"""HR's assessment cycles: the list, opening one, its progress per unit, closing and reopening it.

Only HR admins may use these pages (`people.access.hr_required`); anyone else signed in gets 403,
like every HR page: the pages exist for every HR admin, so the refusal tells nothing. Progress
counts only people HR administers.

Closing is irreversible for the people in the cycle (their self-assessments and reviews freeze),
so it takes a confirmation step that states the consequence (GET `cycle_close`); the POST acts
only with that page's token (skillframe.http.is_confirmed), and HR can reopen a closed cycle.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from skillframe.assessments import cycles
from skillframe.assessments.forms_cycles import CycleForm, ReopenForm
from skillframe.assessments.models import Cycle
from skillframe.http import confirm_token, is_confirmed
from skillframe.people.access import hr_required

CLOSE = "cycle.close"


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


def _detail_page(
    request: HttpRequest, cycle: Cycle, *, reopen_form: ReopenForm | None = None, status: int = 200
) -> HttpResponse:
    today = timezone.localdate()
    context = {
        "cycle": cycle,
        "progress": cycles.rollup(cycle, request.user, request.GET.get("unit", "").strip()),
        "reopen_form": reopen_form or ReopenForm(cycle=cycle, today=today),
        "closed": request.GET.get("closed") == "1",
        "reopened": request.GET.get("reopened") == "1",
    }
    return render(request, "assessments/cycle.html", context, status=status)


@hr_required
def cycle_detail(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = get_object_or_404(Cycle.objects.prefetch_related("units", "roles"), pk=pk)
    return _detail_page(request, cycle)


@hr_required
def cycle_close(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the confirmation step, stating what closing freezes. POST: close, only with the
    confirmation's token; without it nothing changes and the confirmation is shown (400)."""
    cycle = get_object_or_404(Cycle, pk=pk)
    if cycle.status == Cycle.Status.CLOSED:
        return redirect("assessments:cycle", pk=cycle.pk)
    consequences = cycles.close_consequences(cycle, request.user, timezone.localdate())
    target = f"cycle:{cycle.pk}"
    if request.method == "POST" and is_confirmed(request, CLOSE, target):
        cycles.close_cycle(request.user, cycle, consequences)
        return redirect(f"{cycle_url(cycle)}?closed=1")
    context = {
        "cycle": cycle,
        "consequences": consequences,
        "token": confirm_token(CLOSE, target),
        "unconfirmed": request.method == "POST",
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "assessments/cycle_close.html", context, status=status)


@hr_required
@require_POST
def cycle_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    """Reopen a closed cycle until the date given (the way back from closing), audited."""
    cycle = get_object_or_404(Cycle.objects.prefetch_related("units", "roles"), pk=pk)
    form = ReopenForm(request.POST, cycle=cycle, today=timezone.localdate())
    if cycle.status != Cycle.Status.CLOSED:
        return redirect("assessments:cycle", pk=cycle.pk)
    if not form.is_valid():
        return _detail_page(request, cycle, reopen_form=form, status=400)
    cycles.reopen_cycle(request.user, cycle, form.cleaned_data["ends_on"])
    return redirect(f"{cycle_url(cycle)}?reopened=1")


def cycle_url(cycle: Cycle) -> str:
    return reverse("assessments:cycle", args=[cycle.pk])
