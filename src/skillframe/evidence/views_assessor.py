"""The assessor's pages: home (learners, submissions waiting, progress), judging a submission,
asking for more or accepting; and HR's assessor assignments page.

A submission is read by its learner, its assessor and HR in scope (`get_submission_for`, else
404); only its assessor judges and answers it (others who read it: 403).
"""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from skillframe.evidence import assignments, workflow
from skillframe.evidence.access import get_submission_for, own_person
from skillframe.evidence.coverage import coverage
from skillframe.evidence.models import (
    AssessorQualification,
    Assignment,
    Evidence,
    SignOff,
    Submission,
)
from skillframe.evidence.views_coverage import standard_by_code
from skillframe.frameworks.models import Element
from skillframe.people.access import hr_required
from skillframe.people.models import Person


@login_required
def assessor_home(request: HttpRequest) -> HttpResponse:
    me = own_person(request.user)
    running = (
        Assignment.objects.filter(assignments.active(), assessor=me)
        .select_related("learner__user", "standard")
        .order_by("learner__user__last_name", "standard__code")
    )
    waiting = list(
        Submission.objects.filter(assessor=me, status=Submission.Status.WAITING)
        .select_related("learner__user", "standard")
        .annotate(pieces=models.Count("evidence", distinct=True))
        .order_by("submitted_at")
    )
    signed = {
        (s.learner_id, s.standard_id): s
        for s in SignOff.objects.filter(learner__in=[a.learner_id for a in running])
    }
    rows = []
    for assignment in running:
        # One coverage per assignment: an assessor has a handful of learners, each a few queries.
        cov = coverage(request.user, assignment.learner, assignment.standard)
        rows.append(
            {
                "assignment": assignment,
                "total": len(cov.rows),
                "competent": cov.count("competent"),
                "gaps": cov.count("gap"),
                "sign_off": signed.get((assignment.learner_id, assignment.standard_id)),
            }
        )
    return render(request, "evidence/assessor_home.html", {"rows": rows, "waiting": waiting})


@login_required
def submission(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_submission_for(request.user, pk)
    cov = coverage(request.user, found.learner, found.standard)
    submitted = list(
        found.evidence.all().prefetch_related("links__element", "files").order_by("id")
    )
    by_element: dict[int, list[Evidence]] = {}
    for piece in submitted:
        for link in piece.links.all():
            by_element.setdefault(link.element_id, []).append(piece)
    chosen = set(found.items.values_list("pk", flat=True))
    rows = [
        {"row": row, "evidence": by_element.get(row.element.pk, [])}
        for row in cov.rows
        if not chosen or row.element.pk in chosen
    ]
    context = {
        "submission": found,
        "cov": cov,
        "rows": rows,
        "evidence": submitted,
        "is_assessor": found.assessor.user_id == request.user.pk,
        "open": found.status == Submission.Status.WAITING,
    }
    return render(request, "evidence/submission.html", context)


def _refused(request: HttpRequest, error: ValidationError) -> None:
    for problems in error.message_dict.values():
        for problem in problems:
            messages.error(request, problem)


@login_required
@require_POST
def judge(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_submission_for(request.user, pk)
    if found.assessor.user_id != request.user.pk:
        raise PermissionDenied("only the submission's assessor judges it")
    element = (
        Element.objects.items_of([found.standard_id])
        .filter(code=request.POST.get("element", ""))
        .first()
    )
    try:
        if element is None:
            raise ValidationError({"element": "choose an item of the standard"})
        ids = [int(v) for v in request.POST.getlist("evidence") if v.isdigit()]
        relied = list(found.evidence.filter(pk__in=ids))
        workflow.judge(
            request.user,
            found,
            element,
            request.POST.get("competence", ""),
            request.POST.get("feedback", ""),
            relied,
        )
    except ValidationError as error:
        _refused(request, error)
    return redirect(workflow.submission_url(found) + (f"#item-{element.code}" if element else ""))


@login_required
@require_POST
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_submission_for(request.user, pk)
    if found.assessor.user_id != request.user.pk:
        raise PermissionDenied("only the submission's assessor answers it")
    try:
        workflow.answer(
            request.user, found, request.POST.get("outcome", ""), request.POST.get("feedback", "")
        )
    except ValidationError as error:
        _refused(request, error)
        return redirect(workflow.submission_url(found))
    messages.success(request, "The learner is told.")
    return redirect("evidence:assessor_home")


def _date(value: str, field: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValidationError({field: f"{value!r} is not a date (YYYY-MM-DD)"}) from None


@hr_required
def assignments_page(request: HttpRequest) -> HttpResponse:
    """HR: who is qualified for which standard, and who assesses whom; forms for both."""
    if request.method == "POST":
        try:
            people = Person.objects.visible_to(request.user)
            assessor = people.filter(employee_id=request.POST.get("assessor", "")).first()
            if assessor is None:
                raise ValidationError({"assessor": "no such person in your units"})
            standard = standard_by_code(request.POST.get("standard", ""))
            if request.POST.get("action") == "qualify":
                assignments.qualify(
                    request.user, assessor, standard, _date(request.POST.get("on", ""), "on")
                )
                messages.success(request, f"{assessor.name} is qualified for {standard.code}.")
            else:
                learner = people.filter(employee_id=request.POST.get("learner", "")).first()
                if learner is None:
                    raise ValidationError({"learner": "no such person in your units"})
                starts = _date(request.POST.get("starts_on", ""), "starts_on")
                assignments.assign(
                    request.user,
                    assessor,
                    learner,
                    standard,
                    starts or date.today(),
                    _date(request.POST.get("ends_on", ""), "ends_on"),
                )
                messages.success(
                    request, f"{assessor.name} assesses {learner.name} on {standard.code}."
                )
        except ValidationError as error:
            _refused(request, error)
        except PermissionDenied as refusal:
            messages.error(request, str(refusal))
        return redirect("evidence:assignments")
    scope = Person.objects.visible_to(request.user).values("pk")
    context = {
        "qualifications": AssessorQualification.objects.filter(assessor__in=scope)
        .select_related("assessor__user", "standard")
        .order_by("assessor__user__last_name", "standard__code"),
        "assignments": Assignment.objects.filter(learner__in=scope)
        .select_related("assessor__user", "learner__user", "standard")
        .order_by("assessor__user__last_name", "learner__user__last_name"),
    }
    return render(request, "evidence/assignments.html", context)
