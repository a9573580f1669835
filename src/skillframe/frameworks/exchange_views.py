"""Downloads of a framework in every format, and the import page for HR admins."""

from __future__ import annotations

import hashlib

from django import forms
from django.contrib.auth.decorators import login_required, permission_required
from django.core.files.uploadedfile import UploadedFile
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from skillframe.frameworks import exchange, versions
from skillframe.frameworks.access import catalogue_reader
from skillframe.frameworks.formats import FORMAT_NAMES
from skillframe.frameworks.models import Framework
from skillframe.http import confirm_token, is_confirmed

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
    # An older version by its permalink (`?version=N`), exported as it was published.
    framework = versions.requested_version(request, framework)
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


REPLACE = "framework.replace"


def _digest(upload: UploadedFile[bytes]) -> str:
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


@login_required
@permission_required("frameworks.add_framework", raise_exception=True)
def import_page(request: HttpRequest) -> HttpResponse:
    """Check and import a framework file. Replacing an existing framework is a confirmation
    step first (issue 11): a dry run states how many elements would be created, kept and
    deleted, and only a POST of the same file with the step's signed token (bound to the slug,
    the format and the file's SHA-256) replaces. docs/irreversible-actions.md."""
    context: dict[str, object] = {}
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        format_name = form.cleaned_data["format"]
        slug = form.cleaned_data["slug"] or None
        try:
            if form.cleaned_data["replace"]:
                digest = _digest(upload)
                plan = exchange.plan_import(upload, format_name, slug=slug)
                upload.seek(0)
                target = f"{plan.slug}:{format_name}:{digest}"
                if plan.exists and not is_confirmed(request, REPLACE, target):
                    context["plan"] = plan
                    context["token"] = confirm_token(REPLACE, target)
                    context["unconfirmed"] = bool(request.POST.get("confirm"))
                    context["form"] = form
                    return render(request, "frameworks/import.html", context)
            result = exchange.import_file(
                upload,
                format_name,
                slug=slug,
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
