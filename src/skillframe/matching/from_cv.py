"""Self-assessment start from a CV: suggested skills and standards to add as steps.

The person pastes or uploads their CV on /assessments/<pk>/from-cv/ (their own draft only, 404
for anyone else's); suggestions they may add are offered with the wizard's own "add this step"
form (assessments:add_element), so adding follows the wizard's rules; those their role already
requires are marked as steps they have.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from skillframe.assessments import wizard
from skillframe.assessments.access import get_own_assessment
from skillframe.frameworks.models import Element
from skillframe.matching import service
from skillframe.matching.uploads import text_from_upload
from skillframe.people.models import RoleRequirement


@login_required
def from_cv(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = get_own_assessment(request.user, pk)
    context: dict[str, Any] = {
        "assessment": assessment,
        "editable": wizard.is_editable(assessment),
        "text": "",
    }
    if request.method == "POST":
        text = request.POST.get("text", "")
        try:
            upload = request.FILES.get("file")
            if upload is not None:
                text = text_from_upload(upload.name or "upload", upload.read())
            context["text"] = text
            body = service.suggest(text, limit=10)
        except ValidationError as error:
            context["errors"] = error.message_dict
            return render(request, "matching/from_cv.html", context, status=422)
        context["rows"] = _rows(assessment, body["suggestions"])
    return render(request, "matching/from_cv.html", context)


def _rows(assessment: Any, suggestions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    addable = {
        (e.framework.slug, e.code): e
        for e in wizard.addable_elements(assessment).filter(
            code__in=[s["code"] for s in suggestions]
        )
    }
    required = set(
        RoleRequirement.objects.filter(role_id=assessment.role_id).values_list(
            "element__framework__slug", "element__code"
        )
    )
    rows = []
    for s in suggestions:
        key = (s["framework"], s["code"])
        element: Element | None = addable.get(key)
        rows.append({"s": s, "element": element, "required": key in required})
    return rows
