"""The framework editor: a draft's pages. Framework editors only (403 before any lookup for
others, 403 on a framework outside their grants); a framework without a draft: 404 here.

Every change is a POST that goes to the draft (never the published version), validated like an
import (editing.py); a refused change re-shows the page with the problems and changes nothing.
Publishing goes through a confirmation step stating the impact (docs/irreversible-actions.md).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from skillframe.authoring import drafts, editing, mapping
from skillframe.authoring.access import editor_required, ensure_editor
from skillframe.authoring.impact import element_impact, totals
from skillframe.authoring.publish import blockers, publish
from skillframe.frameworks.exchange import FormatError, ImportRefused
from skillframe.frameworks.formats import FORMAT_NAMES
from skillframe.frameworks.models import Element, Framework
from skillframe.frameworks.versions import diff_versions, draft_of
from skillframe.http import confirm_token, is_confirmed

PUBLISH = "framework.publish"
DISCARD = "framework.draft.discard"


def _framework(request: HttpRequest, slug: str) -> Framework:
    framework = get_object_or_404(Framework, slug=slug)
    ensure_editor(request.user, framework)
    return framework


def _draft(request: HttpRequest, slug: str) -> tuple[Framework, Framework]:
    framework = _framework(request, slug)
    draft = draft_of(framework)
    if draft is None:
        raise Http404(f"{framework.slug} has no draft: start one on its versions page")
    return framework, draft


def _back(framework: Framework, anchor: str = "") -> HttpResponse:
    return redirect(reverse("authoring:draft", args=[framework.slug]) + anchor)


def _refused(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


class ElementForm(forms.Form):
    title = forms.CharField(required=False, max_length=500)
    statement = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 4}))
    level = forms.IntegerField(required=False, min_value=1, max_value=1000)


class AddForm(forms.Form):
    parent = forms.CharField(required=False, max_length=128, help_text="empty: top level")
    code = forms.CharField(max_length=128)
    kind = forms.CharField(max_length=64, initial="skill")
    title = forms.CharField(required=False, max_length=500)
    statement = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    level = forms.IntegerField(required=False, min_value=1, max_value=1000)


class DetailsForm(forms.Form):
    title = forms.CharField(max_length=255)
    version = forms.CharField(required=False, max_length=64, label="Source version label")
    notes = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 3}), label="Release notes"
    )


class ScaleForm(forms.Form):
    number = forms.IntegerField(min_value=1, max_value=1000)
    name = forms.CharField(required=False, max_length=255)
    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))


@editor_required
def draft_page(request: HttpRequest, slug: str) -> HttpResponse:
    framework, draft = _draft(request, slug)
    context: dict[str, Any] = {
        "framework": framework,
        "draft": draft,
        "rows": drafts.outline(draft),
        "scale": list(draft.scale_levels.all()),
        # Prefixed: three forms on one page, so their fields' ids (and labels) stay distinct.
        "add_form": AddForm(prefix="add"),
        "details_form": DetailsForm(
            prefix="details",
            initial={"title": draft.title, "version": draft.version, "notes": draft.edition_notes},
        ),
        "scale_form": ScaleForm(prefix="scale"),
        "undecided": mapping.undecided(framework, draft),
        "diff_counts": diff_versions(framework, draft).counts(),
    }
    return render(request, "authoring/draft.html", context)


@editor_required
def element_page(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    framework, draft = _draft(request, slug)
    element = get_object_or_404(Element, framework=draft, code=code)
    form = ElementForm(
        request.POST or None,
        initial={"title": element.title, "statement": element.statement, "level": element.level},
    )
    if request.method == "POST" and form.is_valid():
        try:
            editing.edit_element(
                draft,
                code,
                title=form.cleaned_data["title"],
                statement=form.cleaned_data["statement"],
                level=form.cleaned_data["level"],
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, f"{code} saved in the draft.")
            return _back(framework, f"#el-{element.pk}")
    context = {"framework": framework, "draft": draft, "element": element, "form": form}
    return render(request, "authoring/element.html", context)


@editor_required
@require_POST
def add_element(request: HttpRequest, slug: str) -> HttpResponse:
    framework, draft = _draft(request, slug)
    form = AddForm(request.POST, prefix="add")
    if not form.is_valid():
        for field, errors in form.errors.items():
            messages.error(request, f"{field}: {' '.join(errors)}")
        return _back(framework)
    data = form.cleaned_data
    try:
        element = editing.add_element(
            draft,
            editing.ElementInput(
                data["code"], data["kind"], data["title"], data["statement"], data["level"]
            ),
            parent_code=data["parent"].strip() or None,
        )
    except ValidationError as exc:
        _refused(request, exc)
        return _back(framework)
    messages.success(request, f"{element.code} added to the draft.")
    return _back(framework, f"#el-{element.pk}")


@editor_required
@require_POST
def move_element(request: HttpRequest, slug: str) -> HttpResponse:
    """Up/down buttons (`up=CODE`, `down=CODE`, no JavaScript needed), or a drop / keyboard
    move from draft-editor.js (`code`, `parent`, `position`)."""
    framework, draft = _draft(request, slug)
    try:
        code, parent, position = _move_target(draft, request.POST)
        element = editing.move_element(draft, code, parent_code=parent, position=position)
    except ValidationError as exc:
        _refused(request, exc)
        if request.headers.get("X-Requested-With") == "fetch":
            return HttpResponse("; ".join(exc.messages), status=422)
        return _back(framework)
    if request.headers.get("X-Requested-With") == "fetch":
        return HttpResponse(status=204)
    return _back(framework, f"#el-{element.pk}")


def _move_target(draft: Framework, data: Any) -> tuple[str, str | None, int]:
    for direction, step in (("up", -1), ("down", 1)):
        code = data.get(direction)
        if code:
            element = (
                Element.objects.filter(framework=draft, code=code).select_related("parent").first()
            )
            if element is None:
                raise ValidationError({"code": f"the draft has no element {code!r}"})
            parent = element.parent.code if element.parent else None
            return code, parent, max(1, element.position + step)
    try:
        position = int(data.get("position", ""))
    except ValueError:
        raise ValidationError({"position": "give the new position as a number"}) from None
    return data.get("code", ""), data.get("parent") or None, position


@editor_required
@require_POST
def retire_element(request: HttpRequest, slug: str) -> HttpResponse:
    framework, draft = _draft(request, slug)
    code = request.POST.get("code", "")
    try:
        removed = editing.retire_element(draft, code)
    except ValidationError as exc:
        _refused(request, exc)
    else:
        messages.success(
            request,
            f"{code} retired from the draft ({removed} element(s)); published versions keep it.",
        )
    return _back(framework)


@editor_required
@require_POST
def scale_level(request: HttpRequest, slug: str) -> HttpResponse:
    framework, draft = _draft(request, slug)
    form = ScaleForm(request.POST, prefix="scale" if "scale-number" in request.POST else None)
    if not form.is_valid():
        for field, errors in form.errors.items():
            messages.error(request, f"{field}: {' '.join(errors)}")
        return _back(framework, "#scale")
    data = form.cleaned_data
    try:
        if request.POST.get("action") == "remove":
            editing.remove_scale_level(draft, data["number"])
        else:
            editing.set_scale_level(
                draft, data["number"], name=data["name"], description=data["description"]
            )
    except ValidationError as exc:
        _refused(request, exc)
    return _back(framework, "#scale")


@editor_required
@require_POST
def details(request: HttpRequest, slug: str) -> HttpResponse:
    framework, draft = _draft(request, slug)
    form = DetailsForm(request.POST, prefix="details")
    if form.is_valid():
        try:
            editing.edit_details(
                draft,
                title=form.cleaned_data["title"],
                version=form.cleaned_data["version"],
                notes=form.cleaned_data["notes"],
            )
        except ValidationError as exc:
            _refused(request, exc)
    else:
        messages.error(request, "give the draft a title")
    return _back(framework)


@editor_required
def mapping_page(request: HttpRequest, slug: str) -> HttpResponse:
    """Old → new elements: confirm or reject each suggestion, map a removed element to any
    draft element, or confirm every suggestion at once."""
    framework, draft = _draft(request, slug)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "confirm-all":
                n = mapping.confirm_all(framework, draft, request.user)
                messages.success(request, f"{n} suggestion(s) confirmed.")
            else:
                target = request.POST.get("new", "").strip() or None
                if request.POST.get("action") == "reject":
                    target = None
                mapping.decide(framework, draft, request.POST.get("old", ""), target, request.user)
        except ValidationError as exc:
            _refused(request, exc)
        return redirect(reverse("authoring:mapping", args=[framework.slug]))
    rows = mapping.mapping_rows(framework, draft)
    only = request.GET.get("show", "open")
    if only == "open":
        rows = [
            r
            for r in rows
            if r.status != "confirmed" or r.new is None or r.method != mapping.SAME_CODE
        ]
    context = {
        "framework": framework,
        "draft": draft,
        "rows": rows,
        "show": only,
        "undecided": mapping.undecided(framework, draft),
    }
    return render(request, "authoring/mapping.html", context)


@editor_required
def publish_page(request: HttpRequest, slug: str) -> HttpResponse:
    """The confirmation step: the diff's counts and, for every removed or changed element, what
    uses it; publishing only with this page's token."""
    framework, draft = _draft(request, slug)
    target = f"{framework.slug}:{draft.edition}"
    status = 200
    if request.method == "POST":
        if is_confirmed(request, PUBLISH, target):
            try:
                result = publish(framework, draft, request.user, request.POST.get("notes", ""))
            except ValidationError as exc:
                _refused(request, exc)
                status = 400
            else:
                messages.success(
                    request,
                    f"Version {result.edition} published: {result.ratings} rating(s) carried, "
                    f"{result.requirements} role requirement(s) and {result.objectives} plan "
                    "objective(s) moved.",
                )
                return redirect(reverse("authoring:versions", args=[framework.slug]))
        else:
            status = 400
    diff = diff_versions(framework, draft)
    mapped = {
        row.old.code: row.new.code
        for row in mapping.mapping_rows(framework, draft)
        if row.new is not None
    }
    items = element_impact(framework, diff, mapped)
    context = {
        "framework": framework,
        "draft": draft,
        "counts": diff.counts(),
        "items": items,
        "totals": totals(items),
        "blockers": blockers(framework, draft),
        "token": confirm_token(PUBLISH, target),
        "unconfirmed": request.method == "POST",
    }
    return render(request, "authoring/publish.html", context, status=status)


