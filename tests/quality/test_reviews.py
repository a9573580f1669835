"""Reviewing a sample (quality/reviews.py) and agreement rates (quality/agreement.py)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.utils import timezone

from skillframe.assessments.ratings import record_rating
from skillframe.notifications.models import Notification
from skillframe.quality.access import get_sample_for, samples_visible_to, to_review_by
from skillframe.quality.agreement import agreement_rates, manager_agreement
from skillframe.quality.draws import draw_samples
from skillframe.quality.models import Review
from skillframe.quality.plans import create_plan
from skillframe.quality.reviews import context_of, review_sample
from tests.quality.helpers import decide, items

pytestmark = pytest.mark.django_db


@pytest.fixture
def samples(personas: Any) -> list[Any]:
    """Every one of Dave's 6 decisions on Alice's INSML005, sampled (rate 100%)."""
    p = personas
    decide(p.dave, p.alice, items("INSML005", 6))
    plan = create_plan(p.iris.user, name="All", kind="assessor", unit=p.org, base_rate=100)
    today = timezone.localdate()
    draw = draw_samples(p.iris.user, plan, today, today, seed=1)
    return list(draw.samples.select_related("plan", "person__user", "rating__element"))


def test_iris_agrees_and_dave_is_told_and_then_sees_the_review(
    personas: Any, samples: list[Any]
) -> None:
    p = personas
    sample = samples[0]
    assert not samples_visible_to(p.dave.user).exists()  # not before it is reviewed
    assert to_review_by(p.iris.user).count() == 6 and not to_review_by(p.carol.user).exists()
    review_sample(p.iris.user, sample, outcome="agree", comment="Sound judgement")
    note = Notification.objects.get(recipient=p.dave.user)
    assert note.text == (
        f"Iris Irving agreed with your decision on {sample.rating.element.code} for Alice Archer"
    )
    assert note.url == f"/quality/samples/{sample.pk}/"
    assert get_sample_for(p.dave.user, sample.pk) == sample
    assert to_review_by(p.iris.user).count() == 5


def test_a_disagreement_needs_an_action_and_a_sample_is_reviewed_once(
    personas: Any, samples: list[Any]
) -> None:
    p = personas
    sample = samples[0]
    with pytest.raises(ValidationError) as missing:
        review_sample(p.iris.user, sample, outcome="disagree", comment="No evidence")
    assert "action" in missing.value.message_dict
    with pytest.raises(ValidationError):
        review_sample(p.iris.user, sample, outcome="maybe")
    assert not Review.objects.exists() and not Notification.objects.exists()
    review_sample(p.iris.user, sample, outcome="disagree", action="Re-judge P1 with evidence")
    assert "Re-judge P1 with evidence" in Notification.objects.get(recipient=p.dave.user).text
    with pytest.raises(ValidationError, match="already been reviewed"):
        review_sample(p.iris.user, sample, outcome="agree")


def test_only_an_iqa_reviews_assessor_decisions(personas: Any, samples: list[Any]) -> None:
    p = personas
    for user in (p.carol.user, p.bob.user, p.dave.user):
        with pytest.raises(PermissionDenied):
            review_sample(user, samples[0], outcome="agree")
    assert not Review.objects.exists()


def test_manager_validations_are_reviewed_by_hr_or_a_second_manager(personas: Any) -> None:
    p = personas
    henry = p.bob.__class__.objects.create(
        user=p.bob.user.__class__.objects.create_user("henry", first_name="Henry"),
        employee_id="E-henry",
        unit=p.org,
    )
    p.bob.manager = henry
    p.bob.save()
    record_rating(p.bob.user, p.alice, items("INSML005", 1)[0], "manager", competence="competent")
    plan = create_plan(p.carol.user, name="Managers", kind="manager", unit=p.org, base_rate=100)
    today = timezone.localdate()
    sample = draw_samples(p.carol.user, plan, today, today).samples.get()
    assert to_review_by(henry.user).get() == sample  # Bob's manager: a second manager
    assert not to_review_by(p.bob.user).exists()  # never the rater
    assert not to_review_by(p.iris.user).exists()  # an IQA samples assessors, not managers
    with pytest.raises(PermissionDenied):
        review_sample(p.bob.user, sample, outcome="agree")
    review_sample(henry.user, sample, outcome="agree")
    assert [(a.rater, a.reviewed, a.agreed) for a in manager_agreement(p.carol.user)] == [
        ("Bob Baker", 1, 1)
    ]
    assert manager_agreement(p.eve.user) == []  # nothing of it is hers to see


def _review_at(sample: Any, reviewer: Any, outcome: str, when: datetime) -> None:
    review = Review.objects.create(
        sample=sample, reviewer=reviewer, outcome=outcome, action="a" if outcome != "agree" else ""
    )
    QuerySet(model=Review).filter(pk=review.pk).update(created_at=when)


def test_agreement_rates_per_assessor_and_month(personas: Any, samples: list[Any]) -> None:
    p = personas
    march = timezone.make_aware(datetime(2026, 3, 10, 12))
    april = timezone.make_aware(datetime(2026, 4, 2, 12))
    # March: 3 reviewed, 2 agreed; April: 2 reviewed, 0 agreed. Overall 2 of 5: 40%.
    for sample, outcome, when in zip(
        samples,
        ["agree", "agree", "disagree", "disagree", "disagree"],
        [march, march, march, april, april],
        strict=False,
    ):
        _review_at(sample, p.iris.user, outcome, when)
    (overall,) = agreement_rates(p.iris.user, "assessor")
    assert (overall.rater, overall.reviewed, overall.agreed, overall.percent) == (
        "Dave Dunn",
        5,
        2,
        40,
    )
    monthly = agreement_rates(p.iris.user, "assessor", by_month=True)
    assert [(a.month.isoformat(), a.reviewed, a.agreed, a.percent) for a in monthly] == [
        ("2026-03-01", 3, 2, 67),
        ("2026-04-01", 2, 0, 0),
    ]
    april_only = agreement_rates(p.iris.user, "assessor", since=april.date() - timedelta(1))
    assert [(a.reviewed, a.agreed) for a in april_only] == [(2, 0)]
    assert agreement_rates(p.eve.user, "assessor") == []
    assert agreement_rates(p.iris.user, "manager") == []


def test_the_context_shows_the_persons_ratings_on_the_standard(
    personas: Any, samples: list[Any]
) -> None:
    p = personas
    other = items("INSML011", 1)
    decide(p.dave, p.alice, other)
    history = context_of(samples[0]).history
    assert {r.element.code for r in history} == {s.rating.element.code for s in samples}
    assert samples[0].rating in history
