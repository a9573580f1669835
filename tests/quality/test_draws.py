"""Draws of a plan (quality/draws.py): the population, risk-based rates, recorded and seeded."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from skillframe.assessments.ratings import record_rating
from skillframe.frameworks.models import Element
from skillframe.quality import sampling
from skillframe.quality.draws import draw_samples, plan_draw
from skillframe.quality.models import Review, Sample
from skillframe.quality.plans import create_plan, set_rule
from tests.quality.helpers import assessor, backdate, decide, items

pytestmark = pytest.mark.django_db


@pytest.fixture
def today() -> Any:
    return timezone.localdate()


@pytest.fixture
def decisions(personas: Any) -> dict[str, Any]:
    """In the period (today): Dave, new (no decision before), judges 10 INSML005 and 10
    INSML011 criteria of Alice; Oscar, experienced (25 decisions two months ago), judges 10
    INSML005 criteria of Bob."""
    p = personas
    p.bob.target_role = p.leader  # NOS units are rated against a role's frameworks
    p.bob.save()
    oscar = assessor("oscar", p.operations, p.bob, p.alice)
    backdate(decide(oscar, p.alice, items("INSML011", 10) + items("INSML005", 15)), days=60)
    return {
        "oscar": oscar,
        "dave_005": decide(p.dave, p.alice, items("INSML005", 10)),
        "dave_011": decide(p.dave, p.alice, items("INSML011", 10)),
        "oscar_005": decide(oscar, p.bob, items("INSML005", 10)),
    }


def strata(draw: Any) -> dict[tuple[str, str], tuple[int, int, int, str]]:
    return {
        (s["rater"], s["standard"]): (s["decisions"], s["drawn"], s["rate"], s["reason"])
        for s in draw.strata
    }


def test_rates_are_risk_based_and_every_rater_and_standard_is_covered(
    personas: Any, decisions: dict[str, Any], today: Any
) -> None:
    plan = create_plan(personas.iris.user, name="IQA", kind="assessor", unit=personas.org)
    draw = draw_samples(personas.iris.user, plan, today, today, seed=11)
    assert draw.population == 30 and draw.seed == 11
    assert strata(draw) == {
        # Dave is new: 0 decisions before the period < 20, so 50%.
        ("dave", "INSML005"): (10, 5, 50, "new assessor: 0 decisions before the period"),
        ("dave", "INSML011"): (10, 5, 50, "new assessor: 0 decisions before the period"),
        # Oscar made 25 before: the base rate, 10%.
        ("oscar", "INSML005"): (10, 1, 10, "base rate"),
    }
    samples = Sample.objects.filter(draw=draw)
    assert samples.count() == 11
    assert set(samples.values_list("rating__source", flat=True)) == {"assessor"}
    assert draw.population_digest == sampling.digest(
        r.pk for key in ("dave_005", "dave_011", "oscar_005") for r in decisions[key]
    )


def test_a_disagreement_and_rules_raise_the_rate(
    personas: Any, decisions: dict[str, Any], today: Any
) -> None:
    p = personas
    plan = create_plan(p.iris.user, name="IQA", kind="assessor", unit=p.org, new_threshold=0)
    earlier = create_plan(p.iris.user, name="Earlier", kind="assessor", unit=p.org)
    first = draw_samples(p.iris.user, earlier, today - timedelta(days=90), today - timedelta(1))
    sample = first.samples.filter(rater=decisions["oscar"].user).first()
    Review.objects.create(sample=sample, reviewer=p.iris.user, outcome="disagree", action="x")
    set_rule(p.iris.user, plan, rate=30, standard="INSML011")
    got = strata(draw_samples(p.iris.user, plan, today, today, seed=3))
    assert got[("oscar", "INSML005")][1:] == (10, 100, f"disagreement on {today.isoformat()}")
    assert got[("dave", "INSML011")][1:] == (3, 30, "standard rule")
    assert got[("dave", "INSML005")][1:] == (1, 10, "base rate")
    set_rule(p.iris.user, plan, rate=40, rater="dave")
    _, again, _ = plan_draw(plan, today, today, seed=3)
    units = dict(
        Element.objects.filter(code__in=["INSML005", "INSML011"]).values_list("pk", "code")
    )
    # The highest rate wins: Dave's 40% over the base rate and over INSML011's 30%.
    assert {(units[s.standard], s.rate, s.reason) for s in again if s.rater == p.dave.user.pk} == {
        ("INSML005", 40, "assessor rule"),
        ("INSML011", 40, "assessor rule"),
    }


def test_the_same_seed_draws_the_same_decisions_and_a_draw_is_not_repeated(
    personas: Any, decisions: dict[str, Any], today: Any
) -> None:
    plan = create_plan(personas.iris.user, name="IQA", kind="assessor", unit=personas.org)
    _, first, _ = plan_draw(plan, today, today, seed=99)
    _, second, _ = plan_draw(plan, today, today, seed=99)
    assert first == second
    _, other, _ = plan_draw(plan, today, today, seed=100)
    assert [s.drawn for s in other] != [s.drawn for s in first]
    draw = draw_samples(personas.iris.user, plan, today, today, seed=99)
    assert sorted(draw.samples.values_list("rating_id", flat=True)) == sorted(
        pk for s in first for pk in s.drawn
    )
    # Drawing the period again takes only decisions not sampled yet.
    again = draw_samples(personas.iris.user, plan, today, today, seed=99)
    assert again.population == 30 - draw.samples.count()
    assert not set(again.samples.values_list("rating_id", flat=True)) & set(
        draw.samples.values_list("rating_id", flat=True)
    )


def test_a_period_covers_its_days_only_and_the_unit_its_people(
    personas: Any, decisions: dict[str, Any], today: Any
) -> None:
    p = personas
    plan = create_plan(p.carol.user, name="Delivery", kind="assessor", unit=p.delivery)
    old = draw_samples(p.carol.user, plan, today - timedelta(days=61), today - timedelta(days=59))
    assert old.population == 25  # Oscar's back-dated decisions on Alice (Delivery)
    operations = create_plan(p.carol.user, name="Ops", kind="assessor", unit=p.operations)
    assert draw_samples(p.carol.user, operations, today, today).population == 0


def test_manager_plans_sample_manager_validations(personas: Any, today: Any) -> None:
    p = personas
    for element in items("INSML005", 4):
        record_rating(p.bob.user, p.alice, element, "manager", competence="competent")
    decide(p.dave, p.alice, items("INSML011", 2))
    plan = create_plan(p.carol.user, name="Managers", kind="manager", unit=p.org, base_rate=25)
    draw = draw_samples(p.carol.user, plan, today, today, seed=1)
    assert strata(draw) == {
        ("bob", "INSML005"): (4, 2, 50, "new manager: 0 decisions before the period")
    }


def test_who_may_plan_and_draw(personas: Any, today: Any) -> None:
    p = personas
    with pytest.raises(PermissionDenied):
        create_plan(p.iris.user, name="Managers", kind="manager", unit=p.org)  # HR's job
    with pytest.raises(PermissionDenied):
        create_plan(p.dave.user, name="Mine", kind="assessor", unit=p.org)
    plan = create_plan(p.iris.user, name="IQA", kind="assessor", unit=p.org)
    with pytest.raises(PermissionDenied):
        draw_samples(p.eve.user, plan, today, today)
    with pytest.raises(ValidationError) as bad:
        draw_samples(p.iris.user, plan, today, today - timedelta(days=1))
    assert "ends_on" in bad.value.message_dict
    with pytest.raises(ValidationError) as bad:
        create_plan(p.iris.user, name=" ", kind="assessor", unit=p.org, base_rate=0)
    assert set(bad.value.message_dict) == {"name", "base_rate"}
    with pytest.raises(ValidationError) as bad:
        set_rule(p.iris.user, plan, rate=20, rater="nobody")
    assert "rater" in bad.value.message_dict
    assert plan.draws.count() == 0 and plan.rules.count() == 0
