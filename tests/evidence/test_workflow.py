"""The assessor workflow in the domain: assign, submit, judge, ask for more, accept, sign off."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from skillframe.assessments.models import Rating, Source
from skillframe.evidence import assignments, workflow
from skillframe.evidence.models import EvidenceKind, Judgement, SignOff, Submission
from skillframe.evidence.records import EvidenceInput, create_evidence, delete_evidence
from skillframe.evidence.workflow import not_competent
from skillframe.frameworks.models import Element
from skillframe.notifications.models import Notification
from tests.evidence.helpers import assign_dave, pdf, standard

pytestmark = pytest.mark.django_db


def account(p: Any, codes: list[str], title: str = "My account") -> Any:
    data = EvidenceInput(
        kind=EvidenceKind.ACCOUNT,
        title=title,
        occurred_on=date(2026, 3, 1),
        text="I ran the weekly team meeting and agreed objectives with each member.",
        elements=codes,
    )
    return create_evidence(p.alice.user, p.alice, data)


def test_assigning_needs_hr_and_a_qualified_assessor(personas: Any) -> None:
    p = personas
    unit = standard()
    with pytest.raises(ValidationError) as refused:
        assignments.assign(p.carol.user, p.dave, p.alice, unit, date.today())
    assert "not qualified to assess INSML005" in str(refused.value)
    with pytest.raises(PermissionDenied):
        assignments.qualify(p.bob.user, p.dave, unit)
    with pytest.raises(ValidationError, match="not a standard"):
        assignments.qualify(p.carol.user, p.dave, standard("INSML005.P1"))
    assignment = assign_dave(p)
    assert assignment.standard == unit
    assert p.alice in p.dave.learners.all()
    assert Notification.objects.filter(recipient=p.dave.user, text__contains="INSML005").exists()


def test_submit_needs_an_assignment_and_evidence(personas: Any) -> None:
    p = personas
    with pytest.raises(ValidationError, match="no assessor is assigned"):
        workflow.submit(p.alice.user, p.alice, standard())
    assign_dave(p)
    with pytest.raises(ValidationError, match="no evidence is mapped"):
        workflow.submit(p.alice.user, p.alice, standard())
    with pytest.raises(PermissionDenied):
        workflow.submit(p.bob.user, p.alice, standard())
    assert not Submission.objects.exists()


def test_the_whole_loop_to_sign_off(personas: Any) -> None:
    p = personas
    assign_dave(p)
    unit = standard()
    items = list(Element.objects.items_of([unit.pk]))
    codes = [item.code for item in items]
    first = account(p, codes[:-1], "Most of it")
    submission = workflow.submit(p.alice.user, p.alice, unit, note="Please look")
    assert list(submission.evidence.all()) == [first]
    assert Notification.objects.filter(recipient=p.dave.user, text__contains="submitted").exists()
    with pytest.raises(PermissionDenied):
        workflow.judge(p.bob.user, submission, items[0], "competent", evidence=[first])
    for item in items[:-1]:
        workflow.judge(p.dave.user, submission, item, "competent", evidence=[first])
    with pytest.raises(ValidationError, match="say what is missing"):
        workflow.judge(p.dave.user, submission, items[-1], "not-yet")
    workflow.judge(p.dave.user, submission, items[-1], "not-yet", "No evidence of this yet")
    rating = Rating.objects.filter(person=p.alice, element=items[0]).get()
    assert rating.source == Source.ASSESSOR and rating.rater == p.dave.user
    assert list(Judgement.objects.get(rating=rating).evidence.all()) == [first]
    with pytest.raises(ValidationError, match="say what more"):
        workflow.answer(p.dave.user, submission, Submission.Status.MORE)
    workflow.answer(p.dave.user, submission, Submission.Status.MORE, "Show the last item")
    assert Notification.objects.filter(recipient=p.alice.user, text__contains="more").exists()
    with pytest.raises(ValidationError, match="1 item"):
        workflow.declare(p.dave.user, p.alice, unit, confirmed=True)

    second = account(p, [codes[-1]], "The last item")
    again = workflow.submit(p.alice.user, p.alice, unit)
    assert set(again.evidence.all()) == {first, second}
    workflow.judge(p.dave.user, again, items[-1], "competent", evidence=[second])
    workflow.answer(p.dave.user, again, Submission.Status.ACCEPTED)
    assert not_competent(p.alice, unit) == []
    # Ratings are append-only: the not-yet decision is still there beside the competent one.
    assert Rating.objects.filter(person=p.alice, element=items[-1]).count() == 2

    with pytest.raises(ValidationError, match="assessor signs the standard off first"):
        workflow.declare(p.alice.user, p.alice, unit, confirmed=True)
    with pytest.raises(ValidationError, match="tick"):
        workflow.declare(p.dave.user, p.alice, unit, confirmed=False)
    sign_off = workflow.declare(p.dave.user, p.alice, unit, confirmed=True)
    assert sign_off.assessor_declared_at and not sign_off.complete
    sign_off = workflow.declare(p.alice.user, p.alice, unit, confirmed=True)
    assert sign_off.complete and sign_off.learner_declared_at >= sign_off.assessor_declared_at
    assert Notification.objects.filter(recipient=p.dave.user, text__contains="signed off").exists()
    with pytest.raises(ValidationError, match="already signed off"):
        workflow.submit(p.alice.user, p.alice, unit)

    # Evidence a decision relied on is hidden, never lost.
    assert delete_evidence(p.alice.user, first) is True
    first.refresh_from_db()
    assert first.deleted_at is not None and first.deleted_by == p.alice.user
    assert Judgement.objects.filter(evidence=first).exists()


def test_learner_first_order(personas: Any, settings: Any) -> None:
    settings.EVIDENCE_SIGN_OFF_ORDER = "learner-first"
    p = personas
    assign_dave(p)
    unit = standard()
    items = list(Element.objects.items_of([unit.pk]))
    piece = account(p, [item.code for item in items])
    submission = workflow.submit(p.alice.user, p.alice, unit)
    for item in items:
        workflow.judge(p.dave.user, submission, item, "competent", evidence=[piece])
    with pytest.raises(ValidationError, match="learner declares"):
        workflow.declare(p.dave.user, p.alice, unit, confirmed=True)
    workflow.declare(p.alice.user, p.alice, unit, confirmed=True)
    assert workflow.declare(p.dave.user, p.alice, unit, confirmed=True).complete
    assert SignOff.objects.get().completed_at is not None


def test_unused_evidence_is_deleted_with_its_files(
    personas: Any, _evidence_dir: Any, django_capture_on_commit_callbacks: Any
) -> None:
    p = personas
    data = EvidenceInput(
        kind=EvidenceKind.FILE,
        title="Minutes",
        occurred_on=date(2026, 2, 2),
        files=[("minutes.pdf", pdf("minutes"))],
        elements=["INSML005.P1"],
    )
    piece = create_evidence(p.alice.user, p.alice, data)
    assert len(list(_evidence_dir.iterdir())) == 1
    with pytest.raises(PermissionDenied):
        delete_evidence(p.bob.user, piece)
    with django_capture_on_commit_callbacks(execute=True):
        assert delete_evidence(p.alice.user, piece) is False
    assert not list(_evidence_dir.iterdir())
