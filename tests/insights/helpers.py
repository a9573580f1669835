"""A rated Alice for the insights tests: the numbers are worked by hand in each test."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from skillframe.assessments.models import Interest
from skillframe.assessments.ratings import record_rating
from skillframe.frameworks.models import Element
from skillframe.people.models import OrgGoal, OrgGoalWeight

TODAY = date.today()


def el(code: str) -> Element:
    return Element.objects.get(code=code)


def rate_alice(p: Any) -> None:
    """Alice (current role project-manager, target team-leader):

    - PPM-PPL: self 2, Bob agrees at 2 with a review date already passed (stale);
    - BACM-SMC: self 4, not validated (one level above target 3);
    - LP-LTW: no rating; she wants to develop it (a newer Interest overrides an older "no");
    - INSML005 (24 criteria + 23 knowledge items = 47, counted in the source text):
      Dave (assessor) P1 competent, P2 not yet; Alice herself K1 competent;
    - INSML011: nothing.
    Goals: an active goal weights family PPM 2.0 and skill PPM-PPL 0.5, family BACM 1.0; another
    active goal weights INSML005 1.0; an expired goal weights LP-LTW 3.0.
    """
    alice, bob, dave = p.alice, p.bob, p.dave
    record_rating(alice.user, alice, el("PPM-PPL"), "self", level=2)
    record_rating(
        bob.user, alice, el("PPM-PPL"), "manager", level=2, next_review_on=TODAY - timedelta(1)
    )
    record_rating(alice.user, alice, el("BACM-SMC"), "self", level=4)
    record_rating(dave.user, alice, el("INSML005.P1"), "assessor", competence="competent")
    record_rating(dave.user, alice, el("INSML005.P2"), "assessor", competence="not-yet")
    record_rating(alice.user, alice, el("INSML005.K1"), "self", competence="competent")
    Interest.objects.create(person=alice, element=el("LP-LTW"), wants_to_develop=False)
    Interest.objects.create(person=alice, element=el("LP-LTW"), wants_to_develop=True)
    year = OrgGoal.objects.create(
        title="Delivery excellence",
        starts_on=TODAY - timedelta(30),
        ends_on=TODAY + timedelta(300),
    )
    OrgGoalWeight.objects.create(goal=year, element=el("PPM"), weight=2.0)
    OrgGoalWeight.objects.create(goal=year, element=el("PPM-PPL"), weight=0.5)
    OrgGoalWeight.objects.create(goal=year, element=el("BACM"), weight=1.0)
    lead = OrgGoal.objects.create(
        title="Leadership", starts_on=TODAY - timedelta(1), ends_on=TODAY + timedelta(1)
    )
    OrgGoalWeight.objects.create(goal=lead, element=el("INSML005"), weight=1.0)
    old = OrgGoal.objects.create(
        title="Last year", starts_on=TODAY - timedelta(400), ends_on=TODAY - timedelta(35)
    )
    OrgGoalWeight.objects.create(goal=old, element=el("LP-LTW"), weight=3.0)
