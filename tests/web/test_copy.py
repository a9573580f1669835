"""Issue 11's copy defects outside the catalogue: notifications that name person, role and
cycle and are not told twice; the button hierarchy on a new objective."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from skillframe.assessments.models import Cycle, SelfAssessment
from skillframe.assessments.wizard import submitted_text
from skillframe.development import plans
from skillframe.notifications.models import Notification, notify
from tests.development.helpers import alice_plan

pytestmark = pytest.mark.django_db


def test_the_submitted_notification_names_person_cycle_and_role(personas: Any) -> None:
    today = timezone.localdate()
    cycle = Cycle.objects.create(name="Spring review", starts_on=today, ends_on=today)
    current = SelfAssessment(person=personas.alice, cycle=cycle, role=personas.pm)
    target = SelfAssessment(person=personas.alice, cycle=cycle, role=personas.leader)
    assert submitted_text("Alice Archer", current) == (
        "Alice Archer submitted a self-assessment for Spring review as Project manager "
        "for your review."
    )
    # Her two self-assessments of one cycle no longer read the same.
    assert submitted_text("Alice Archer", target) != submitted_text("Alice Archer", current)


def test_the_same_unread_news_is_not_told_twice(personas: Any) -> None:
    # The self-assessment's "awaits your review" is sent with once=True (wizard.submit).
    bob = personas.bob.user
    text, url = "Alice Archer submitted a self-assessment for your review.", "/assessments/1/"
    assert len(notify([bob], text, url, once=True)) == 1
    assert notify([bob], text, url, once=True) == []
    assert Notification.objects.filter(recipient=bob).count() == 1
    Notification.objects.filter(recipient=bob).update(read_at=timezone.now())
    assert len(notify([bob], text, url, once=True)) == 1  # read news may be told again
    assert len(notify([bob], text, "/assessments/2/", once=True)) == 1  # other news
    assert len(notify([bob], text, url)) == 1  # without `once`, every event is told


def test_mark_done_is_not_the_primary_button_of_a_new_objective(
    client: Client, personas: Any
) -> None:
    plan = alice_plan(personas, submitted=True)
    plans.approve(personas.bob.user, plan)
    client.force_login(personas.alice.user)
    html = client.get(f"/plans/{plan.pk}/").content.decode()
    assert re.search(r'<button type="submit" name="status" value="done" class="secondary">', html)
    assert '<button type="submit">Add progress update</button>' in html
