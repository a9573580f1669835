"""HR page to import organisation goals from a CSV or XLSX file (domain: goals_import.py)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from skillframe.frameworks.formats.base import FormatError
from skillframe.people import goals_import
from skillframe.people.access import is_hr_admin


class GoalsImportForm(forms.Form):
    file = forms.FileField(
        label="Organisation goals file (CSV or XLSX)",
        help_text="Columns: goal title, goal description, starts on, ends on, element code, "
        "framework, weight. See the format below.",
    )


@login_required
def goals_import_page(request: HttpRequest) -> HttpResponse:
    if not is_hr_admin(request.user):
        raise PermissionDenied("only HR admins may import organisation goals")
    form = GoalsImportForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {"form": form}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            context["result"] = goals_import.import_goals(
                upload, actor=request.user, source=upload.name
            )
        except FormatError as exc:
            context["problems"] = exc.problems
        else:
            context["form"] = GoalsImportForm()
    status = 400 if request.method == "POST" and "result" not in context else 200
    return render(request, "people/goals_import.html", context, status=status)
