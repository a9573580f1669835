"""The quality API (api/quality.py): who may do what, and the answers' shapes."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from skillframe.quality.models import Draw, Review, SamplingPlan
from tests.api.api_helpers import fields, send, signed_in
from tests.quality.helpers import decide, items

pytestmark = pytest.mark.django_db

PLAN = {"name": "Assessors", "kind": "assessor", "unit": "org", "base_rate": 20}


@pytest.fixture
def drawn(personas: Any) -> dict[str, Any]:
    """Iris's plan with a draw over Dave's 4 decisions on Alice (Dave is new: 2 sampled)."""
    decide(personas.dave, personas.alice, items("INSML005", 4))
    iris = signed_in(personas.iris)
    plan = send(iris, "post", "/api/quality/plans", PLAN).json()
    today = timezone.localdate().isoformat()
    body = {"starts_on": today, "ends_on": today, "seed": 5}
    draw = send(iris, "post", f"/api/quality/plans/{plan['id']}/draws", body)
    assert draw.status_code == 201, draw.content
    return {"iris": iris, "plan": plan, "draw": draw.json()}


def test_iris_draws_lists_reviews_and_reads_agreement(personas: Any, drawn: Any) -> None:
    iris, draw = drawn["iris"], drawn["draw"]
    assert (draw["seed"], draw["population"], draw["sampled"]) == (5, 4, 2)
    assert draw["strata"] == [
        {
            "rater": "dave",
            "standard": "INSML005",
            "method": "",
            "decisions": 4,
            "rate": 50,
            "reason": "new assessor: 0 decisions before the period",
            "drawn": 2,
        }
    ]
    listed = iris.get("/api/quality/samples?status=pending").json()
    assert listed["count"] == 2
    sample = listed["items"][0]
    assert (sample["rater"], sample["person"], sample["standard"]) == (
        "dave",
        "E-alice",
        "INSML005",
    )
    missing = send(
        iris, "post", f"/api/quality/samples/{sample['id']}/review", {"outcome": "disagree"}
    )
    assert fields(missing) == {
        "action": "say what the rater must do about a decision you disagree with"
    }
    done = send(iris, "post", f"/api/quality/samples/{sample['id']}/review", {"outcome": "agree"})
    assert done.status_code == 201 and done.json()["review"]["outcome"] == "agree"
    rates = iris.get("/api/quality/agreement?kind=assessor").json()
    assert rates == [
        {
            "rater": "dave",
            "rater_name": "Dave Dunn",
            "month": None,
            "reviewed": 1,
            "agreed": 1,
            "rate": 1.0,
        }
    ]
    again = send(
        iris,
        "post",
        f"/api/quality/plans/{drawn['plan']['id']}/draws",
        {
            "starts_on": draw["starts_on"],
            "ends_on": draw["ends_on"],
            "seed": 5,
        },
    )
    assert again.json()["population"] == 2  # the sampled two are not drawn again
    csv_text = b"".join(iris.get("/api/quality/samples/export.csv").streaming_content).decode()
    assert csv_text.count("\n") == 4  # the header, 2 + 1 samples (50% of 2 left)


def test_refusals(personas: Any, drawn: Any) -> None:
    p = personas
    plan_id, sample_id = (
        drawn["plan"]["id"],
        drawn["iris"].get("/api/quality/samples").json()["items"][0]["id"],
    )
    eve, dave, carol, bob = (signed_in(x) for x in (p.eve, p.dave, p.carol, p.bob))
    # Not quality staff: 403 before anything is looked up.
    for client in (eve, dave, bob):
        assert client.get("/api/quality/plans").status_code == 403
        assert client.get(f"/api/quality/plans/{plan_id}").status_code == 403
        assert client.get("/api/quality/samples").status_code == 403
        assert client.get("/api/quality/agreement").status_code == 403
        assert send(client, "post", "/api/quality/plans", PLAN).status_code == 403
        assert client.get("/api/quality/samples/export.csv").status_code == 403
    # A sample: hidden from those who may not see it (its rater too, until reviewed).
    for client in (eve, dave, bob):
        assert client.get(f"/api/quality/samples/{sample_id}").status_code == 404
        review = send(
            client, "post", f"/api/quality/samples/{sample_id}/review", {"outcome": "agree"}
        )
        assert review.status_code == 404
    # HR sees it (Alice is in her scope) but an IQA reviews assessor decisions.
    assert carol.get(f"/api/quality/samples/{sample_id}").status_code == 200
    review = send(carol, "post", f"/api/quality/samples/{sample_id}/review", {"outcome": "agree"})
    assert review.status_code == 403
    # Iris may not plan manager sampling (HR's), nor on an unknown unit.
    iris = drawn["iris"]
    assert send(iris, "post", "/api/quality/plans", {**PLAN, "kind": "manager"}).status_code == 403
    assert fields(send(iris, "post", "/api/quality/plans", {**PLAN, "unit": "nowhere"})) == {
        "unit": "no unit with the code 'nowhere'"
    }
    assert send(iris, "post", "/api/quality/plans", {**PLAN, "base_rate": 101}).status_code == 422
    assert iris.get("/api/quality/plans/999999").status_code == 404
    assert SamplingPlan.objects.count() == 1 and Draw.objects.count() == 1
    assert not Review.objects.exists()


def test_a_rule_by_api(personas: Any, drawn: Any) -> None:
    iris, plan_id = drawn["iris"], drawn["plan"]["id"]
    rule = send(
        iris, "post", f"/api/quality/plans/{plan_id}/rules", {"standard": "INSML005.P2", "rate": 35}
    )
    assert rule.status_code == 200
    assert rule.json()["rules"] == [
        {"rater": None, "standard": "INSML005", "method": None, "rate": 35}
    ]
    both = send(iris, "post", f"/api/quality/plans/{plan_id}/rules", {"rate": 35})
    assert "rater" in fields(both)
    assert Client().get("/api/quality/plans").status_code == 401
