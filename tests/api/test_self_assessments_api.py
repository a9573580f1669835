"""Self-assessments, the manager's review, replies and interests over the API (issue 17)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from skillframe.assessments.models import Cycle, Interest, Rating, RatingReply, SelfAssessment
from skillframe.notifications.models import Notification
from tests.api.api_helpers import fields, send, signed_in
from tests.assessments.review_helpers import el, submitted


@pytest.fixture
def cycle(personas: Any) -> Cycle:
    today = timezone.localdate()
    cycle = Cycle.objects.create(
        name="Spring review",
        starts_on=today - timedelta(days=1),
        ends_on=today + timedelta(days=30),
    )
    cycle.units.add(personas.delivery)
    return cycle


def _start(client: Any, cycle: Cycle, status: int = 201) -> dict[str, Any]:
    response = client.post(f"/api/cycles/{cycle.pk}/self-assessment")
    assert response.status_code == status, response.content
    return response.json()


def test_start_resume_fill_in_and_submit(personas: Any, cycle: Cycle) -> None:
    alice = signed_in(personas.alice)
    started = _start(alice, cycle)
    assert started["status"] == "draft" and started["role"] == "project-manager"
    assert [s["code"] for s in started["steps"]] == ["PPM-PPL", "BACM-SMC", "LP-LTW"]
    assert _start(alice, cycle, 200)["id"] == started["id"]  # resumed, not a second one
    base = f"/api/self-assessments/{started['id']}"

    step = alice.get(f"{base}/steps/PPM-PPL").json()
    assert step["step"]["kind"] == "levels" and step["level"] is None
    assert any(level["defined"] and level["statements"] for level in step["levels"])

    body = {"level": 3, "statements": ["PPM-PPL.L3.1"], "confidence": 4, "wants": True}
    saved = send(alice, "put", f"{base}/steps/PPM-PPL", body).json()
    assert (saved["level"], saved["statements"], saved["wants"]) == (3, ["PPM-PPL.L3.1"], True)
    assert Interest.objects.filter(person=personas.alice, wants_to_develop=True).count() == 1

    # Submitting with steps left is refused, naming them; nothing changes.
    refused = alice.post(f"{base}/submit")
    assert "BACM-SMC" in fields(refused)[None]
    for code in ("BACM-SMC", "LP-LTW"):
        assert send(alice, "put", f"{base}/steps/{code}", {"level": 3}).status_code == 200
    done = alice.post(f"{base}/submit")
    assert done.status_code == 200 and done.json()["status"] == "submitted"
    assert Notification.objects.filter(recipient=personas.bob.user).count() == 1
    # A submitted self-assessment can no longer change.
    assert send(alice, "put", f"{base}/steps/LP-LTW", {"level": 2}).status_code == 422

    listed = alice.get("/api/self-assessments", {"status": "submitted"}).json()
    assert [row["id"] for row in listed["items"]] == [started["id"]]
    reports = signed_in(personas.bob).get("/api/self-assessments", {"whose": "reports"}).json()
    assert [row["person"] for row in reports["items"]] == ["E-alice"]


def test_bad_step_input_is_422_and_saves_nothing(personas: Any, cycle: Cycle) -> None:
    alice = signed_in(personas.alice)
    base = f"/api/self-assessments/{_start(alice, cycle)['id']}"
    before = Rating.objects.count()
    assert "level" in fields(send(alice, "put", f"{base}/steps/PPM-PPL", {"level": 9}))
    assert "statements" in fields(
        send(alice, "put", f"{base}/steps/PPM-PPL", {"level": 3, "statements": ["NOPE"]})
    )
    assert "judgements" in fields(
        send(alice, "put", f"{base}/steps/PPM-PPL", {"judgements": {"X": "competent"}})
    )
    assert Rating.objects.count() == before
    assert alice.get(f"{base}/steps/NOT-A-SKILL").status_code == 404


def test_only_the_person_opens_their_self_assessment(personas: Any, cycle: Cycle) -> None:
    assessment_id = _start(signed_in(personas.alice), cycle)["id"]
    for who in ("bob", "carol", "dave", "eve"):
        client = signed_in(getattr(personas, who))
        assert client.get(f"/api/self-assessments/{assessment_id}").status_code == 404
        assert client.post(f"/api/self-assessments/{assessment_id}/submit").status_code == 404
        response = send(
            client, "put", f"/api/self-assessments/{assessment_id}/steps/PPM-PPL", {"level": 3}
        )
        assert response.status_code == 404
    # Eve's unit is not in the cycle: it is not hers to start.
    assert (
        signed_in(personas.eve).post(f"/api/cycles/{cycle.pk}/self-assessment").status_code == 404
    )


def test_the_manager_reviews_agree_and_adjust_all_or_nothing(personas: Any) -> None:
    assessment = submitted(personas, {"PPM-PPL": 3, "BACM-SMC": 2, "LP-LTW": 3})
    bob = signed_in(personas.bob)
    base = f"/api/self-assessments/{assessment.pk}/review"
    page = bob.get(base).json()
    assert page["open_for_review"] and page["total"] == 3 and page["done"] == 0
    # An adjustment without a reason is refused, and the agreement sent with it is not saved.
    bad = send(
        bob,
        "post",
        base,
        {
            "decisions": [
                {"element": "PPM-PPL", "action": "agree"},
                {"element": "BACM-SMC", "action": "adjust", "value": "3"},
            ]
        },
    )
    assert "decisions.1.comment" in fields(bad)
    assert Rating.objects.filter(source="manager").count() == 0
    unknown = send(bob, "post", base, {"decisions": [{"element": "NOPE", "action": "agree"}]})
    assert "decisions.0.element" in fields(unknown)
    good = send(
        bob,
        "post",
        base,
        {
            "decisions": [
                {"element": "PPM-PPL", "action": "agree"},
                {"element": "BACM-SMC", "action": "adjust", "value": "3", "comment": "Seen it"},
            ]
        },
    )
    assert good.status_code == 200 and good.json()["decided"] == 2
    section = next(s for s in good.json()["review"]["sections"] if s["remaining"])
    agreed = send(bob, "post", f"{base}/agree-section", {"section": section["key"]})
    assert agreed.status_code == 200 and agreed.json()["review"]["done"] == 3
    assessment.refresh_from_db()
    assert assessment.status == SelfAssessment.Status.REVIEWED
    assert send(bob, "post", f"{base}/agree-section", {"section": "nope"}).status_code == 404


def test_review_access_person_403_others_404(personas: Any) -> None:
    assessment = submitted(personas, {"PPM-PPL": 3})
    base = f"/api/self-assessments/{assessment.pk}/review"
    assert signed_in(personas.alice).get(base).status_code == 403
    body = {"decisions": [{"element": "PPM-PPL", "action": "agree"}]}
    assert send(signed_in(personas.alice), "post", base, body).status_code == 403
    for who in ("carol", "dave", "eve"):
        assert signed_in(getattr(personas, who)).get(base).status_code == 404
        assert send(signed_in(getattr(personas, who)), "post", base, body).status_code == 404
    assert Rating.objects.filter(source="manager").count() == 0


def test_replies_to_a_rating(personas: Any) -> None:
    from skillframe.assessments.ratings import record_rating

    rating = record_rating(personas.bob.user, personas.alice, el("PPM-PPL"), "manager", level=2)
    url = f"/api/ratings/{rating.pk}/replies"
    answer = send(signed_in(personas.alice), "post", url, {"text": "I led the plan myself."})
    assert answer.status_code == 201 and answer.json()["rating"] == rating.pk
    assert "text" in fields(send(signed_in(personas.alice), "post", url, {"text": "  "}))
    assert send(signed_in(personas.eve), "post", url, {"text": "hi"}).status_code == 404
    assert send(signed_in(personas.carol), "post", url, {"text": "hi"}).status_code == 403
    assert RatingReply.objects.count() == 1


def test_interests_newest_answer_per_element(personas: Any) -> None:
    Interest.objects.create(person=personas.alice, element=el("PPM-PPL"), wants_to_develop=True)
    Interest.objects.create(person=personas.alice, element=el("PPM-PPL"), wants_to_develop=False)
    rows = signed_in(personas.bob).get("/api/people/E-alice/interests").json()
    assert rows["count"] == 1 and rows["items"][0]["wants_to_develop"] is False
    assert signed_in(personas.eve).get("/api/people/E-alice/interests").status_code == 404


def test_a_nos_unit_is_judged_item_by_item_and_can_be_added(personas: Any, cycle: Cycle) -> None:
    alice = signed_in(personas.alice)
    base = f"/api/self-assessments/{_start(alice, cycle)['id']}"
    # INSML005 is not a requirement of her role: she adds it by saving it (as on the page).
    step = alice.get(f"{base}/steps/INSML005").json()
    assert step["step"]["kind"] == "unit" and step["step"]["required"] is False
    first = step["items"][0]["code"]
    before = Rating.objects.count()
    bad = send(alice, "put", f"{base}/steps/INSML005", {"judgements": {first: "brilliant"}})
    assert fields(bad) and Rating.objects.count() == before
    assert "level" in fields(send(alice, "put", f"{base}/steps/INSML005", {"level": 3}))
    saved = send(alice, "put", f"{base}/steps/INSML005", {"judgements": {first: "competent"}})
    assert saved.status_code == 200
    assert saved.json()["items"][0]["competence"] == "competent"
    assert "INSML005" in [s["code"] for s in alice.get(base).json()["steps"]]
