"""Ratings over the API: who may rate as what, validation, current standing and history."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from skillframe.api.models import ApiToken
from skillframe.assessments.models import Cycle, Rating
from skillframe.assessments.ratings import record_rating
from skillframe.frameworks.models import Element
from tests.api.api_helpers import fields, send, signed_in

RATINGS = "/api/people/E-alice/ratings"


def _rating(**body: Any) -> dict[str, Any]:
    return {"framework": "axelos", "element": "PPM-PPL", **body}


def test_bob_rates_alice_as_her_manager(personas: Any) -> None:
    response = send(
        signed_in(personas.bob),
        "POST",
        RATINGS,
        _rating(source="manager", level=3, comment="Plans well", confidence=4),
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["source"], body["level"], body["value"], body["rater"]) == (
        "manager",
        3,
        "level 3",
        "Bob Baker",
    )
    assert body["next_review_on"] is not None and body["stale"] is False
    rating = Rating.objects.get(pk=body["id"])
    assert (rating.person, rating.rater) == (personas.alice, personas.bob.user)


def test_alice_rates_herself_but_not_as_her_manager(personas: Any) -> None:
    alice = signed_in(personas.alice)
    own = send(alice, "POST", RATINGS, _rating(source="self", level=2, statements_met=[]))
    assert own.status_code == 201, own.content
    refused = send(alice, "POST", RATINGS, _rating(source="manager", level=4))
    assert refused.status_code == 403
    assert "manager" in refused.json()["detail"]
    assert Rating.objects.filter(person=personas.alice).count() == 1


def test_eve_cannot_rate_alice(personas: Any) -> None:
    eve = signed_in(personas.eve)
    for source in ("self", "manager", "assessor"):
        response = send(eve, "POST", RATINGS, _rating(source=source, level=3))
        assert response.status_code == 404
    # Bob sees Alice but is not her assessor: 403, not 404.
    bob = send(signed_in(personas.bob), "POST", RATINGS, _rating(source="assessor", level=3))
    assert bob.status_code == 403
    assert not Rating.objects.exists()


def test_dave_judges_a_nos_unit_as_assessor(personas: Any) -> None:
    body = {"framework": "nos-ml", "element": "INSML005", "source": "assessor"}
    response = send(signed_in(personas.dave), "POST", RATINGS, body | {"competence": "competent"})
    assert response.status_code == 201, response.content
    assert (response.json()["competence"], response.json()["value"]) == ("competent", "Competent")


def test_invalid_ratings_are_422_naming_the_field(personas: Any) -> None:
    bob = signed_in(personas.bob)

    def post(**body: Any) -> dict[str | None, str]:
        return fields(send(bob, "POST", RATINGS, _rating(**body)))

    assert "not on the scale" in post(source="manager", level=9, comment="x")["level"]
    assert "needs a level" in post(source="manager", comment="x")["level"]
    assert "competence" in post(source="manager", level=3, competence="competent")
    # Bob's roles use AXELOS only: a NOS unit is not his to be rated on.
    nos_for_bob = {"framework": "nos-ml", "element": "INSML005", "source": "self"}
    outside = send(
        bob, "POST", "/api/people/E-bob/ratings", nos_for_bob | {"competence": "competent"}
    )
    assert "not in a framework" in fields(outside)["element"]
    assert "NOPE" in post(element="NOPE", source="manager", level=3)["element"]
    assert "framework" in post(framework="nope", source="manager", level=3)
    assert "source" in post(source="boss", level=3)  # schema validation, same shape
    assert "confidence" in post(source="manager", level=3, confidence=9)
    assert (
        "BACM-SMC.L3.1"
        in post(source="manager", level=3, statements_met=["BACM-SMC.L3.1"])["statements_met"]
    )
    nos = {"framework": "nos-ml", "element": "INSML005", "source": "assessor", "level": 2}
    assert "competence" in fields(send(signed_in(personas.dave), "POST", RATINGS, nos))["level"]
    assert not Rating.objects.exists()


def test_manager_must_comment_when_adjusting_a_self_rating(personas: Any) -> None:
    send(signed_in(personas.alice), "POST", RATINGS, _rating(source="self", level=4))
    bob = signed_in(personas.bob)
    assert "comment" in fields(send(bob, "POST", RATINGS, _rating(source="manager", level=3)))
    agreed = send(bob, "POST", RATINGS, _rating(source="manager", level=4))
    assert agreed.status_code == 201


def test_rating_in_a_cycle(personas: Any) -> None:
    today = date.today()
    cycle = Cycle.objects.create(
        name="Now", starts_on=today - timedelta(days=1), ends_on=today + timedelta(days=30)
    )
    cycle.units.add(personas.delivery)
    other = Cycle.objects.create(
        name="Ops", starts_on=today - timedelta(days=1), ends_on=today + timedelta(days=30)
    )
    other.units.add(personas.operations)
    alice = signed_in(personas.alice)
    ok = send(alice, "POST", RATINGS, _rating(source="self", level=3, cycle=cycle.pk))
    assert ok.status_code == 201 and ok.json()["cycle"] == cycle.pk
    assert "cycle" in fields(send(alice, "POST", RATINGS, _rating(source="self", cycle=other.pk)))
    cycle.status = Cycle.Status.CLOSED
    cycle.save()
    closed = send(alice, "POST", RATINGS, _rating(source="self", level=3, cycle=cycle.pk))
    assert "not an open cycle" in fields(closed)["cycle"]


def _rate_many(personas: Any, codes: list[str]) -> None:
    for code in codes:
        element = Element.objects.get(framework__slug="axelos", code=code)
        record_rating(personas.alice.user, personas.alice, element, "self", level=2)
        record_rating(
            personas.bob.user, personas.alice, element, "manager", level=2, comment="agreed"
        )


def test_current_ratings(personas: Any) -> None:
    ppl = Element.objects.get(framework__slug="axelos", code="PPM-PPL")
    smc = Element.objects.get(framework__slug="axelos", code="BACM-SMC")
    alice, bob = personas.alice, personas.bob
    record_rating(alice.user, alice, ppl, "self", level=2)
    record_rating(alice.user, alice, ppl, "self", level=3)  # changed her mind: newest counts
    record_rating(bob.user, alice, ppl, "manager", level=2, comment="Not yet 3")
    past = date.today() - timedelta(days=1)
    record_rating(bob.user, alice, smc, "manager", level=3, next_review_on=past)
    dave = Element.objects.get(framework__slug="nos-ml", code="INSML005")
    record_rating(personas.dave.user, alice, dave, "assessor", competence="not-yet")

    rows = signed_in(personas.bob).get(f"{RATINGS}/current").json()
    by_code = {row["element"]: row for row in rows}
    assert [row["element"] for row in rows] == ["PPM-PPL", "BACM-SMC", "INSML005"]
    assert by_code["PPM-PPL"]["self_rating"]["level"] == 3
    assert by_code["PPM-PPL"]["validated"]["level"] == 2
    assert by_code["PPM-PPL"]["disagrees"] is True and by_code["PPM-PPL"]["stale"] is False
    assert by_code["BACM-SMC"]["self_rating"] is None
    assert by_code["BACM-SMC"]["stale"] is True
    assert by_code["BACM-SMC"]["validated"]["stale"] is True
    assert by_code["INSML005"]["validated"]["competence"] == "not-yet"
    only_nos = signed_in(personas.alice).get(f"{RATINGS}/current", {"framework": "nos-ml"})
    assert [row["element"] for row in only_nos.json()] == ["INSML005"]
    assert signed_in(personas.eve).get(f"{RATINGS}/current").status_code == 404


def test_current_ratings_cost_one_ratings_query_whatever_their_number(
    personas: Any, django_assert_max_num_queries: Any
) -> None:
    bob = signed_in(personas.bob)
    _rate_many(personas, ["PPM-PPL"])
    with CaptureQueriesContext(connection) as few:
        assert len(bob.get(f"{RATINGS}/current").json()) == 1
    _rate_many(personas, ["BACM-SMC", "LP-LTW", "PPM-PRM", "PPM-PMC", "PPM-CCM", "PPM-PQM"])
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(bob.get(f"{RATINGS}/current").json()) == 7
    with CaptureQueriesContext(connection) as many:
        bob.get(f"{RATINGS}/current")
    rating_reads = [q for q in many.captured_queries if '"assessments_rating"' in q["sql"]]
    assert len(rating_reads) == 1


def test_history_newest_first_paginated_and_filtered(
    personas: Any, django_assert_max_num_queries: Any
) -> None:
    ppl = Element.objects.get(framework__slug="axelos", code="PPM-PPL")
    alice = personas.alice
    for level in (1, 2, 3, 4):
        record_rating(alice.user, alice, ppl, "self", level=level)
    _rate_many(personas, ["BACM-SMC", "LP-LTW", "PPM-PRM"])
    bob = signed_in(personas.bob)
    with django_assert_max_num_queries(11):
        page = bob.get(f"{RATINGS}/history", {"limit": 50}).json()
    assert page["count"] == 10
    stamps = [(row["created_at"], row["id"]) for row in page["items"]]
    assert stamps == sorted(stamps, reverse=True)
    history = bob.get(
        f"{RATINGS}/history", {"framework": "axelos", "element": "PPM-PPL", "limit": 2}
    ).json()
    assert history["count"] == 4
    assert [row["level"] for row in history["items"]] == [4, 3]
    second = bob.get(
        f"{RATINGS}/history", {"framework": "axelos", "element": "PPM-PPL", "offset": 2}
    ).json()
    assert [row["level"] for row in second["items"]] == [2, 1]
    managers = bob.get(f"{RATINGS}/history", {"source": "manager"}).json()
    assert managers["count"] == 3
    assert bob.get(f"{RATINGS}/history", {"framework": "nope"}).status_code == 404
    assert signed_in(personas.eve).get(f"{RATINGS}/history").status_code == 404


def test_rating_with_a_personal_access_token(personas: Any, client: Client) -> None:
    _, secret = ApiToken.issue(personas.alice.user, "self-assessment script")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    response = send(client, "POST", RATINGS, _rating(source="self", level=3), **auth)
    assert response.status_code == 201, response.content
    assert response.json()["rater"] == "Alice Archer"
    current = client.get(f"{RATINGS}/current", **auth).json()
    assert current[0]["self_rating"]["level"] == 3
    # The token acts as Alice: still no manager rating, still nothing of Eve's.
    assert (
        send(client, "POST", RATINGS, _rating(source="manager", level=3), **auth).status_code == 403
    )
    assert client.get("/api/people/E-eve", **auth).status_code == 404


def test_ratings_refuse_anonymous_callers(personas: Any, client: Client) -> None:
    assert send(client, "POST", RATINGS, _rating(source="self", level=3)).status_code == 401
    assert client.get(f"{RATINGS}/current").status_code == 401
    assert client.get(f"{RATINGS}/history").status_code == 401
    assert not Rating.objects.exists()
