"""The learner's evidence pages, the evidence detail and the access-checked file download.

Everything is fetched through evidence/access.py; a piece of evidence the user may not read is
a 404, one they read but may not change a 403.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from skillframe.evidence import downloads, records
from skillframe.evidence.access import (
    get_evidence_for,
    get_file_for,
    get_own_evidence,
    own_person,
    visible_evidence,
)
from skillframe.evidence.forms import EvidenceForm, split_codes
from skillframe.evidence.models import Assignment, EvidenceKind, SignOff
from skillframe.evidence.portfolio import standards_of
from skillframe.http import confirm_token, is_confirmed

ACTION_DELETE = "evidence.delete"


def form_errors(form: EvidenceForm, error: ValidationError) -> None:
    """Put a domain ValidationError on the form's fields (or the form when not one of them)."""
    if hasattr(error, "error_dict"):
        for name, problems in error.error_dict.items():
            target = name if name in form.fields else None
            if name == "file":
                target = "attachments"
            for problem in problems:
                form.add_error(target, problem)
    else:
        form.add_error(None, error)


@login_required
def my_evidence(request: HttpRequest) -> HttpResponse:
    person = own_person(request.user)
    rows = (
        visible_evidence(request.user)
        .filter(owner=person)
        .prefetch_related("links__element", "files")
        .annotate(used=models.Count("judgements", distinct=True))
    )
    sign_offs = {s.standard_id: s for s in SignOff.objects.filter(learner=person)}
    standards = [(unit, sign_offs.get(unit.pk)) for unit in standards_of(request.user, person)]
    assignments = Assignment.objects.filter(learner=person).select_related(
        "assessor__user", "standard"
    )
    context = {
        "person": person,
        "evidence": list(rows),
        "standards": standards,
        "assignments": list(assignments),
    }
    return render(request, "evidence/mine.html", context)


@login_required
def create(request: HttpRequest) -> HttpResponse:
    person = own_person(request.user)
    initial = {"elements": request.GET.get("elements", "")}
    form = EvidenceForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            evidence = records.create_evidence(request.user, person, form.to_input())
        except ValidationError as error:
            form_errors(form, error)
        else:
            messages.success(request, f"Added “{evidence.title}”.")
            return redirect("evidence:detail", pk=evidence.pk)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "kinds": EvidenceKind.choices}
    return render(request, "evidence/form.html", context, status=status)


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    evidence = get_evidence_for(request.user, pk)
    context = {
        "evidence": evidence,
        "links": list(evidence.links.select_related("element__framework")),
        "files": list(evidence.files.all()),
        "own": evidence.owner.user_id == request.user.pk,
        "codes": " ".join(evidence.links.values_list("element__code", flat=True)),
    }
    return render(request, "evidence/detail.html", context)


@login_required
@require_POST
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The owner maps the evidence, adds files or shares it with their manager."""
    evidence = get_own_evidence(request.user, pk)
    try:
        if "elements" in request.POST:
            records.set_mapping(request.user, evidence, split_codes(request.POST["elements"]))
        files = request.FILES.getlist("files")
        if files:
            records.add_files(request.user, evidence, [(f.name, f.read()) for f in files])
        if "share" in request.POST:
            shared = request.POST.get("shared_with_manager") == "on"
            records.set_shared(request.user, evidence, shared)
    except ValidationError as error:
        for problems in error.message_dict.values():
            for problem in problems:
                messages.error(request, problem)
        return redirect("evidence:detail", pk=evidence.pk)
    messages.success(request, "Saved.")
    return redirect("evidence:detail", pk=evidence.pk)


@login_required
def delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirmation step, then delete (or hide, when a decision relied on it)."""
    evidence = get_own_evidence(request.user, pk)
    target = str(evidence.pk)
    if request.method == "POST" and is_confirmed(request, ACTION_DELETE, target):
        hidden = records.delete_evidence(request.user, evidence)
        messages.success(
            request,
            f"“{evidence.title}” is hidden: an assessment relied on it, so its record is kept."
            if hidden
            else f"“{evidence.title}” is deleted.",
        )
        return redirect("evidence:mine")
    kept = records.relied_on(evidence)
    context = {
        "heading": f"Delete “{evidence.title}”?",
        "lead": (
            "An assessment relied on this evidence: it will be hidden from you and everyone "
            "else, and kept (with who deleted it and when) for the record of that decision."
            if kept
            else "It will be deleted with its files and its mapping. This cannot be undone."
        ),
        "consequences": [
            f"{evidence.files.count()} file(s), mapped to {evidence.links.count()} element(s)"
        ],
        "action_url": reverse("evidence:delete", args=[evidence.pk]),
        "token": confirm_token(ACTION_DELETE, target),
        "confirm_label": "Delete the evidence",
        "cancel_url": reverse("evidence:detail", args=[evidence.pk]),
        "cancel_label": "Keep it",
        "unconfirmed": request.method == "POST",
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "confirm.html", context, status=status)


@login_required
def download(request: HttpRequest, pk: int, file_pk: int) -> HttpResponse:
    """The file's bytes, only to those who may read the evidence; always an attachment."""
    return downloads.file_response(get_file_for(request.user, pk, file_pk))
