"""Role profile pages: list, detail, HR editing of roles and requirements, import, career moves.

Any signed-in user reads role profiles (they describe jobs, not people); the people shown as
holding a role go through `Person.objects.visible_to`. Changes are for HR admins only (403 for
others: the role itself is no secret). Domain work is in roles.py; the import page is in
views_import.py.
"""

from __future__ import annotations

import copy
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from skillframe.http import confirm_token, is_confirmed
from skillframe.people.access import ensure_hr_admin, is_hr_admin, person_of
from skillframe.people.hr_views import editable_person
from skillframe.people.models import RATABLE_KINDS, Person, RoleProfile, RoleRequirement
from skillframe.people.role_forms import (
    ElementQueryForm,
    RequirementForm,
    RoleProfileForm,
    TargetRoleForm,
)
from skillframe.people.roles import (
    element_candidates,
    move_requirement,
    remove_requirement,
    requirements_by_framework,
    save_requirement,
    save_role,
    set_target_role,
)


def _require_hr(request: HttpRequest) -> None:
    ensure_hr_admin(request.user, "only HR admins may change role profiles")


@login_required
def role_list(request: HttpRequest) -> HttpResponse:
    me = person_of(request.user)
    context = {
        "roles": RoleProfile.objects.annotate(n_requirements=Count("requirements")),
        "me": me,
        "can_edit": is_hr_admin(request.user),
    }
    return render(request, "people/role_list.html", context)


def _role_context(request: HttpRequest, role: RoleProfile) -> dict[str, Any]:
    visible = Person.objects.visible_to(request.user).select_related("user", "unit", "current_role")
    me = person_of(request.user)
    groups = requirements_by_framework(role)
    return {
        "role": role,
        "groups": groups,
        "impossible": sum(group.impossible for group in groups),
        "holders": list(visible.filter(current_role=role)),
        "aspirants": list(visible.filter(target_role=role)),
        "can_edit": is_hr_admin(request.user),
        "me": me,
    }


@login_required
def role_detail(request: HttpRequest, code: str) -> HttpResponse:
    role = get_object_or_404(RoleProfile, code=code)
    return render(request, "people/role_detail.html", _role_context(request, role))


def _role_form(request: HttpRequest, role: RoleProfile | None) -> HttpResponse:
    _require_hr(request)
    # A ModelForm changes its instance while validating: give it a copy, so a page with errors
    # still shows the role's saved title and links to its saved code.
    form = RoleProfileForm(request.POST or None, instance=copy.copy(role))
    if request.method == "POST":
        if form.is_valid():
            saved = form.save(commit=False)
            save_role(request.user, saved, created=role is None)
            messages.success(request, f"Saved role profile {saved.title}.")
            return redirect("people:role", code=saved.code)
        return render(request, "people/role_form.html", {"form": form, "role": role}, status=400)
    return render(request, "people/role_form.html", {"form": form, "role": role})


@login_required
def role_create(request: HttpRequest) -> HttpResponse:
    return _role_form(request, None)


@login_required
def role_edit(request: HttpRequest, code: str) -> HttpResponse:
    return _role_form(request, get_object_or_404(RoleProfile, code=code))


def _requirement_page(
    request: HttpRequest, role: RoleProfile, requirement: RoleRequirement | None
) -> HttpResponse:
    """Add or edit a requirement; GET ?q= searches the catalogue for the element picker and,
    from HTMX, returns only the picker's results (partial `picker`)."""
    _require_hr(request)
    query = ElementQueryForm(request.GET)
    q = query.cleaned_data["q"] if query.is_valid() else ""
    context: dict[str, Any] = {
        "role": role,
        "requirement": requirement,
        "query": query,
        "q": q,
        "candidates": element_candidates(q, RATABLE_KINDS) if q else [],
    }
    if request.method == "GET" and request.htmx and "q" in request.GET:
        return render(request, "people/role_requirement_form.html#picker", context)
    if request.method == "POST":
        form = RequirementForm(request.POST, role=role, instance=requirement)
        if form.is_valid():
            saved, created = form.build()
            save_requirement(request.user, saved, created=created)
            messages.success(request, f"Saved requirement {saved.element.code}.")
            return redirect(reverse("people:role", args=[role.code]) + "#requirements")
        context["form"] = form
        return render(request, "people/role_requirement_form.html", context, status=400)
    # A picked element arrives as ?element=CODE&framework=SLUG (links in the picker's results).
    initial = {k: request.GET[k] for k in ("element", "framework") if request.GET.get(k)}
    if requirement is None:
        initial.setdefault("weight", 1.0)
        form = RequirementForm(role=role, initial=initial)
    elif initial:
        form = RequirementForm(role=role, instance=requirement)
        form.initial.update(initial)
    else:
        form = RequirementForm(role=role, instance=requirement)
    context["form"] = form
    return render(request, "people/role_requirement_form.html", context)


