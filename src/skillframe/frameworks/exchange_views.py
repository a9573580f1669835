"""Downloads of a framework in every format, and the import page for HR admins."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from skillframe.frameworks import exchange
from skillframe.frameworks.access import catalogue_reader
from skillframe.frameworks.formats import FORMAT_NAMES
from skillframe.frameworks.models import Framework

FORMAT_LABELS = {
    "case": "CASE 1.1 package (JSON)",
    "json": "Skillframe JSON (lossless)",
    "csv": "CSV authoring template",
    "xlsx": "Excel authoring template",
    "moodle": "Moodle competency framework CSV",
}


@catalogue_reader
def download(request: HttpRequest, slug: str, format_name: str) -> HttpResponse:
    framework = get_object_or_404(Framework, slug=slug)
    if format_name not in FORMAT_NAMES:
        raise Http404(f"unknown format {format_name!r}")
    result = exchange.export(framework, format_name)
    response = HttpResponse(result.content, content_type=result.media_type)
    response["Content-Disposition"] = f'attachment; filename="{result.filename}"'
    return response


class ImportForm(forms.Form):
    file = forms.FileField(label="Framework file")
    format = forms.ChoiceField(choices=[(name, FORMAT_LABELS[name]) for name in FORMAT_NAMES])
    slug = forms.SlugField(
        required=False,
        max_length=64,
        help_text="Short name of the new framework (lowercase, digits, hyphens). "
        "Leave empty to take it from the file.",
    )
    replace = forms.BooleanField(
        required=False, label="Replace the existing framework with this slug"
    )


@login_required
@permission_required("frameworks.add_framework", raise_exception=True)
def import_page(request: HttpRequest) -> HttpResponse:
    context: dict[str, object] = {}
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            result = exchange.import_file(
                form.cleaned_data["file"],
                form.cleaned_data["format"],
                slug=form.cleaned_data["slug"] or None,
                replace_existing=form.cleaned_data["replace"],
                actor=request.user,
            )
        except exchange.FormatError as exc:
            context["problems"] = exc.reported
            context["problem_count"] = len(exc.problems)
        except exchange.ImportRefused as exc:
            context["refused"] = str(exc)
        else:
            context["result"] = result
            form = ImportForm()
    context["form"] = form
    status = 400 if "problems" in context or "refused" in context else 200
    return render(request, "frameworks/import.html", context, status=status)
