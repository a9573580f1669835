"""People and org units over the API: the app's access rule, HR edits, own target role."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.test import Client

from skillframe.audit.models import AuditEvent
from skillframe.people.models import OrgUnit, Person, RoleProfile
from tests.api.api_helpers import fields, send, signed_in


def _ids(response: Any) -> list[str]:
    assert response.status_code == 200, response.content
    return [row["employee_id"] for row in response.json()["items"]]


def test_each_persona_lists_only_the_people_they_may_see(personas: Any) -> None:
    assert _ids(signed_in(personas.alice).get("/api/people")) == ["E-alice"]
    assert sorted(_ids(signed_in(personas.bob).get("/api/people"))) == ["E-alice", "E-bob"]
    assert sorted(_ids(signed_in(personas.dave).get("/api/people"))) == ["E-alice", "E-dave"]
    assert _ids(signed_in(personas.eve).get("/api/people")) == ["E-eve"]
    carol = signed_in(personas.carol).get("/api/people").json()
    assert carol["count"] == 5


def test_person_fields(personas: Any) -> None:
    body = signed_in(personas.bob).get("/api/people/E-alice").json()
    assert body == {
        "employee_id": "E-alice",
        "username": "alice",
        "name": "Alice Archer",
        "email": "alice@example.org",
        "job_title": "Project manager",
        "unit": "delivery",
        "unit_name": "Delivery",
        "manager": "E-bob",
        "manager_name": "Bob Baker",
        "current_role": "project-manager",
        "target_role": "team-leader",
    }


def test_eve_cannot_read_alice(personas: Any) -> None:
    eve = signed_in(personas.eve)
    assert eve.get("/api/people/E-alice").status_code == 404
    assert eve.get("/api/people/E-nobody").status_code == 404
    # The same answer whether the person exists or not: nothing leaks.
    assert eve.get("/api/people/E-alice").json() == eve.get("/api/people/E-nobody").json()
    assert signed_in(personas.dave).get("/api/people/E-alice").status_code == 200


def test_filters_unit_manager_and_text(personas: Any) -> None:
    carol = signed_in(personas.carol)
    assert sorted(_ids(carol.get("/api/people", {"unit": "delivery"}))) == ["E-alice", "E-bob"]
    # A unit filter includes the units below it.
    assert len(_ids(carol.get("/api/people", {"unit": "org"}))) == 5
    assert carol.get("/api/people", {"unit": "nope"}).status_code == 404
    assert _ids(carol.get("/api/people", {"manager": "E-bob"})) == ["E-alice"]
    assert _ids(carol.get("/api/people", {"q": "assessor"})) == ["E-dave"]
    assert _ids(carol.get("/api/people", {"q": "eve evans"})) == ["E-eve"]
    # Filters never widen the access rule.
    assert _ids(signed_in(personas.eve).get("/api/people", {"unit": "delivery"})) == []


def test_people_list_query_count_does_not_grow_with_people(
    personas: Any, django_assert_max_num_queries: Any
) -> None:
    for n in range(30):
        user = User.objects.create_user(f"p{n}", first_name="P", last_name=f"{n:02d}")
        Person.objects.create(
            user=user,
            employee_id=f"E-p{n}",
            unit=personas.delivery,
            manager=personas.bob,
            current_role=personas.pm,
        )
    carol = signed_in(personas.carol)
    with django_assert_max_num_queries(12):
        page = carol.get("/api/people", {"limit": 50}).json()
    assert page["count"] == 35 and len(page["items"]) == 35
    assert {row["manager_name"] for row in page["items"] if row["unit"] == "delivery"} >= {
        "Bob Baker"
    }


def test_org_units_tree(personas: Any) -> None:
    OrgUnit.objects.create(code="pmo", name="PMO", parent=personas.delivery)
    rows = signed_in(personas.eve).get("/api/org-units").json()
    assert [(r["code"], r["parent"], r["depth"]) for r in rows] == [
        ("org", None, 0),
        ("delivery", "org", 1),
        ("pmo", "delivery", 2),
        ("operations", "org", 1),
    ]


def test_hr_changes_a_person(personas: Any) -> None:
    carol = signed_in(personas.carol)
    response = send(
        carol,
        "PATCH",
        "/api/people/E-alice",
        {"job_title": " Senior PM ", "unit": "operations", "manager": "E-eve"},
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["job_title"], body["unit"], body["manager"]) == (
        "Senior PM",
        "operations",
        "E-eve",
    )
    # Fields not sent are kept.
    assert body["current_role"] == "project-manager" and body["target_role"] == "team-leader"
    alice = Person.objects.get(pk=personas.alice.pk)
    assert (alice.unit_id, alice.manager_id) == (personas.operations.pk, personas.eve.pk)
    event = AuditEvent.objects.get(action="person.update")
    assert event.actor == personas.carol.user
    # Null clears a manager or a role.
    response = send(carol, "PATCH", "/api/people/E-alice", {"manager": None, "target_role": None})
    assert (response.json()["manager"], response.json()["target_role"]) == (None, None)


def test_hr_edit_errors_name_the_field_and_save_nothing(personas: Any) -> None:
    carol = signed_in(personas.carol)
    cycle = send(carol, "PATCH", "/api/people/E-bob", {"manager": "E-alice"})
    assert "reporting cycle" in fields(cycle)["manager"]
    assert "E-bob → E-alice → E-bob" in fields(cycle)["manager"]
    assert "manager" in fields(send(carol, "PATCH", "/api/people/E-bob", {"manager": "E-bob"}))
    unknown = send(carol, "PATCH", "/api/people/E-alice", {"unit": "nope", "job_title": "X"})
    assert "nope" in fields(unknown)["unit"]
    assert "current_role" in fields(
        send(carol, "PATCH", "/api/people/E-alice", {"current_role": "astronaut"})
    )
    assert "unit" in fields(send(carol, "PATCH", "/api/people/E-alice", {"unit": None}))
    assert Person.objects.get(pk=personas.alice.pk).job_title == "Project manager"
    assert Person.objects.get(pk=personas.bob.pk).manager_id is None
    assert not AuditEvent.objects.filter(action="person.update").exists()


def test_hr_admin_of_one_unit_cannot_move_people_out_of_it(personas: Any) -> None:
    personas.bob.hr_units.add(personas.delivery)
    bob = signed_in(personas.bob)
    assert (
        "outside your HR scope"
        in fields(send(bob, "PATCH", "/api/people/E-alice", {"unit": "operations"}))["unit"]
    )
    # Someone outside their scope cannot be named as manager (nor found at all).
    assert (
        "E-eve"
        in fields(send(bob, "PATCH", "/api/people/E-alice", {"manager": "E-eve"}))["manager"]
    )
    assert send(bob, "PATCH", "/api/people/E-eve", {"job_title": "x"}).status_code == 404


def test_a_person_may_change_only_their_own_target_role(personas: Any) -> None:
    # Not her current role (project-manager): the target-role page refuses that, and since
    # issue 17 the API does too (tests/api/test_hr_api.py).
    RoleProfile.objects.create(code="analyst", title="Analyst")
    alice = signed_in(personas.alice)
    response = send(alice, "PATCH", "/api/people/E-alice", {"target_role": "analyst"})
    assert response.status_code == 200, response.content
    assert response.json()["target_role"] == "analyst"
    assert AuditEvent.objects.filter(action="person.target_role").count() == 1
    refused = send(alice, "PATCH", "/api/people/E-alice", {"job_title": "CEO"})
    assert refused.status_code == 403
    assert "job_title" in refused.json()["detail"]
    assert "target_role" in fields(
        send(alice, "PATCH", "/api/people/E-alice", {"target_role": "astronaut"})
    )
    assert Person.objects.get(pk=personas.alice.pk).job_title == "Project manager"


def test_others_may_not_change_a_person(personas: Any) -> None:
    # Bob sees Alice (403: he may not change her record); Eve does not (404).
    bob = send(signed_in(personas.bob), "PATCH", "/api/people/E-alice", {"target_role": None})
    assert bob.status_code == 403
    eve = send(signed_in(personas.eve), "PATCH", "/api/people/E-alice", {"target_role": None})
    assert eve.status_code == 404
    assert Person.objects.get(pk=personas.alice.pk).target_role == personas.leader


def test_people_endpoints_refuse_anonymous_callers(personas: Any, client: Client) -> None:
    assert client.get("/api/people").status_code == 401
    assert client.get("/api/people/E-alice").status_code == 401
    assert send(client, "PATCH", "/api/people/E-alice", {"job_title": "x"}).status_code == 401
    assert client.get("/api/org-units").status_code == 401
