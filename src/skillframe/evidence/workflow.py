"""The assessor workflow: submit, judge, ask for more or accept, sign off.

1. The learner submits a standard (or some of its items) to their assigned assessor
   (`submit`); the evidence mapped to it at that moment goes with the submission.
2. The assessor judges items (`judge`): competent / not yet competent with feedback and the
   evidence relied on. A judgement is an append-only assessments `Rating` (source assessor,
   through `record_rating`, which checks the assessor reaches the learner) plus a `Judgement`.
3. The assessor asks for more (`answer(..., MORE)`: the learner adds evidence and submits again)
   or accepts (`answer(..., ACCEPTED)`).
4. Sign-off when every item is competent: the assessor's declaration and the learner's
   declaration of authenticity, in the order of `settings.EVIDENCE_SIGN_OFF_ORDER`; the second
   completes the `SignOff`. Each step notifies the other party.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone

from skillframe.assessments.models import Competence, Source
from skillframe.assessments.ratings import record_rating
from skillframe.audit.models import record
from skillframe.evidence.assignments import assignment_for
from skillframe.evidence.coverage import ACHIEVED, assessor_decisions, items_of
from skillframe.evidence.models import Evidence, Judgement, SignOff, Submission
from skillframe.frameworks.models import Element
from skillframe.inputs import COMMENT_MAX
from skillframe.notifications.models import notify
from skillframe.people.access import Viewer
from skillframe.people.models import Person
from skillframe.validators import ensure_text

ASSESSOR_DECLARATION = (
    "I confirm that I have assessed this evidence against every performance criterion and "
    "knowledge item of the standard and judged the learner competent, and that the evidence "
    "is valid, current, sufficient and the learner's own."
)
LEARNER_DECLARATION = (
    "I declare that the evidence in this portfolio is my own work, that the witness "
    "testimonies are genuine, and that I have not copied or been given any of it."
)


def _coverage_url(standard: Element) -> str:
    return f"/me/evidence/coverage/{standard.code}/"


def submission_url(submission: Submission) -> str:
    return f"/assessor/submissions/{submission.pk}/"


def submitted_evidence(learner: Person, standard: Element) -> models.QuerySet[Evidence]:
    """The learner's live evidence mapped to the standard or one of its items."""
    ids = [standard.pk, *Element.objects.items_of([standard.pk]).values_list("pk", flat=True)]
    return (
        Evidence.objects.filter(owner=learner, deleted_at__isnull=True, links__element_id__in=ids)
        .distinct()
        .order_by("id")
    )


def submit(
    user: Viewer,
    learner: Person,
    standard: Element,
    items: Sequence[Element] = (),
    note: str = "",
) -> Submission:
    if learner.user_id != user.pk:
        raise PermissionDenied("only the learner submits their evidence")
    assignment = assignment_for(learner, standard)
    if assignment is None:
        raise ValidationError(
            {"standard": f"no assessor is assigned to you for {standard.code}: ask HR"}
        )
    if SignOff.objects.filter(
        learner=learner, standard=standard, completed_at__isnull=False
    ).exists():
        raise ValidationError({"standard": f"{standard.code} is already signed off"})
    if Submission.objects.filter(
        learner=learner, standard=standard, status=Submission.Status.WAITING
    ).exists():
        raise ValidationError(
            {"standard": f"{standard.code} is already waiting for {assignment.assessor.name}"}
        )
    allowed = {item.pk for item in items_of(standard)}
    stray = [item.code for item in items if item.pk not in allowed]
    if stray:
        raise ValidationError({"items": f"not items of {standard.code}: {', '.join(stray)}"})
    note = ensure_text("note", note.strip(), COMMENT_MAX)
    evidence = list(submitted_evidence(learner, standard))
    if not evidence:
        raise ValidationError(
            {"standard": f"no evidence is mapped to {standard.code} or its items yet"}
        )
    with transaction.atomic():
        submission = Submission.objects.create(
            learner=learner, assessor=assignment.assessor, standard=standard, note=note
        )
        submission.items.set(items)
        submission.evidence.set(evidence)
        record(
            user,
            "evidence.submit",
            submission,
            standard=standard.code,
            items=[item.code for item in items],
            evidence=len(evidence),
        )
        notify(
            [assignment.assessor.user],
            f"{learner.name} submitted {standard.code} for assessment",
            submission_url(submission),
        )
    return submission


def _ensure_assessor(user: Viewer, submission: Submission) -> None:
    if submission.assessor.user_id != user.pk:
        raise PermissionDenied("only the submission's assessor judges it")


def judge(
    user: Viewer,
    submission: Submission,
    element: Element,
    competence: str,
    feedback: str = "",
    evidence: Sequence[Evidence] = (),
) -> Judgement:
    """Record the assessor's decision on one item of the submitted standard."""
    _ensure_assessor(user, submission)
    if submission.status != Submission.Status.WAITING:
        raise ValidationError(
            {"submission": "this submission has been answered: the learner submits again"}
        )
    if element.pk not in {item.pk for item in items_of(submission.standard)}:
        raise ValidationError(
            {"element": f"{element.code} is not an item of {submission.standard.code}"}
        )
    if competence not in (Competence.COMPETENT, Competence.NOT_YET):
        raise ValidationError({"competence": "competent or not-yet"})
    feedback = ensure_text("feedback", feedback.strip(), COMMENT_MAX)
    if competence == Competence.NOT_YET and not feedback:
        raise ValidationError({"feedback": "say what is missing when an item is not yet met"})
    submitted = set(submission.evidence.values_list("pk", flat=True))
    foreign = [e.pk for e in evidence if e.pk not in submitted]
    if foreign:
        raise ValidationError({"evidence": "rely only on evidence of this submission"})
    if competence == Competence.COMPETENT and not evidence:
        raise ValidationError({"evidence": "name the evidence a competent decision relies on"})
    with transaction.atomic():
        rating = record_rating(
            user,
            submission.learner,
            element,
            Source.ASSESSOR,
            competence=competence,
            comment=feedback,
        )
        judgement = Judgement.objects.create(rating=rating, submission=submission)
        judgement.evidence.set(evidence)
    return judgement


