"""Coverage maps, submitting a standard, the sign-off declarations and the portfolio download.

The coverage map of a learner is read by whoever sees the learner (people/access.py); its
evidence counts are of the evidence the reader may see. Only the learner submits; only the
learner and their assigned assessor declare (a confirmation step stating the declaration).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from skillframe.evidence import portfolio, workflow
from skillframe.evidence.access import own_person
from skillframe.evidence.assignments import assignment_for
from skillframe.evidence.coverage import coverage
from skillframe.frameworks.kinds import ElementKind
from skillframe.frameworks.models import Element, ElementLookupError
from skillframe.http import confirm_token, is_confirmed
from skillframe.people.access import get_person_for
from skillframe.people.models import Person

ACTION_DECLARE = "evidence.declare"


def standard_by_code(code: str) -> Element:
    """A NOS standard by its code; Http404 for anything else (the catalogue is public)."""
    try:
        element = Element.objects.select_related("framework").get(pk=Element.objects.find(code).pk)
    except ElementLookupError:
        raise Http404("no such standard") from None
    if element.kind != ElementKind.UNIT:
        raise Http404("not a standard")
    return element


def _page(request: HttpRequest, learner: Person, standard: Element) -> HttpResponse:
    cov = coverage(request.user, learner, standard)
    assignment = assignment_for(learner, standard)
    own = learner.user_id == request.user.pk
    is_assessor = assignment is not None and assignment.assessor.user_id == request.user.pk
    sign_off = cov.sign_off
    may_declare = (
        cov.all_competent
        and not cov.signed_off
        and (
            (own and not (sign_off and sign_off.learner_declared_at))
            or (is_assessor and not (sign_off and sign_off.assessor_declared_at))
        )
    )
    context = {
        "cov": cov,
        "learner": learner,
        "standard": standard,
        "own": own,
        "assignment": assignment,
        "is_assessor": is_assessor,
        "may_declare": may_declare,
        "assessor_first": workflow.assessor_first(),
        "portfolio_url": reverse("evidence:portfolio", args=[learner.employee_id])
        + f"?standard={standard.code}",
    }
    return render(request, "evidence/coverage.html", context)


@login_required
def my_coverage(request: HttpRequest, code: str) -> HttpResponse:
    return _page(request, own_person(request.user), standard_by_code(code))


@login_required
def person_coverage(request: HttpRequest, employee_id: str, code: str) -> HttpResponse:
    learner = get_person_for(request.user, employee_id, related=("user",))
    return _page(request, learner, standard_by_code(code))


@login_required
@require_POST
def submit(request: HttpRequest, code: str) -> HttpResponse:
    learner = own_person(request.user)
    standard = standard_by_code(code)
    codes = request.POST.getlist("items")
    items = list(Element.objects.items_of([standard.pk]).filter(code__in=codes))
    try:
        if len(items) != len(set(codes)):
            known = {item.code for item in items}
            stray = ", ".join(sorted(set(codes) - known))
            raise ValidationError({"items": f"not items of {standard.code}: {stray}"})
        workflow.submit(request.user, learner, standard, items, request.POST.get("note", ""))
    except ValidationError as error:
        for problems in error.message_dict.values():
            for problem in problems:
                messages.error(request, problem)
        return redirect("evidence:my_coverage", code=standard.code)
    messages.success(request, f"{standard.code} is submitted to your assessor.")
    return redirect("evidence:my_coverage", code=standard.code)


@login_required
def declare(request: HttpRequest, employee_id: str, code: str) -> HttpResponse:
    """The sign-off declaration: a confirmation step stating it, then the time-stamped record."""
    learner = get_person_for(request.user, employee_id, related=("user",))
    standard = standard_by_code(code)
    assignment = assignment_for(learner, standard)
    own = learner.user_id == request.user.pk
    if not own and (assignment is None or assignment.assessor.user_id != request.user.pk):
        raise PermissionDenied("only the learner and their assessor sign off a standard")
    target = f"{learner.pk}:{standard.pk}"
    back = (
        reverse("evidence:my_coverage", args=[standard.code])
        if own
        else reverse("evidence:coverage", args=[learner.employee_id, standard.code])
    )
    if request.method == "POST" and is_confirmed(request, ACTION_DECLARE, target):
        try:
            sign_off = workflow.declare(request.user, learner, standard, confirmed=True)
        except ValidationError as error:
            for problems in error.message_dict.values():
                for problem in problems:
                    messages.error(request, problem)
            return redirect(back)
        messages.success(
            request,
            f"{standard.code} is signed off."
            if sign_off.complete
            else "Your declaration is recorded; the other party is told.",
        )
        return redirect(back)
    statement = workflow.LEARNER_DECLARATION if own else workflow.ASSESSOR_DECLARATION
    context = {
        "heading": (
            "Declaration of authenticity" if own else f"Sign off {standard.code} for {learner.name}"
        ),
        "lead": statement,
        "consequences": [
            f"{standard.code} {standard.title}",
            "Your declaration is time-stamped and cannot be withdrawn.",
        ],
        "action_url": reverse("evidence:declare", args=[learner.employee_id, standard.code]),
        "token": confirm_token(ACTION_DECLARE, target),
        "confirm_label": "I declare this" if own else "Sign off the standard",
        "cancel_url": back,
        "cancel_label": "Not now",
        "unconfirmed": request.method == "POST",
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "confirm.html", context, status=status)


@login_required
def portfolio_download(request: HttpRequest, employee_id: str) -> HttpResponse:
    learner = get_person_for(request.user, employee_id, related=("user",))
    code = request.GET.get("standard", "").strip()
    standard = standard_by_code(code) if code else None
    built = portfolio.build(request.user, learner, standard)
    response = HttpResponse(built.data, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{built.filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
