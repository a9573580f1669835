"""The demo's quality assurance (docs/quality.md): Iris, internal quality assurer, and HR's
sampling of manager validations.

- Iris's plan "Assessor decisions" (10% base, 50% for a new assessor: Dave is one) has a draw
  over the last 90 days with a fixed seed, over the judgements Dave made in the evidence story
  (demo/evidence.py: Aisha's INSML011, Daniel's INSML005), stratified by standard and by the
  kind of evidence each relied on; she has reviewed half of the sample (agreeing with most,
  disagreeing with one and asking Dave to act) over the past week, and the rest wait;
- Carol's plan "Manager validations" samples this cycle's manager validations; she has reviewed
  two (one disagreement).
Reviews go through `review_sample`, so Dave and the managers were notified like in the app.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db import models
from django.utils import timezone

from skillframe.demo.data import ASSURERS
from skillframe.people.models import OrgUnit, Person
from skillframe.quality.draws import draw_samples
from skillframe.quality.models import Assurer, Review
from skillframe.quality.plans import create_plan
from skillframe.quality.reviews import review_sample

ASSESSOR_SEED = 140_2026  # recorded in the draws: the same story every load
MANAGER_SEED = 240_2026
DISAGREEMENT = (
    "The evidence relied on does not show this criterion in current work: ask for a recent "
    "example and judge it again."
)
MANAGER_DISAGREEMENT = (
    "The comment does not say what was seen. Add the example you relied on, or rate it again."
)


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _backdate(model: type[models.Model], pk: int, when: datetime) -> None:
    # As demo/ratings.py does: a plain queryset, past Rating's refusal to update().
    models.QuerySet(model=model).filter(pk=pk).update(created_at=when)


def add_quality(people: dict[str, Person], root: OrgUnit, today: date) -> None:
    """Iris, the plans, the draws and some reviews, over the decisions the demo already holds
    (Dave's judgements of the evidence story, the managers' validations of this cycle)."""
    for username in ASSURERS:
        Assurer.objects.create(person=people[username])
    iris, carol = people["iris"].user, people["carol"].user

    plan = create_plan(iris, name="Assessor decisions", kind="assessor", unit=root)
    start = today - timedelta(days=90)
    draw = draw_samples(iris, plan, start, today - timedelta(days=1), seed=ASSESSOR_SEED)
    samples = list(draw.samples.select_related("rating__element", "person__user", "plan"))
    for number, sample in enumerate(samples[: len(samples) // 2]):
        if number == 2:
            review = review_sample(
                iris, sample, outcome="disagree", action=DISAGREEMENT, email=False
            )
        else:
            review = review_sample(
                iris, sample, outcome="agree", comment="Judgement sound.", email=False
            )
        _backdate(Review, review.pk, _at(today - timedelta(days=8 if number < 3 else 2), 15))

    # Managers rate many skills each: 20% of a new manager's validations per skill, not 50%.
    managers = create_plan(
        carol, name="Manager validations", kind="manager", unit=root, new_rate=20
    )
    draw = draw_samples(
        carol, managers, today - timedelta(days=21), today - timedelta(days=1), seed=MANAGER_SEED
    )
    for number, sample in enumerate(
        draw.samples.select_related("rating__element", "person__user", "plan")[:2]
    ):
        if number == 0:
            review = review_sample(carol, sample, outcome="agree", email=False)
        else:
            review = review_sample(
                carol, sample, outcome="disagree", action=MANAGER_DISAGREEMENT, email=False
            )
        _backdate(Review, review.pk, _at(today - timedelta(days=3), 10))
