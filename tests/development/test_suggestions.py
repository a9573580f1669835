"""What a new plan suggests: the person's top priorities (insights), "met" as gap analysis says."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.test import Client
from django.utils import timezone

from skillframe.assessments.models import Interest
from skillframe.assessments.ratings import record_rating
from skillframe.frameworks.models import Element
from skillframe.insights.data import priorities_for
from skillframe.insights.suggestions import suggestions_for
from skillframe.people.models import OrgGoal, OrgGoalWeight
from tests.development.helpers import element


def test_suggestions_are_the_unmet_requirements_of_both_roles_essential_first(
    personas: Any,
) -> None:
    found = suggestions_for(personas.alice)
    assert sorted((s.element.code, s.target_level) for s in found) == [
        ("BACM-SMC", 3),
        ("INSML005", None),
        ("INSML011", None),
        ("LP-LTW", 3),
        ("PPM-PPL", 3),
    ]
    assert found[-1].element.code == "LP-LTW"  # the only desirable one comes last
    ppl = next(s for s in found if s.element.code == "PPM-PPL")
    assert ppl.reason.startswith("essential for your current role")
    assert ppl.key == "axelos:PPM-PPL:3"
    assert next(s for s in found if s.element.code == "INSML005").key == "nos-ml:INSML005:"


def test_a_met_requirement_is_not_suggested(personas: Any) -> None:
    alice, bob = personas.alice, personas.bob
    record_rating(bob.user, alice, element("PPM-PPL"), "manager", level=3)  # meets level 3
    record_rating(alice.user, alice, element("BACM-SMC"), "self", level=2)  # below target
    record_rating(alice.user, alice, element("INSML005"), "self", competence="competent")
    codes = [s.element.code for s in suggestions_for(alice)]
    assert sorted(codes) == ["BACM-SMC", "INSML011", "LP-LTW"]


def test_a_standard_met_through_its_items_is_not_suggested(personas: Any, client: Client) -> None:
    """Every item of both NOS standards competent, the standards not rated as a whole: gap
    analysis rolls the items up (met), so the new-plan page suggests nothing. (Before, an empty
    priority list fell back to the standards' own ratings and offered both as "not met yet".)"""
    alice = personas.alice
    for code in ("PPM-PPL", "BACM-SMC", "LP-LTW"):
        record_rating(alice.user, alice, element(code), "self", level=3)
    for unit in ("INSML005", "INSML011"):
        for item in Element.objects.items_of([element(unit).pk]):
            record_rating(alice.user, alice, item, "self", competence="competent")
    assert priorities_for(alice) == []
    client.force_login(alice.user)
    page = client.get("/plans/new/").content.decode()
    assert "No suggestions: your roles’ requirements are all met" in page
    assert "INSML005" not in page and "INSML011" not in page


def test_suggestions_carry_the_priorities_order_targets_and_reasons(personas: Any) -> None:
    alice = personas.alice
    today = timezone.localdate()
    Interest.objects.create(person=alice, element=element("LP-LTW"), wants_to_develop=True)
    goal = OrgGoal.objects.create(
        title="Learning", starts_on=today - timedelta(days=1), ends_on=today + timedelta(days=9)
    )
    OrgGoalWeight.objects.create(goal=goal, element=element("LP-LTW"), weight=3.0)
    found = suggestions_for(alice)
    priorities = priorities_for(alice)
    assert [(s.element.pk, s.target_level) for s in found] == [
        (p.element_id, p.target_level) for p in priorities
    ]
    assert [s.reason for s in found] == ["; ".join(p.reasons) for p in priorities]
    ltw = found[0]  # the goal and the interest lift the desirable LP-LTW to the top
    assert (ltw.element.code, ltw.target_level) == ("LP-LTW", 3)
    assert "organisation goal this year" in ltw.reason
    assert "you want to develop this" in ltw.reason


def test_the_new_plan_page_offers_the_suggestions(personas: Any, client: Any) -> None:
    client.force_login(personas.eve.user)
    page = client.get("/plans/new/").content.decode()
    assert "Start with these objectives" in page
    assert 'value="axelos:PPM-PPL:3"' in page
    assert "INSML005" not in page  # not one of Eve's frameworks