def answer(user: Viewer, submission: Submission, outcome: str, feedback: str = "") -> Submission:
    """Ask for more evidence (`Status.MORE`, feedback required) or accept the submission."""
    _ensure_assessor(user, submission)
    if submission.status != Submission.Status.WAITING:
        raise ValidationError({"submission": "this submission has already been answered"})
    if outcome not in (Submission.Status.MORE, Submission.Status.ACCEPTED):
        raise ValidationError({"outcome": "more or accepted"})
    feedback = ensure_text("feedback", feedback.strip(), COMMENT_MAX)
    if outcome == Submission.Status.MORE and not feedback:
        raise ValidationError({"feedback": "say what more evidence is needed"})
    with transaction.atomic():
        submission.status = outcome
        submission.feedback = feedback
        submission.answered_at = timezone.now()
        submission.save(update_fields=["status", "feedback", "answered_at"])
        record(user, f"evidence.submission.{outcome}", submission, feedback=feedback)
        code = submission.standard.code
        text = (
            f"{submission.assessor.name} asks for more evidence on {code}"
            if outcome == Submission.Status.MORE
            else f"{submission.assessor.name} accepted your evidence for {code}"
        )
        notify([submission.learner.user], text, _coverage_url(submission.standard))
    return submission


def not_competent(learner: Person, standard: Element) -> list[str]:
    """Codes of the standard's items without a competent assessor decision."""
    items = items_of(standard)
    decisions = assessor_decisions(learner, [item.pk for item in items])
    return [
        item.code
        for item in items
        if item.pk not in decisions or decisions[item.pk].competence not in ACHIEVED
    ]


def _ensure_ready(learner: Person, standard: Element) -> None:
    missing = not_competent(learner, standard)
    if missing:
        shown = ", ".join(missing[:10]) + (" …" if len(missing) > 10 else "")
        raise ValidationError(
            {"standard": f"{len(missing)} item(s) not yet judged competent: {shown}"}
        )


def assessor_first() -> bool:
    return bool(settings.EVIDENCE_SIGN_OFF_ORDER == "assessor-first")


def declare(user: Viewer, learner: Person, standard: Element, *, confirmed: bool) -> SignOff:
    """The caller's declaration for the learner's standard: the assessor's if they are the
    assigned assessor, the learner's own otherwise. Completes the sign-off when both exist."""
    if not confirmed:
        raise ValidationError({"confirm": "tick the declaration to sign"})
    assignment = assignment_for(learner, standard)
    as_learner = learner.user_id == user.pk
    as_assessor = assignment is not None and assignment.assessor.user_id == user.pk
    if not (as_learner or as_assessor):
        raise PermissionDenied("only the learner and their assessor sign off a standard")
    if assignment is None:
        raise ValidationError({"standard": f"no assessor is assigned for {standard.code}"})
    _ensure_ready(learner, standard)
    now = timezone.now()
    with transaction.atomic():
        sign_off, _ = SignOff.objects.select_for_update().get_or_create(
            learner=learner, standard=standard, defaults={"assessor": assignment.assessor}
        )
        if sign_off.complete:
            raise ValidationError({"standard": f"{standard.code} is already signed off"})
        if as_assessor:
            if sign_off.assessor_declared_at:
                raise ValidationError({"confirm": "you have already declared"})
            if not assessor_first() and not sign_off.learner_declared_at:
                raise ValidationError(
                    {"confirm": "the learner declares the evidence their own first"}
                )
            sign_off.assessor = assignment.assessor
            sign_off.assessor_declaration = ASSESSOR_DECLARATION
            sign_off.assessor_declared_at = now
            other = learner.user
        else:
            if sign_off.learner_declared_at:
                raise ValidationError({"confirm": "you have already declared"})
            if assessor_first() and not sign_off.assessor_declared_at:
                raise ValidationError({"confirm": "your assessor signs the standard off first"})
            sign_off.learner_declaration = LEARNER_DECLARATION
            sign_off.learner_declared_at = now
            other = assignment.assessor.user
        if sign_off.assessor_declared_at and sign_off.learner_declared_at:
            sign_off.completed_at = now
        sign_off.save()
        record(
            user,
            "evidence.sign_off",
            sign_off,
            learner=learner.employee_id,
            standard=standard.code,
            declared="assessor" if as_assessor else "learner",
            complete=sign_off.complete,
        )
        who = assignment.assessor.name if as_assessor else learner.name
        text = (
            f"{standard.code} is signed off for {learner.name}"
            if sign_off.complete
            else f"{who} signed {standard.code}: your declaration is needed"
        )
        url = (
            _coverage_url(standard)
            if other == learner.user
            else f"/assessor/learners/{learner.employee_id}/{standard.code}/"
        )
        notify([other], text, url)
    return sign_off
