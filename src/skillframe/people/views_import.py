"""The HR upload pages for people, role profiles and organisation goals files.

One page for all three (`import_page`, template people/import_page.html): upload a file, check
every row, then import all or nothing; "only check" changes nothing and says what an import
would do; every problem is listed with its row, column and value. An htmx request gets the
outcome fragment only. The imports themselves are the domain's (people_import, roles_import,
goals_import); a page only names what differs: labels, texts and how to run its import.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from skillframe.importing import spreadsheets
from skillframe.importing.problems import FormatError
from skillframe.people import goals_import, people_files, roles_import
from skillframe.people.access import hr_required
from skillframe.people.hr_views import form_data, form_files
from skillframe.people.people_import import import_people

TEMPLATE = "people/import_page.html"

# (request, uploaded file, only check) → what the page's summary shows; raises FormatError.
Runner = Callable[[HttpRequest, UploadedFile, bool], Any]


class ImportFileForm(forms.Form):
    file = forms.FileField()
    dry_run = forms.BooleanField(label="Only check the file (change nothing)", required=False)

    def __init__(self, *args: Any, label: str, help_text: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].label = label
        self.fields["file"].help_text = help_text


@dataclass(frozen=True)
class ImportPage:
    """What one import page says and does; `parts` is a template with the partials `intro`,
    `summary` (the outcome, given `result` and `dry_run`) and `format` (the columns)."""

    what: str  # "Role profiles": the page is "Import role profiles"
    url: str  # this page's URL name
    parent_url: str  # the list it imports into, for the breadcrumb
    columns: tuple[str, ...]
    parts: str
    run: Runner

    @property
    def title(self) -> str:
        return f"Import {self.what.lower()}"

    def form(self, *args: Any) -> ImportFileForm:
        columns = ", ".join(column.replace("_", " ") for column in self.columns)
        return ImportFileForm(
            *args,
            label=f"{self.what} file (CSV or XLSX)",
            help_text=f"Columns: {columns}. See the format below.",
        )


def import_page(request: HttpRequest, page: ImportPage) -> HttpResponse:
    bound = page.form(form_data(request), form_files(request))
    context: dict[str, Any] = {"page": page, "form": bound, "limits": spreadsheets.DEFAULT_LIMITS}
    if request.method == "POST" and bound.is_valid():
        upload = bound.cleaned_data["file"]
        dry_run = bound.cleaned_data["dry_run"]
        try:
            context["result"] = page.run(request, upload, dry_run)
        except FormatError as exc:
            context["problems"] = exc.reported
            context["problem_count"] = len(exc.problems)
        else:
            context["dry_run"] = dry_run
            context["form"] = page.form()  # ready for the next file
    if request.htmx:
        # htmx does not swap 4xx answers by default: the fragment carries the problems itself.
        return render(request, f"{TEMPLATE}#outcome", context)
    status = 400 if "problems" in context or bound.errors else 200
    return render(request, TEMPLATE, context, status=status)


def _records(importer: Callable[..., Any]) -> Runner:
    """Run an import of whole records (role profiles, goals) for the signed-in HR admin."""
    return lambda request, upload, dry_run: importer(
        upload, actor=request.user, source=upload.name, dry_run=dry_run
    )


PEOPLE = ImportPage(
    what="People",
    url="people:import",
    parent_url="people:list",
    columns=people_files.COLUMNS,
    parts="people/import_people_parts.html",
    run=lambda request, upload, dry_run: import_people(
        upload,
        actor=request.user,
        scope_user=request.user,  # rows outside the admin's HR scope are errors
        source=f"upload {upload.name}",
        dry_run=dry_run,
    ),
)
ROLES = ImportPage(
    "Role profiles",
    "people:roles_import",
    "people:roles",
    roles_import.COLUMNS,
    "people/import_roles_parts.html",
    _records(roles_import.import_roles),
)
GOALS = ImportPage(
    "Organisation goals",
    "people:goals_import",
    "people:goals",
    goals_import.COLUMNS,
    "people/import_goals_parts.html",
    _records(goals_import.import_goals),
)


@hr_required
def people_import(request: HttpRequest) -> HttpResponse:
    return import_page(request, PEOPLE)


@hr_required
def roles_import_page(request: HttpRequest) -> HttpResponse:
    return import_page(request, ROLES)


@hr_required
def goals_import_page(request: HttpRequest) -> HttpResponse:
    return import_page(request, GOALS)
