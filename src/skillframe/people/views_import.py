"""The HR upload page for people files: check everything, then import all or nothing."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from skillframe.people.access import hr_required
from skillframe.people.forms import PeopleImportForm
from skillframe.people.hr_views import form_data, form_files
from skillframe.people.people_import import FormatError, import_people


@hr_required
def people_import(request: HttpRequest) -> HttpResponse:
    form = PeopleImportForm(form_data(request), form_files(request))
    context: dict[str, object] = {}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        dry_run = form.cleaned_data["dry_run"]
        try:
            summary = import_people(
                upload,
                actor=request.user,
                scope_user=request.user,  # rows outside the admin's HR scope are errors
                source=f"upload {upload.name}",
                dry_run=dry_run,
            )
        except FormatError as exc:
            context["problems"] = exc.problems
        else:
            context["summary"] = summary
            context["dry_run"] = dry_run
    context["form"] = form
    if request.htmx:
        # htmx does not swap 4xx answers by default: the fragment carries the problems itself.
        return render(request, "people/import.html#outcome", context)
    status = 400 if "problems" in context or form.errors else 200
    return render(request, "people/import.html", context, status=status)
