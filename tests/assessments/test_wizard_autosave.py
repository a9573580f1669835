"""Issue 11: the wizard saves as you go. Each change is autosaved (action=autosave answers the
save status only), Back / Next save what changed before moving, and a step left untouched is
skipped without an error."""

from __future__ import annotations

from typing import Any

from django.test import Client

from skillframe.assessments.models import Cycle, Rating, SelfAssessment
from tests.assessments.wizard_helpers import PPL_L3, cycle, login, start, step_url

__all__ = ["cycle"]  # the fixture, used by name


def leader_assessment(personas: Any, cycle: Cycle) -> SelfAssessment:
    # Team leader: NOS units INSML005 and INSML011 (two judgement steps).
    return SelfAssessment.objects.create(person=personas.alice, cycle=cycle, role=personas.leader)


def test_next_saves_a_changed_nos_criterion(client: Client, personas: Any, cycle: Cycle) -> None:
    # The defect: a criterion changed on an NOS step and "Next" pressed was lost silently.
    assessment = leader_assessment(personas, cycle)
    login(client, personas, "alice")
    url = step_url(assessment, "INSML005")
    page = client.get(url).content.decode()
    assert 'name="go" value="next"' in page  # Next is a submit of the form, not a bare link
    response = client.post(url, {"judgement-INSML005.P1": "competent", "go": "next"})
    assert response.status_code == 302
    assert response["Location"] == step_url(assessment, "INSML011")
    saved = Rating.objects.get(assessment=assessment, element__code="INSML005.P1")
    assert saved.competence == "competent"


def test_back_saves_and_goes_to_the_previous_step(
    client: Client, personas: Any, cycle: Cycle
) -> None:
    assessment = leader_assessment(personas, cycle)
    login(client, personas, "alice")
    response = client.post(
        step_url(assessment, "INSML011"), {"judgement-INSML011.P1": "not-yet", "go": "back"}
    )
    assert response["Location"] == step_url(assessment, "INSML005")
    assert Rating.objects.filter(assessment=assessment, element__code="INSML011.P1").exists()


def test_an_untouched_step_is_skipped_without_an_error(
    client: Client, personas: Any, cycle: Cycle
) -> None:
    login(client, personas, "alice")
    assessment = start(client, cycle)
    # A skill step needs a level to save; pressing Next without touching it just moves on.
    response = client.post(step_url(assessment, "PPM-PPL"), {"go": "next"})
    assert response["Location"] == step_url(assessment, "BACM-SMC")
    assert not Rating.objects.filter(assessment=assessment).exists()


def test_next_with_a_change_that_cannot_be_saved_stays_and_says_why(
    client: Client, personas: Any, cycle: Cycle
) -> None:
    login(client, personas, "alice")
    assessment = start(client, cycle)
    # Ticks without a level: nothing can be saved, so the step stays with the ticks kept.
    response = client.post(step_url(assessment, "PPM-PPL"), {"statements": PPL_L3, "go": "next"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "choose the level that fits you" in html
    assert 'value="PPM-PPL.L3.1" id="st-PPM-PPL.L3.1" checked' in html


def test_autosave_answers_the_save_status_only(client: Client, personas: Any, cycle: Cycle) -> None:
    login(client, personas, "alice")
    assessment = start(client, cycle)
    url = step_url(assessment, "PPM-PPL")
    page = client.get(url).content.decode()
    assert "skillframe/wizard-autosave.js" in page and "data-autosave" in page
    assert page.index("data-save-status") > page.index('name="statements"')  # beside the buttons
    data = {"statements": PPL_L3, "level": "3", "action": "autosave"}
    html = client.post(url, data).content.decode()
    assert 'data-save-state="saved"' in html and "Saved at" in html
    assert "2 of 3 steps left" in html and "<form" not in html
    assert Rating.objects.get(assessment=assessment).level == 3
    html = client.post(url, data).content.decode()  # unchanged: nothing more appended
    assert 'data-save-state="saved"' in html
    assert Rating.objects.filter(assessment=assessment).count() == 1
    html = client.post(url, {"statements": PPL_L3, "action": "autosave"}).content.decode()
    assert 'data-save-state="error"' in html and "choose the level that fits you" in html


def test_autosave_of_a_closed_cycle_is_refused(client: Client, personas: Any, cycle: Cycle) -> None:
    login(client, personas, "alice")
    assessment = start(client, cycle)
    cycle.status = Cycle.Status.CLOSED
    cycle.save()
    data = {"statements": PPL_L3, "level": "3", "action": "autosave"}
    html = client.post(step_url(assessment, "PPM-PPL"), data).content.decode()
    assert 'data-save-state="error"' in html and "closed" in html
    assert not Rating.objects.filter(assessment=assessment).exists()
