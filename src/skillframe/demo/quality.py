"""The demo's quality assurance (docs/quality.md): Iris, internal quality assurer, and HR's
sampling of manager validations.

- Dave judges some NOS criteria of his learners over the past eleven weeks (assessor ratings
  through `record_rating`, back-dated like every demo rating);
- Iris's plan "Assessor decisions" (10% base, 50% for a new assessor: Dave is one) has a draw
  over the last 90 days with a fixed seed; she has reviewed some samples last month and this
  one (agreeing with most, disagreeing with one and asking Dave to act) and the rest wait;
- Carol's plan "Manager validations" samples this cycle's manager validations; she has reviewed
  two (one disagreement).
Reviews go through `review_sample`, so Dave and the managers were notified like in the app.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.db import models
from django.utils import timezone

from skillframe.assessments.models import Competence, Rating
from skillframe.assessments.ratings import record_rating
from skillframe.demo.data import ASSESSORS, ASSURERS
from skillframe.frameworks.models import Element
from skillframe.people.models import OrgUnit, Person, RoleRequirement
from skillframe.quality.draws import draw_samples
from skillframe.quality.models import Assurer, Review
from skillframe.quality.plans import create_plan
from skillframe.quality.reviews import review_sample

ITEMS_JUDGED = 6  # criteria of the learner's first NOS unit Dave has judged
ASSESSOR_SEED = 140_2026  # recorded in the draws: the same story every load
MANAGER_SEED = 240_2026
DISAGREEMENT = (
    "Look at the witness testimony again: it covers a project of 2023, not current work. "
    "Ask for recent evidence and re-judge this criterion."
)
MANAGER_DISAGREEMENT = (
    "The comment does not say what was seen. Add the example you relied on, or rate it again."
)


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _backdate(model: type[models.Model], pk: int, when: datetime) -> None:
    # As demo/ratings.py does: a plain queryset, past Rating's refusal to update().
    models.QuerySet(model=model).filter(pk=pk).update(created_at=when)


def _nos_unit(person: Person) -> Element | None:
    """The first NOS unit of the person's current or target role."""
    roles = [r for r in (person.current_role_id, person.target_role_id) if r]
    requirement = (
        RoleRequirement.objects.filter(role_id__in=roles, element__kind="unit")
        .select_related("element")
        .order_by("role_id", "position")
        .first()
    )
    return requirement.element if requirement else None


def _decisions(people: dict[str, Person], today: date, rng: random.Random) -> int:
    made = 0
    for username, learners in ASSESSORS.items():
        assessor = people[username]
        for name in learners:
            unit = _nos_unit(people[name])
            if unit is None:
                continue
            for element in Element.objects.items_of([unit.pk]).select_related("framework")[
                :ITEMS_JUDGED
            ]:
                competence = Competence.COMPETENT if rng.random() < 0.8 else Competence.NOT_YET
                rating = record_rating(
                    assessor.user, people[name], element, "assessor", competence=competence
                )
                _backdate(Rating, rating.pk, _at(today - timedelta(days=rng.randint(5, 77)), 11))
                made += 1
    return made


def add_quality(people: dict[str, Person], root: OrgUnit, today: date, seed: int) -> int:
    """Iris, the plans, the draws and some reviews; returns the assessor decisions made."""
    rng = random.Random(seed + 14)
    for username in ASSURERS:
        Assurer.objects.create(person=people[username])
    made = _decisions(people, today, rng)
    iris, carol = people["iris"].user, people["carol"].user

    plan = create_plan(iris, name="Assessor decisions", kind="assessor", unit=root)
    start = today - timedelta(days=90)
    draw = draw_samples(iris, plan, start, today - timedelta(days=1), seed=ASSESSOR_SEED)
    samples = list(draw.samples.select_related("rating__element", "person__user", "plan"))
    last_month = today - timedelta(days=35)
    for number, sample in enumerate(samples[: len(samples) // 2]):
        if number == 2:
            review = review_sample(
                iris, sample, outcome="disagree", action=DISAGREEMENT, email=False
            )
        else:
            review = review_sample(
                iris, sample, outcome="agree", comment="Judgement sound.", email=False
            )
        _backdate(Review, review.pk, _at(last_month if number < 3 else today - timedelta(2), 15))

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
    return made
