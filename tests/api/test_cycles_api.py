"""Assessment cycles over the API: who sees which, HR opens one, progress for HR."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.contrib.auth.models import User
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from skillframe.assessments.models import Cycle, SelfAssessment
from skillframe.notifications.models import Notification
from skillframe.people.models import Person
from tests.api.api_helpers import fields, send, signed_in


def _cycle(name: str, *, units: list[Any] = (), roles: list[Any] = ()) -> Cycle:  # type: ignore[assignment]
    today = date.today()
    cycle = Cycle.objects.create(
        name=name, starts_on=today - timedelta(days=1), ends_on=today + timedelta(days=30)
    )
    cycle.units.set(units)
    cycle.roles.set(roles)
    return cycle


def _names(client: Client, **params: Any) -> list[str]:
    response = client.get("/api/cycles", params)
    assert response.status_code == 200, response.content
    return sorted(row["name"] for row in response.json()["items"])


def test_people_see_the_cycles_that_reach_them(personas: Any) -> None:
    _cycle("Delivery", units=[personas.delivery])
    _cycle("Operations", units=[personas.operations])
    _cycle("Whole org", units=[personas.org])
    _cycle("Leaders", roles=[personas.leader])
    _cycle("PMs", roles=[personas.pm])
    assert _names(signed_in(personas.alice)) == ["Delivery", "PMs", "Whole org"]
    assert _names(signed_in(personas.eve)) == ["Operations", "PMs", "Whole org"]
    # Dave assesses Alice, so he sees her cycles as well as his own.
    assert _names(signed_in(personas.dave)) == ["Delivery", "Operations", "PMs", "Whole org"]
    # HR admins see every cycle, as on the HR cycle pages.
    assert len(_names(signed_in(personas.carol))) == 5


def test_cycle_fields_and_status_filter(personas: Any) -> None:
    cycle = _cycle("Delivery", units=[personas.delivery], roles=[personas.pm])
    closed = _cycle("Old", units=[personas.delivery])
    closed.status = Cycle.Status.CLOSED
    closed.save()
    alice = signed_in(personas.alice)
    rows = {row["name"]: row for row in alice.get("/api/cycles").json()["items"]}
    assert rows["Delivery"]["id"] == cycle.pk
    assert (rows["Delivery"]["units"], rows["Delivery"]["roles"]) == (
        ["delivery"],
        ["project-manager"],
    )
    assert _names(alice, status="open") == ["Delivery"]
    assert _names(alice, status="closed") == ["Old"]


def test_hr_opens_a_cycle_and_its_people_are_told(
    personas: Any, django_capture_on_commit_callbacks: Any
) -> None:
    carol = signed_in(personas.carol)
    with django_capture_on_commit_callbacks(execute=True):
        response = send(
            carol,
            "POST",
            "/api/cycles",
            {
                "name": "Spring review",
                "starts_on": "2026-03-01",
                "ends_on": "2026-04-30",
                "units": ["delivery"],
            },
        )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["name"], body["status"], body["units"]) == ("Spring review", "open", ["delivery"])
    told = set(Notification.objects.values_list("recipient__username", flat=True))
    assert told == {"alice", "bob"}
    assert Cycle.objects.get(pk=body["id"]).created_by == personas.carol.user
    assert sorted(message.to[0] for message in mail.outbox) == [
        "alice@example.org",
        "bob@example.org",
    ]


def test_opening_a_cycle_checks_each_field(personas: Any) -> None:
    carol = signed_in(personas.carol)
    base = {"name": "Q1", "starts_on": "2026-01-01", "ends_on": "2026-03-31", "units": ["org"]}

    def post(**changes: Any) -> dict[str | None, str]:
        return fields(send(carol, "POST", "/api/cycles", base | changes))

    assert "ends before it starts" in post(ends_on="2025-12-31")["ends_on"]
    assert "name" in post(name="  ")
    assert "nope" in post(units=["nope"])["units"]
    assert "astronaut" in post(roles=["astronaut"])["roles"]
    assert "at least one unit or role" in post(units=[])["units"]
    assert "starts_on" in post(starts_on="next week")
    assert not Cycle.objects.exists()
    # An HR admin of one unit scopes cycles by that unit only.
    personas.bob.hr_units.add(personas.delivery)
    bob = send(signed_in(personas.bob), "POST", "/api/cycles", base | {"units": ["operations"]})
    assert "outside your HR scope" in fields(bob)["units"]


def test_only_hr_admins_open_cycles(personas: Any) -> None:
    body = {"name": "Q1", "starts_on": "2026-01-01", "ends_on": "2026-03-31", "units": ["delivery"]}
    for persona in (personas.alice, personas.bob, personas.eve):
        assert send(signed_in(persona), "POST", "/api/cycles", body).status_code == 403
    assert not Cycle.objects.exists()


def test_progress_for_hr(personas: Any, django_assert_max_num_queries: Any) -> None:
    cycle = _cycle("Delivery", units=[personas.delivery])
    SelfAssessment.objects.create(person=personas.alice, cycle=cycle, role=personas.pm)
    SelfAssessment.objects.create(
        person=personas.alice, cycle=cycle, role=personas.leader, status="submitted"
    )
    carol = signed_in(personas.carol)
    with CaptureQueriesContext(connection) as first:
        response = carol.get(f"/api/cycles/{cycle.pk}/progress")
    assert response.status_code == 200, response.content
    body = response.json()
    # Alice counts once, at her most advanced stage; Bob has not started.
    assert (body["people"], body["not_started"], body["in_progress"], body["submitted"]) == (
        2,
        1,
        0,
        1,
    )
    assert body["done_percent"] == 50
    assert [(u["unit"], u["people"]) for u in body["units"]] == [("delivery", 2)]
    for n in range(20):
        user = User.objects.create_user(f"p{n}")
        person = Person.objects.create(user=user, employee_id=f"E-p{n}", unit=personas.delivery)
        SelfAssessment.objects.create(person=person, cycle=cycle, status="reviewed")
    with django_assert_max_num_queries(len(first.captured_queries)):
        body = carol.get(f"/api/cycles/{cycle.pk}/progress").json()
    assert (body["people"], body["reviewed"]) == (22, 20)


def test_progress_is_for_hr_only(personas: Any) -> None:
    cycle = _cycle("Delivery", units=[personas.delivery])
    # Alice sees the cycle (403); Eve does not even see it (404).
    assert signed_in(personas.alice).get(f"/api/cycles/{cycle.pk}/progress").status_code == 403
    assert signed_in(personas.eve).get(f"/api/cycles/{cycle.pk}/progress").status_code == 404
    assert signed_in(personas.carol).get("/api/cycles/999999/progress").status_code == 404


def test_cycles_refuse_anonymous_callers(personas: Any, client: Client) -> None:
    cycle = _cycle("Delivery", units=[personas.delivery])
    assert client.get("/api/cycles").status_code == 401
    assert client.get(f"/api/cycles/{cycle.pk}/progress").status_code == 401
    assert send(client, "POST", "/api/cycles", {"name": "x"}).status_code == 401
