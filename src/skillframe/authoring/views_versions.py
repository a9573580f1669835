"""Reading versions: the list of a framework's versions, the diff between any two, tailoring.

Versions and diffs of published versions follow the catalogue's rule (anyone who may read the
catalogue); the draft appears only to those who may author the framework.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from skillframe.authoring import drafts
from skillframe.authoring.access import (
    can_edit,
    editor_required,
    ensure_editor,
    readable_version,
)
from skillframe.frameworks.access import catalogue_reader
from skillframe.frameworks.diff import FrameworkDiff
from skillframe.frameworks.models import Framework
from skillframe.frameworks.versions import (
    diff_versions,
    draft_of,
    published_versions,
)


@catalogue_reader
def versions_page(request: HttpRequest, slug: str) -> HttpResponse:
    framework = get_object_or_404(Framework, slug=slug)
    editor = can_edit(request.user, framework)
    versions = published_versions(framework)
    upstream = None
    if framework.derived_from_id is not None:
        base = framework.derived_from
        assert base is not None
        upstream = {
            "framework": base,
            "from": framework.derived_from_edition,
            "to": base.edition,
            "newer": (framework.derived_from_edition or 0) < base.edition,
        }
    context = {
        "framework": framework,
        "versions": versions,
        "draft": draft_of(framework) if editor else None,
        "editor": editor,
        "upstream": upstream,
    }
    return render(request, "authoring/versions.html", context)


@catalogue_reader
def diff_page(request: HttpRequest, slug: str) -> HttpResponse:
    """`?from=1&to=2` (either may be "draft" for its authors); default: the previous version
    against the current one. `?upstream=1` on a tailored framework: what its publisher
    changed since it was derived."""
    framework = get_object_or_404(Framework, slug=slug)
    subject = framework
    if request.GET.get("upstream") and framework.derived_from is not None:
        subject = framework.derived_from
        default_from, default_to = str(framework.derived_from_edition or 1), str(subject.edition)
    else:
        default_from, default_to = str(max(1, framework.edition - 1)), str(framework.edition)
    old = readable_version(request.user, subject, request.GET.get("from") or default_from)
    new = readable_version(request.user, subject, request.GET.get("to") or default_to)
    diff: FrameworkDiff = diff_versions(old, new)
    context = {
        "framework": framework,
        "subject": subject,
        "old": old,
        "new": new,
        "diff": diff,
        "counts": diff.counts(),
        "choices": [str(v.edition) for v in published_versions(subject)],
    }
    return render(request, "authoring/diff.html", context)


class TailorForm(forms.Form):
    slug = forms.SlugField(max_length=60, help_text="your framework's own slug, e.g. acme-axelos")
    title = forms.CharField(max_length=255)


@editor_required
def tailor_page(request: HttpRequest, slug: str) -> HttpResponse:
    upstream = get_object_or_404(Framework, slug=slug)
    form = TailorForm(request.POST or None, initial={"title": f"{upstream.title} (our edition)"})
    if request.method == "POST" and form.is_valid():
        try:
            tailored = drafts.derive(
                upstream, form.cleaned_data["slug"], form.cleaned_data["title"], request.user
            )
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, messages)
        else:
            return redirect("authoring:versions", slug=tailored.slug)
    return render(request, "authoring/tailor.html", {"framework": upstream, "form": form})


@editor_required
@require_POST
def start_draft(request: HttpRequest, slug: str) -> HttpResponse:
    framework = get_object_or_404(Framework, slug=slug)
    ensure_editor(request.user, framework)
    if draft_of(framework) is None:
        drafts.start_draft(framework, request.user)
    return redirect(reverse("authoring:draft", args=[framework.slug]))
