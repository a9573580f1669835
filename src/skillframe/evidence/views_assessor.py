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
from skillframe.evidence.coverage import coverage, progress
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
    running = list(running)
    signed = {
        (s.learner_id, s.standard_id): s
        for s in SignOff.objects.filter(learner__in=[a.learner_id for a in running])
    }
    pairs = [(a.learner_id, a.standard_id) for a in running]
    done = progress(request.user, pairs)
    rows = [
        {
            "assignment": a,
            "progress": done[(a.learner_id, a.standard_id)],
            "sign_off": signed.get((a.learner_id, a.standard_id)),
        }
        for a in running
    ]
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
    for field, problems in error.message_dict.items():
        for problem in problems:
            # A decision's problem is named by its item's code ("INSML005.P3: …").
            messages.error(request, f"{field}: {problem}" if "." in field else problem)


@login_required
@require_POST
def judge(request: HttpRequest, pk: int) -> HttpResponse:
    """Record decisions: one item (`element`, `competence`, `feedback`, `evidence`) or the
    page's whole form (`decision-CODE`, `feedback-CODE`, `evidence-CODE` per item; items left
    undecided are skipped), all or nothing."""
    found = get_submission_for(request.user, pk)
    if found.assessor.user_id != request.user.pk:
        raise PermissionDenied("only the submission's assessor judges it")
    items = {e.code: e for e in Element.objects.items_of([found.standard_id])}
    submitted = {e.pk: e for e in found.evidence.all()}

    def relied(values: list[str]) -> list[Evidence]:
        return [submitted[int(v)] for v in values if v.isdigit() and int(v) in submitted]

    post = request.POST
    if "element" in post:
        wanted = [
            (
                post["element"],
                post.get("competence", ""),
                post.get("feedback", ""),
                post.getlist("evidence"),
            )
        ]
    else:
        wanted = [
            (
                code,
                post[f"decision-{code}"],
                post.get(f"feedback-{code}", ""),
                post.getlist(f"evidence-{code}"),
            )
            for code in items
            if post.get(f"decision-{code}")
        ]
    try:
        unknown = [code for code, *_ in wanted if code not in items]
        if unknown:
            raise ValidationError({"element": f"not items of the standard: {', '.join(unknown)}"})
        decisions = [
            (items[code], competence, feedback, relied(ids))
            for code, competence, feedback, ids in wanted
        ]
        made = workflow.judge_many(request.user, found, decisions)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, f"{len(made)} decision(s) recorded.")
    return redirect(workflow.submission_url(found))


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
