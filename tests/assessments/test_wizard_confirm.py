"""Issue 11: submitting a self-assessment (irreversible for the person) is a confirmation step
that says what it does; a POST without its token submits nothing."""

from __future__ import annotations

from typing import Any

from django.test import Client

from skillframe.assessments.models import Cycle
from skillframe.notifications.models import Notification
from tests.assessments.test_wizard_submit import LEVELS, fill
from tests.assessments.wizard_helpers import confirmed, cycle, login, start

__all__ = ["cycle"]


def test_submitting_asks_first_and_says_what_it_does(
    client: Client, personas: Any, cycle: Cycle
) -> None:
    login(client, personas, "alice")
    assessment = start(client, cycle)
    fill(client, assessment, list(LEVELS))
    url = f"/assessments/{assessment.pk}/submit/"
    overview = client.get(f"/assessments/{assessment.pk}/").content.decode()
    assert f'<form method="get" action="{url}">' in overview  # the button only asks
    page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200
    assert "After submitting you can no longer change your answers." in html
    assert "Bob Baker is told (bell and e-mail) and reviews the 3 steps you assessed." in html
    assessment.refresh_from_db()
    assert assessment.status == "draft"

    for data in ({}, {"confirm": "yes"}):
        response = client.post(url, data)
        assert response.status_code == 400
        assert "Nothing has changed yet" in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.status == "draft" and not Notification.objects.exists()

    assert client.post(url, confirmed(assessment)).status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == "submitted"


def test_the_confirmation_is_not_offered_while_steps_are_left(
    client: Client, personas: Any, cycle: Cycle
) -> None:
    login(client, personas, "alice")
    assessment = start(client, cycle)
    fill(client, assessment, ["PPM-PPL"])
    html = client.get(f"/assessments/{assessment.pk}/submit/").content.decode()
    assert "finish these steps before you submit" in html and 'name="confirm"' not in html
