"""Role design from a job advert: the advert's suggestions become draft requirements.

HR pastes an advert on /roles/<code>/draft/; AXELOS skills come with the likely level as the
target, NOS standards as "competent". Nothing is saved until HR ticks suggestions and adds them;
each is then checked by the requirement's own rules and saved through the people domain
(position, the role's updated_at, the audit event), all or nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from skillframe.frameworks.models import Element
from skillframe.matching import service
from skillframe.people import roles
from skillframe.people.access import hr_required
from skillframe.people.models import Importance, RoleProfile, RoleRequirement


@dataclass(frozen=True)
class Draft:
    suggestion: dict[str, Any]
    key: str  # "framework:code", the checkbox value
    levels: list[int]  # the levels the skill defines (empty for a standard)
    required: bool  # the role already requires it


def _drafts(role: RoleProfile, suggestions: list[dict[str, Any]]) -> list[Draft]:
    keys = [(s["framework"], s["code"]) for s in suggestions]
    elements = {
        (e.framework.slug, e.code): e
        for e in Element.objects.filter(code__in=[c for _, c in keys]).select_related("framework")
    }
    defined = Element.objects.defined_levels([e.pk for e in elements.values()])
    required = set(role.requirements.values_list("element_id", flat=True))
    out = []
    for s in suggestions:
        element = elements.get((s["framework"], s["code"]))
        if element is None:
            continue
        out.append(
            Draft(
                s,
                f"{s['framework']}:{s['code']}",
                sorted(defined.get(element.pk, ())),
                element.pk in required,
            )
        )
    return out


@hr_required
def draft_page(request: HttpRequest, code: str) -> HttpResponse:
    role = get_object_or_404(RoleProfile, code=code)
    context: dict[str, Any] = {"role": role, "text": "", "importances": Importance.choices}
    if request.method == "POST" and request.POST.get("action") == "add":
        return _add(request, role, context)
    if request.method == "POST":
        text = request.POST.get("text", "")
        context["text"] = text
        try:
            body = service.suggest(text, limit=8)
        except ValidationError as error:
            context["errors"] = error.message_dict
            return render(request, "matching/role_draft.html", context, status=422)
        context["drafts"] = _drafts(role, body["suggestions"])
    return render(request, "matching/role_draft.html", context)


def _add(request: HttpRequest, role: RoleProfile, context: dict[str, Any]) -> HttpResponse:
    picked = request.POST.getlist("pick")
    if not picked:
        messages.error(request, "Tick at least one suggestion to add.")
        return redirect("matching:role_draft", role.code)
    problems: list[str] = []
    added: list[str] = []
    try:
        with transaction.atomic():
            for key in picked:
                framework, _, code = key.partition(":")
                try:
                    element = Element.objects.find(code, framework=framework)
                    level = request.POST.get(f"level-{key}") or None
                    requirement = RoleRequirement(
                        role=role,
                        element=element,
                        target_level=int(level) if level else None,
                        importance=request.POST.get(f"importance-{key}") or Importance.ESSENTIAL,
                    )
                    requirement.clean()
                except (ValidationError, ValueError) as error:
                    detail = "; ".join(getattr(error, "messages", [str(error)]))
                    problems.append(f"{code}: {detail}")
                    continue
                roles.save_requirement(request.user, requirement, created=True)
                added.append(code)
            if problems:
                raise ValidationError(problems)
    except ValidationError:
        messages.error(request, "Nothing added: " + " · ".join(problems))
        return redirect("matching:role_draft", role.code)
    messages.success(request, f"Added to {role.title}: {', '.join(added)}.")
    return redirect("people:role", role.code)
