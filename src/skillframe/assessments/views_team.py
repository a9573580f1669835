"""The team grid for line managers (see team.py for the rules and the form field names).

GET shows the grid for a role (`?role=<code>`, default: the most common current role of the
direct reports). Ratings are permanent, so nothing is written by changing a cell: a POST of the
whole form first shows the grid with a summary of the pending changes (checked, nothing written),
and only `action=save` (the "Save N changes" button, which team-grid.js also offers beside its
own summary) records every changed cell, all or nothing. `team_cell` records one cell for a
script that posts it deliberately; the page itself never posts a cell on change.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_POST

from skillframe.assessments import team

TEMPLATE = "assessments/team.html"


@login_required
def team_grid(request: HttpRequest) -> HttpResponse:
    role_code = request.POST.get("role") or request.GET.get("role") or None
    try:
        grid = team.build_grid(request.user, role_code)
    except team.NotInTeam as missing:
        raise Http404(str(missing)) from missing
    failed = 0
    pending: list[team.Cell] = []
    if request.method == "POST":
        commit = request.POST.get("action") == "save"
        changed = team.save_grid(request.user, grid, request.POST, commit=commit)
        failed = sum(1 for cell in grid.cells() if cell.errors)
        if commit and not failed:
            query = urlencode({"role": grid.role.code if grid.role else "", "saved": len(changed)})
            return redirect(f"{reverse('assessments:team')}?{query}")
        pending = changed
    saved_count = request.GET.get("saved", "")
    context = {
        "grid": grid,
        "role_code": grid.role.code if grid.role else "",
        "today": timezone.localdate(),
        "failed": failed,
        "pending": pending,
        "reviewing": request.method == "POST",
        "saved": int(saved_count) if saved_count.isdigit() else None,
    }
    return render(request, TEMPLATE, context)


@login_required
@require_POST
def team_cell(request: HttpRequest, role: str, person: int, element: int) -> HttpResponse:
    try:
        cell = team.cell_for(request.user, role, person, element)
    except team.NotInTeam as missing:
        raise Http404(str(missing)) from missing
    team.save_cell(request.user, cell, request.POST)
    context = {"cell": cell, "role_code": role, "today": timezone.localdate()}
    if request.htmx:
        return render(request, f"{TEMPLATE}#cell", context)
    # Without HTMX (a script posting one cell): back to the grid, the cell's error if any.
    if cell.errors:
        return render(request, f"{TEMPLATE}#cell", context, status=400)
    return redirect(f"{reverse('assessments:team')}?{urlencode({'role': role})}")
