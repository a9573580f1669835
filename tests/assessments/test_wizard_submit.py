"""Submitting a self-assessment, adding steps of one's own, and when it can no longer change."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.test import Client

from skillframe.assessments.models import Cycle, Rating, SelfAssessment
from skillframe.audit.models import AuditEvent
from skillframe.notifications.models import Notification
from tests.assessments.wizard_helpers import confirmed, cycle, login, start, step_url

__all__ = ["cycle"]  # the fixture, shared with the pages tests

LEVELS = {"PPM-PPL": "3", "BACM-SMC": "3", "LP-LTW": "2"}


def fill(client: Client, assessment: SelfAssessment, codes: list[str]) -> None:
    for code in codes:
        response = client.post(step_url(assessment, code), {"level": LEVELS[code]})
        assert response.status_code == 302, response.content.decode()


def test_an_empty_self_assessment_cannot_be_submitted(
    client: Client, personas: Any, cycle: Cycle
) -> None:
    personas.alice.current_role = None  # no requirements: the wizard has no steps of its own
    personas.alice.save()
    login(client, personas, "alice")
    assessment = start(client, cycle)
    response = client.post(f"/assessments/{assessment.pk}/submit/")
    assert response.status_code == 400
    assert "nothing to submit yet" in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.status == "draft"


def test_submit_with_steps_left_is_refused_with_the_list(
    client: Client, personas: Any, cycle: Cycle
) -> None:
    login(client, personas, "alice")
    assessment = start(client, cycle)
    fill(client, assessment, ["PPM-PPL"])
    response = client.post(f"/assessments/{assessment.pk}/submit/")
    html = response.content.decode()
    assert response.status_code == 400
    assert "was not submitted" in html
    assert "BACM-SMC Stakeholder management and communication" in html
    assert "LP-LTW Leadership and teamwork" in html
    assert "PPM-PPL Project and programme planning;" not in html  # done, so not listed
    assessment.refresh_from_db()
    assert assessment.status == "draft" and assessment.submitted_at is None
    assert not Notification.objects.exists()


def test_submit_notifies_the_manager_with_the_review_link_and_audits(
    client: Client, personas: Any, cycle: Cycle, django_capture_on_commit_callbacks: Any
) -> None:
    login(client, personas, "alice")
    assessment = start(client, cycle)
    fill(client, assessment, list(LEVELS))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/assessments/{assessment.pk}/submit/", confirmed(assessment))
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == "submitted" and assessment.submitted_at is not None
    note = Notification.objects.get()
    assert note.recipient == personas.bob.user
    assert note.url == f"/assessments/{assessment.pk}/review/"
    assert "Alice Archer submitted a self-assessment for Spring review" in note.text
    assert [m.to for m in mail.outbox] == [["bob@example.org"]]
    event = AuditEvent.objects.get(action="self-assessment.submit")
    assert event.target == f"assessments.selfassessment:{assessment.pk}"
    assert event.actor == personas.alice.user
    page = client.get(f"/assessments/{assessment.pk}/").content.decode()
    assert "0 of 3 steps left" in page and "can no longer be changed" in page


# Issue 11: submitting takes the confirmation step (tests/assessments/test_wizard_confirm.py), so
# the successful submits below send its token.
def test_a_submitted_or_closed_assessment_cannot_change(
    client: Client, personas: Any, cycle: Cycle
) -> None:
    login(client, personas, "alice")
    assessment = start(client, cycle)
    fill(client, assessment, list(LEVELS))
    client.post(f"/assessments/{assessment.pk}/submit/", confirmed(assessment))
    html = client.post(step_url(assessment, "PPM-PPL"), {"level": "4"}).content.decode()
    assert "can no longer be changed" in html
    assert client.post(f"/assessments/{assessment.pk}/submit/").status_code == 400
    assert Rating.objects.filter(assessment=assessment).count() == 3

    draft = SelfAssessment.objects.create(person=personas.alice, cycle=cycle, role=personas.leader)
    Cycle.objects.filter(pk=cycle.pk).update(status=Cycle.Status.CLOSED)
    html = client.post(
        step_url(draft, "INSML005"), {"judgement-INSML005.P1": "competent"}
    ).content.decode()
    assert "the assessment cycle is closed" in html
    assert not Rating.objects.filter(assessment=draft).exists()


def test_a_person_adds_a_step_of_their_own_which_stays_optional(
    client: Client, personas: Any, cycle: Cycle
) -> None:
    login(client, personas, "alice")
    assessment = start(client, cycle)
    overview = client.get(f"/assessments/{assessment.pk}/").content.decode()
    assert "INSML005 Provide leadership to your team</option>" in overview  # her target role
    from skillframe.frameworks.models import Element

    unit = Element.objects.get(code="INSML005")
    response = client.post(f"/assessments/{assessment.pk}/add/", {"element": unit.pk})
    assert response["Location"] == step_url(assessment, "INSML005")
    client.post(step_url(assessment, "INSML005"), {"judgement-INSML005.P1": "competent"})
    overview = client.get(f"/assessments/{assessment.pk}/").content.decode()
    assert "4 of 4 steps left" in overview and "your choice (optional)" in overview
    # The extra step is partly done, yet it does not block submitting.
    fill(client, assessment, list(LEVELS))
    assert (
        client.post(f"/assessments/{assessment.pk}/submit/", confirmed(assessment)).status_code
        == 302
    )


def test_adding_something_that_is_not_a_skill_or_unit_is_refused(
    client: Client, personas: Any, cycle: Cycle
) -> None:
    from skillframe.frameworks.models import Element

    login(client, personas, "alice")
    assessment = start(client, cycle)
    level = Element.objects.get(code="PPM-PPL.L3")
    response = client.post(f"/assessments/{assessment.pk}/add/", {"element": level.pk})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    required = Element.objects.get(code="PPM-PPL")  # already a step of her role
    response = client.post(f"/assessments/{assessment.pk}/add/", {"element": required.pk})
    assert response.status_code == 400


@pytest.mark.parametrize("name", ["bob", "eve"])
def test_nobody_else_can_submit(client: Client, personas: Any, cycle: Cycle, name: str) -> None:
    login(client, personas, "alice")
    assessment = start(client, cycle)
    fill(client, assessment, list(LEVELS))
    login(client, personas, name)
    assert client.post(f"/assessments/{assessment.pk}/submit/").status_code == 404
    assessment.refresh_from_db()
    assert assessment.status == "draft"
