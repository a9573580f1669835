"""Development plans over the API: CRUD, the approval loop, 422 naming fields, the access rule."""

from __future__ import annotations

from typing import Any

from skillframe.development.models import Objective, Plan, PlanVersion
from skillframe.notifications.models import Notification
from tests.api.api_helpers import fields, send, signed_in
from tests.development.helpers import alice_plan, in_days


def _objective(**body: Any) -> dict[str, Any]:
    return {
        "framework": "axelos",
        "element": "PPM-PPL",
        "target_level": 4,
        "measure": "Bob validates level 4",
        "due_on": in_days(60).isoformat(),
        **body,
    }


def test_the_whole_loop_over_the_api(personas: Any) -> None:
    alice, bob = signed_in(personas.alice), signed_in(personas.bob)
    created = send(alice, "POST", "/api/plans", {"title": "Grow", "objectives": [_objective()]})
    assert created.status_code == 201, created.content
    body = created.json()
    plan_id, objective_id = body["id"], body["objectives"][0]["id"]
    assert (body["person"], body["status"], body["version"], body["objectives_total"]) == (
        "E-alice",
        "draft",
        0,
        1,
    )
    added = send(
        alice,
        "POST",
        f"/api/plans/{plan_id}/objectives/{objective_id}/activities",
        {"kind": "course", "title": "Planning course", "link": "https://example.org/course"},
    )
    assert added.status_code == 201, added.content
    activity_id = added.json()["objectives"][0]["activities"][0]["id"]
    nos = send(
        alice,
        "POST",
        f"/api/plans/{plan_id}/objectives",
        _objective(framework=None, element="INSML005", target_level=None),
    )
    assert nos.status_code == 201, nos.content
    assert [o["element"] for o in nos.json()["objectives"]] == ["PPM-PPL", "INSML005"]

    submitted = send(alice, "POST", f"/api/plans/{plan_id}/submit")
    assert submitted.status_code == 200 and submitted.json()["status"] == "submitted"
    assert Notification.objects.filter(recipient=personas.bob.user).count() == 1
    no_comment = send(bob, "POST", f"/api/plans/{plan_id}/return", {"comment": ""})
    assert fields(no_comment) == {"comment": "say what should change before you return the plan"}
    returned = send(bob, "POST", f"/api/plans/{plan_id}/return", {"comment": "Add coaching"})
    assert returned.status_code == 200 and returned.json()["status"] == "returned"
    assert Notification.objects.filter(recipient=personas.alice.user).count() == 1

    renamed = send(alice, "PATCH", f"/api/plans/{plan_id}", {"title": "Grow into a team lead"})
    assert renamed.json()["title"] == "Grow into a team lead"
    retitled = send(
        alice,
        "PATCH",
        f"/api/plans/{plan_id}/objectives/{objective_id}/activities/{activity_id}",
        {"kind": "coaching", "title": "Coaching with Bob", "link": ""},
    )
    assert retitled.status_code == 200, retitled.content
    assert retitled.json()["objectives"][0]["activities"][0]["kind"] == "coaching"
    assert send(alice, "POST", f"/api/plans/{plan_id}/submit").status_code == 200
    approved = send(bob, "POST", f"/api/plans/{plan_id}/approve", {})
    assert approved.status_code == 200 and approved.json()["version"] == 4

    # Progress on the approved plan; done prompts a re-assessment.
    progress = send(
        alice,
        "POST",
        f"/api/plans/{plan_id}/objectives/{objective_id}/progress",
        {"text": "Course done"},
    )
    assert progress.status_code == 201
    assert progress.json()["objectives"][0]["progress"][0]["author"] == "Alice Archer"
    status = send(
        alice,
        "PATCH",
        f"/api/plans/{plan_id}/objectives/{objective_id}/activities/{activity_id}",
        {"status": "done"},
    )
    assert status.status_code == 200, status.content
    done = send(
        alice, "PATCH", f"/api/plans/{plan_id}/objectives/{objective_id}", {"status": "done"}
    )
    assert done.status_code == 200, done.content
    first = done.json()["objectives"][0]
    assert first["status"] == "done"
    assert first["reassess_url"] == "/people/E-alice/history/PPM-PPL/?framework=axelos"
    assert Notification.objects.filter(recipient=personas.bob.user).count() == 3

    versions = send(alice, "GET", f"/api/plans/{plan_id}/versions")
    assert [(v["number"], v["action"]) for v in versions.json()] == [
        (4, "approve"),
        (3, "submit"),
        (2, "return"),
        (1, "submit"),
    ]
    assert versions.json()[2]["comment"] == "Add coaching"
    assert versions.json()[3]["snapshot"]["objectives"][0]["activities"][0]["kind"] == "course"