class ImportDraftForm(forms.Form):
    file = forms.FileField(label="Framework file (the newer edition)")
    format = forms.ChoiceField(choices=[(name, name) for name in FORMAT_NAMES], initial="case")


@editor_required
def import_page(request: HttpRequest, slug: str) -> HttpResponse:
    """A newer edition from a file becomes this framework's draft (checked like any import)."""
    framework = _framework(request, slug)
    form = ImportDraftForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            drafts.import_draft(
                form.cleaned_data["file"],
                form.cleaned_data["format"],
                request.user,
                slug=framework.slug,
            )
        except FormatError as exc:
            problems = [str(p) for p in exc.problems]
        except ImportRefused as exc:
            problems = [str(exc)]
        else:
            messages.success(request, "The file was loaded as the draft of the next version.")
            return _back(framework)
    context = {"framework": framework, "form": form, "problems": problems}
    return render(request, "authoring/import.html", context, status=400 if problems else 200)


@editor_required
def discard_page(request: HttpRequest, slug: str) -> HttpResponse:
    """Throw the draft away: a confirmation step stating what goes (its elements and mapping
    decisions); only its token discards, a bare POST answers the step (400)."""
    framework, draft = _draft(request, slug)
    target = f"{framework.slug}:{draft.edition}"
    status = 200
    if request.method == "POST":
        if is_confirmed(request, DISCARD, target):
            try:
                removed = drafts.discard_draft(framework, request.user)
            except ValidationError as exc:
                _refused(request, exc)
            else:
                messages.success(
                    request,
                    f"The draft of version {draft.edition} was discarded ({removed} element(s)); "
                    f"version {framework.edition} stays current.",
                )
            return redirect(reverse("authoring:versions", args=[framework.slug]))
        status = 400
    counts = drafts.discard_counts(framework)
    context = {
        "heading": f"Discard the draft of version {draft.edition} of {framework.title}?",
        "lead": "This cannot be undone: the draft and every change made in it are thrown away.",
        "consequences": [
            f"{counts['elements']} element(s) of the draft are deleted, with its scale and "
            "details.",
            f"{counts['decisions']} old → new mapping decision(s) are lost.",
            f"Version {framework.edition} stays the current version; published versions, "
            "ratings and role requirements do not change.",
        ],
        "action_url": reverse("authoring:discard", args=[framework.slug]),
        "token": confirm_token(DISCARD, target),
        "confirm_label": "Discard the draft",
        "cancel_url": reverse("authoring:draft", args=[framework.slug]),
        "cancel_label": "Keep the draft",
        "unconfirmed": request.method == "POST",
        "hidden": {},
    }
    return render(request, "confirm.html", context, status=status)