@login_required
def requirement_add(request: HttpRequest, code: str) -> HttpResponse:
    role = get_object_or_404(RoleProfile, code=code)
    return _requirement_page(request, role, None)


def _requirement(code: str, pk: int) -> RoleRequirement:
    return get_object_or_404(
        RoleRequirement.objects.select_related("role", "element__framework"),
        role__code=code,
        pk=pk,
    )


@login_required
def requirement_edit(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    requirement = _requirement(code, pk)
    return _requirement_page(request, requirement.role, requirement)


def _after_requirement_change(request: HttpRequest, role: RoleProfile) -> HttpResponse:
    if request.htmx:
        context = _role_context(request, role)
        return render(request, "people/role_detail.html#requirements", context)
    return redirect(reverse("people:role", args=[role.code]) + "#requirements")


REMOVE_REQUIREMENT = "role.requirement.delete"


@login_required
def requirement_delete(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """GET: the confirmation step (issue 11: removing a requirement changes the gaps of everyone
    who holds or aims at the role). POST: remove, only with the step's signed token; a bare POST
    changes nothing and answers with the confirmation (400). docs/irreversible-actions.md."""
    _require_hr(request)
    requirement = _requirement(code, pk)
    role = requirement.role
    target = f"requirement:{requirement.pk}"
    if request.method != "POST" or not is_confirmed(request, REMOVE_REQUIREMENT, target):
        return _requirement_delete_step(request, requirement, target)
    remove_requirement(request.user, requirement)
    messages.success(request, f"Removed requirement {requirement.element.code}.")
    return _after_requirement_change(request, role)


def _requirement_delete_step(
    request: HttpRequest, requirement: RoleRequirement, target: str
) -> HttpResponse:
    role, element = requirement.role, requirement.element
    people = Person.objects.visible_to(request.user)
    holders = people.filter(current_role=role).count()
    aspirants = people.filter(target_role=role).count()
    wanted = (
        f"level {requirement.target_level}" if requirement.target_level is not None else "competent"
    )
    context = {
        "heading": f"Remove {element.code} from {role.title}?",
        "lead": (
            f"{role.title} will no longer ask for {element.code} {element.label} ({wanted}, "
            f"{requirement.get_importance_display().lower()})."
        ),
        "consequences": [
            f"{holders} {'person holds' if holders == 1 else 'people hold'} this role and "
            f"{aspirants} {'has' if aspirants == 1 else 'have'} it as their target role: "
            f"their gaps and readiness stop counting {element.code}.",
            "Ratings already recorded for it are kept. To undo this, add the requirement again "
            "(its target, importance and weight are in the audit log).",
        ],
        "action_url": request.path,
        "token": confirm_token(REMOVE_REQUIREMENT, target),
        "confirm_label": f"Remove {element.code}",
        "cancel_url": reverse("people:role", args=[role.code]) + "#requirements",
        "cancel_label": "Keep it",
        "unconfirmed": request.method == "POST",
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "confirm.html", context, status=status)


@login_required
@require_POST
def requirement_move(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    _require_hr(request)
    requirement = _requirement(code, pk)
    step = {"up": -1, "down": 1}.get(request.POST.get("direction", ""))
    if step is None:
        return HttpResponse("direction must be up or down", status=400)
    move_requirement(request.user, requirement, step)
    return _after_requirement_change(request, requirement.role)


def _target_person(request: HttpRequest) -> Person:
    """Whose target role the page sets: the viewer, or ?person=<employee id> for HR admins.

    Someone the viewer may not see is a 404; someone they may see but not edit (their own
    report, for a manager) is a 403: a career move is the person's or HR's decision.
    """
    employee_id = request.GET.get("person", "").strip()
    me = person_of(request.user)
    if not employee_id or (me is not None and employee_id == me.employee_id):
        if me is None:
            raise Http404("your account has no person record")
        return Person.objects.select_related("current_role", "target_role", "user").get(pk=me.pk)
    return editable_person(
        request,
        employee_id,
        related=("current_role", "target_role", "user"),
        refusal="only the person or an HR admin may set a target role",
    )


@login_required
def target_role(request: HttpRequest) -> HttpResponse:
    person = _target_person(request)
    me = person_of(request.user)
    own = me is not None and me.pk == person.pk
    form = TargetRoleForm(
        request.POST or None,
        person=person,
        initial={"role": person.target_role.code if person.target_role else ""},
    )
    if request.method == "POST":
        if form.is_valid():
            role = form.cleaned_data["role"]
            set_target_role(request.user, person, role)
            who = "Your" if own else f"{person.name}’s"
            messages.success(request, f"{who} target role is now {role.title if role else 'none'}.")
            url = reverse("people:target_role")
            return redirect(url if own else f"{url}?person={person.employee_id}")
        status = 400
    else:
        status = 200
    context = {"person": person, "own": own, "form": form}
    return render(request, "people/role_target.html", context, status=status)
