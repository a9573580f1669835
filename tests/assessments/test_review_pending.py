"""Issue 11: review decisions are pending until the manager saves them together
(`action=save_decisions`, all or nothing); the page's row forms are not sent on their own when
review-flow.js runs."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from skillframe.assessments.models import Cycle
from tests.assessments.review_helpers import el, manager_ratings, submitted


def url(assessment: Any) -> str:
    return reverse("assessments:review", args=[assessment.pk])


def test_the_page_offers_pending_decisions(client: Client, personas: Any) -> None:
    assessment = submitted(personas, {"PPM-PPL": 3})
    client.force_login(personas.bob.user)
    html = client.get(url(assessment)).content.decode()
    assert "data-decisions-form" in html and 'value="save_decisions"' in html
    assert "data-decision>" in html and 'hx-target="closest tr"' not in html
    assert "skillframe/review-flow.js" in html


def test_saving_decisions_records_them_all(client: Client, personas: Any) -> None:
    assessment = submitted(personas, {"PPM-PPL": 3, "BACM-SMC": 2, "INSML005.P1": "competent"})
    client.force_login(personas.bob.user)
    ppl, smc = el("PPM-PPL").pk, el("BACM-SMC").pk
    data = {
        "action": "save_decisions",
        f"decision-{ppl}": "agree",
        f"decision-{smc}": "adjust",
        f"value-{smc}": "3",
        f"comment-{smc}": "runs the supplier reviews",
    }
    response = client.post(url(assessment), data)
    assert response.status_code == 302 and response["Location"].endswith("?decided=2")
    assert manager_ratings(personas.alice, "PPM-PPL")[0].level == 3
    assert manager_ratings(personas.alice, "BACM-SMC")[0].comment == "runs the supplier reviews"
    assert "2 decisions saved" in client.get(response["Location"]).content.decode()


def test_one_bad_decision_saves_none(client: Client, personas: Any) -> None:
    assessment = submitted(personas, {"PPM-PPL": 3, "BACM-SMC": 2})
    client.force_login(personas.bob.user)
    ppl, smc = el("PPM-PPL").pk, el("BACM-SMC").pk
    data = {
        "action": "save_decisions",
        f"decision-{ppl}": "agree",
        f"decision-{smc}": "adjust",
        f"value-{smc}": "3",
    }
    response = client.post(url(assessment), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nothing was saved: 1 decision needs attention" in html
    assert "a comment is required when you adjust a rating" in html
    assert not manager_ratings(personas.alice, "PPM-PPL")
    assert not manager_ratings(personas.alice, "BACM-SMC")


def test_unknown_elements_and_frozen_cycles_are_refused(client: Client, personas: Any) -> None:
    assessment = submitted(personas, {"PPM-PPL": 3})
    client.force_login(personas.bob.user)
    other = el("LP-LTW").pk
    bad = {"action": "save_decisions", f"decision-{other}": "agree"}
    assert client.post(url(assessment), bad).status_code == 400
    ppl = el("PPM-PPL").pk
    odd = {"action": "save_decisions", f"decision-{ppl}": "explode"}
    assert client.post(url(assessment), odd).status_code == 400
    today = assessment.started_at.date()
    assessment.cycle = Cycle.objects.create(
        name="Closed one", starts_on=today, ends_on=today, status=Cycle.Status.CLOSED
    )
    assessment.save()
    html = client.post(url(assessment), {"action": "save_decisions", f"decision-{ppl}": "agree"})
    assert "the cycle “Closed one” is closed" in html.content.decode()
    assert not manager_ratings(personas.alice, "PPM-PPL")
