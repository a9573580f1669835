"""Anonymising a leaver blanks the quality reviews' comments and actions about their decisions
(people sends `person_anonymised`; quality blanks its own rows)."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from skillframe.audit.models import AuditEvent
from skillframe.people.records import anonymise
from skillframe.quality.draws import draw_samples
from skillframe.quality.models import Review
from skillframe.quality.plans import create_plan
from skillframe.quality.reviews import review_sample
from tests.quality.helpers import decide, items

pytestmark = pytest.mark.django_db


def test_a_leavers_review_texts_are_blanked_and_the_outcomes_kept(personas: Any) -> None:
    p = personas
    decide(p.dave, p.alice, items("INSML005", 2))
    plan = create_plan(p.iris.user, name="All", kind="assessor", unit=p.org, base_rate=100)
    today = timezone.localdate()
    first, second = draw_samples(p.iris.user, plan, today, today, seed=1).samples.order_by("pk")
    review_sample(p.iris.user, first, outcome="disagree", comment="Thin", action="Ask Alice more")
    review_sample(p.iris.user, second, outcome="agree", comment="Alice's minutes show it")
    anonymise(p.alice, actor=p.carol.user)
    assert list(Review.objects.order_by("pk").values_list("outcome", "comment", "action")) == [
        ("disagree", "", ""),
        ("agree", "", ""),
    ]
    event = AuditEvent.objects.get(action="people.anonymise")
    assert event.data["review_comments_blanked"] == 2 and event.data["review_actions_blanked"] == 1
