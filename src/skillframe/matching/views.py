"""Web pages: the standalone suggestion page, feedback, its export, and the crosswalk review."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from skillframe.frameworks.associations import AssociationStatus
from skillframe.frameworks.models import Framework
from skillframe.matching import crosswalk, feedback, service
from skillframe.matching.uploads import text_from_upload
from skillframe.people.access import hr_required, is_hr_admin


def highlighted(text: str, suggestions: list[dict[str, Any]]) -> list[tuple[str, bool]]:
    """The input cut into (piece, supports a suggestion) runs, for <mark> on the page."""
    marked = [False] * len(text)
    for suggestion in suggestions:
        for span in suggestion["spans"]:
            marked[span["start"] : span["end"]] = [True] * (span["end"] - span["start"])
    pieces: list[tuple[str, bool]] = []
    start = 0
    for index in range(1, len(text) + 1):
        if index == len(text) or marked[index] != marked[start]:
            pieces.append((text[start:index], marked[start]))
            start = index
    return pieces


@login_required
def suggest_page(request: HttpRequest) -> HttpResponse:
    context: dict[str, Any] = {
        "frameworks": Framework.objects.order_by("title"),
        "text": "",
        "framework": "",
        "items": False,
        "user_is_hr": is_hr_admin(request.user),
    }
    if request.method == "POST":
        text = request.POST.get("text", "")
        framework = request.POST.get("framework") or None
        items = request.POST.get("items") == "on"
        context |= {"text": text, "framework": framework or "", "items": items}
        try:
            upload = request.FILES.get("file")
            if upload is not None:
                text = text_from_upload(upload.name or "upload", upload.read())
                context["text"] = text
            body = service.suggest(text, framework, limit=10, items=items)
            context |= {
                "suggestions": body["suggestions"],
                "pieces": highlighted(text, body["suggestions"]),
            }
        except ValidationError as error:
            context["errors"] = (
                error.message_dict if hasattr(error, "message_dict") else {"text": error.messages}
            )
            return render(request, "matching/suggest.html", context, status=422)
    return render(request, "matching/suggest.html", context)


@login_required
@require_POST
def give_feedback(request: HttpRequest) -> HttpResponse:
    data = request.POST
    try:
        feedback.record(
            request.user,
            data.get("text", ""),
            data.get("framework", ""),
            data.get("code", ""),
            data.get("decision", ""),
            _float(data.get("score")),
            _int(data.get("rank")),
        )
    except ValidationError as error:
        if request.htmx:  # type: ignore[attr-defined]
            return HttpResponse(" ".join(error.messages), status=422)
        messages.error(request, "Feedback not recorded: " + " ".join(error.messages))
        return redirect("matching:suggest")
    word = "Accepted" if data.get("decision") == "accepted" else "Rejected"
    if request.htmx:  # type: ignore[attr-defined]
        return HttpResponse(f'<span class="feedback-done">{word}: thank you</span>')
    messages.success(request, f"{word} {data.get('code')}: thank you, recorded as training data.")
    return redirect("matching:suggest")


@hr_required
def export_feedback(request: HttpRequest) -> HttpResponse:
    lines = "".join(
        json.dumps(row, cls=DjangoJSONEncoder, ensure_ascii=False) + "\n"
        for row in feedback.training_rows()
    )
    response = HttpResponse(lines, content_type="application/x-ndjson; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="suggestion-feedback.jsonl"'
    return response


@hr_required
def crosswalk_page(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", AssociationStatus.SUGGESTED)
    if status not in (s.value for s in AssociationStatus):
        status = AssociationStatus.SUGGESTED
    links = crosswalk.crosswalk_links().filter(status=status).order_by("-score", "pk")
    context = {
        "links": links,
        "status": status,
        "statuses": [
            AssociationStatus.SUGGESTED,
            AssociationStatus.CONFIRMED,
            AssociationStatus.REJECTED,
        ],
        "kinds": crosswalk.CROSSWALK_KINDS,
        "threshold": crosswalk.THRESHOLD,
    }
    return render(request, "matching/crosswalk.html", context)


@hr_required
@require_POST
def crosswalk_decide(request: HttpRequest, link_uuid: str) -> HttpResponse:
    link = get_object_or_404(crosswalk.crosswalk_links(), uuid=link_uuid)
    back = request.POST.get("status") or AssociationStatus.SUGGESTED
    try:
        crosswalk.decide(
            link,
            request.POST.get("decision", ""),
            request.user,
            request.POST.get("kind") or None,
            request.POST.get("note"),
        )
    except ValidationError as error:
        messages.error(
            request, f"{link.origin.code} → {link.destination.code}: " + " ".join(error.messages)
        )
    else:
        messages.success(
            request,
            f"{link.origin.code} → {link.destination.code}: {link.get_status_display().lower()}.",
        )
    if back not in AssociationStatus.values:
        back = AssociationStatus.SUGGESTED
    return redirect(f"{reverse('matching:crosswalk')}?status={back}")


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value else None
    except ValueError:
        return None


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None