def test_bad_input_is_422_naming_the_field_and_saves_nothing(personas: Any) -> None:
    alice = signed_in(personas.alice)
    bad = send(
        alice,
        "POST",
        "/api/plans",
        {"title": "Grow", "objectives": [_objective(target_level=9, due_on="2001-01-01")]},
    )
    errors = fields(bad)
    assert errors["target_level"].startswith("objective 1: level 9 is not on the scale")
    assert (
        errors["due_on"] == "objective 1: 2001-01-01 is in the past; choose today or a later date"
    )
    assert not Plan.objects.exists()

    eve = signed_in(personas.eve)
    plan = send(eve, "POST", "/api/plans", {"title": "Mine"}).json()
    outside = send(
        eve,
        "POST",
        f"/api/plans/{plan['id']}/objectives",
        _objective(framework="nos-ml", element="INSML005", target_level=None),
    )
    assert "not one of Eve Evans's frameworks" in fields(outside)["element"]
    unknown = send(eve, "POST", f"/api/plans/{plan['id']}/objectives", _objective(element="X-1"))
    assert "element" in fields(unknown)
    schema = send(eve, "POST", f"/api/plans/{plan['id']}/objectives", {"element": "PPM-PPL"})
    assert {"measure", "due_on"} <= set(fields(schema))
    assert not Objective.objects.exists()

    mine = alice_plan(personas)
    objective = mine.objectives.first()
    link = send(
        alice,
        "POST",
        f"/api/plans/{mine.pk}/objectives/{objective.pk}/activities",
        {"kind": "reading", "title": "A book", "link": "file:///etc/passwd"},
    )
    assert fields(link) == {"link": "give a web address starting with http:// or https://"}
    both = send(
        alice,
        "PATCH",
        f"/api/plans/{mine.pk}/objectives/{objective.pk}",
        {"measure": "New measure", "status": "nonsense"},
    )
    assert "status" in fields(both)
    objective.refresh_from_db()
    assert objective.measure == "Bob validates PPM-PPL at level 4"


def test_the_access_rule(personas: Any) -> None:
    plan = alice_plan(personas, submitted=True)
    objective = plan.objectives.first()
    for who in ("dave", "eve"):
        client = signed_in(getattr(personas, who))
        assert send(client, "GET", f"/api/plans/{plan.pk}").status_code == 404
        assert send(client, "POST", f"/api/plans/{plan.pk}/approve").status_code == 404
        assert client.get("/api/plans").json()["items"] == []
    for who in ("bob", "carol"):
        client = signed_in(getattr(personas, who))
        assert send(client, "GET", f"/api/plans/{plan.pk}").status_code == 200
        refused = send(
            client,
            "POST",
            f"/api/plans/{plan.pk}/objectives/{objective.pk}/progress",
            {"text": "x"},
        )
        assert refused.status_code == 403
        assert refused.json() == {"detail": "only Alice Archer can change this plan"}
        listed = client.get("/api/plans?person=E-alice").json()
        assert [p["id"] for p in listed["items"]] == [plan.pk]
    for who in ("alice", "carol"):
        refused = send(signed_in(getattr(personas, who)), "POST", f"/api/plans/{plan.pk}/approve")
        assert refused.status_code == 403
        assert "line manager" in refused.json()["detail"]
    assert PlanVersion.objects.filter(plan=plan).count() == 1
    assert send(signed_in(personas.bob), "POST", f"/api/plans/{plan.pk}/approve").status_code == 200


def test_the_plan_list_takes_a_fixed_number_of_queries(
    personas: Any, django_assert_max_num_queries: Any
) -> None:
    carol = signed_in(personas.carol)
    alice_plan(personas)
    with django_assert_max_num_queries(12) as few:
        assert carol.get("/api/plans").status_code == 200
    for n in range(4):
        alice_plan(personas, title=f"Plan {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        listed = carol.get("/api/plans")
    items = listed.json()["items"]
    assert len(items) == 5
    assert items[0]["objectives_total"] == 2 and items[0]["objectives_overdue"] == 0
