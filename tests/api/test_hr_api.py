"""HR's records over the API (issue 17): people, permissions, units, roles, goals, imports.

The same rules as the HR pages: HR admins only (403 for everyone else, before any lookup); a
person outside the caller's HR scope is 404 when hidden, 403 when seen; bad input is a 422
naming the field in the pages' words, and nothing is saved.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from skillframe.audit.models import AuditEvent
from skillframe.people.models import OrgGoal, OrgGoalWeight, OrgUnit, Person, RoleProfile
from tests.api.api_helpers import fields, send, signed_in

NOT_HR = ("alice", "bob", "dave", "eve")
ROLE_ROW = "analyst,Analyst,,PPM-PPL,axelos,3,essential,1"


def _new_person(**changes: Any) -> dict[str, Any]:
    return {
        "employee_id": "E-frank",
        "first_name": "Frank",
        "last_name": "Foster",
        "email": "frank@example.org",
        "job_title": "Analyst",
        "unit": "delivery",
        "manager": "E-bob",
        "current_role": "project-manager",
        **changes,
    }


def test_hr_creates_a_person(personas: Any) -> None:
    carol = signed_in(personas.carol)
    created = send(carol, "post", "/api/people", _new_person())
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["employee_id"], body["unit"], body["manager"]) == ("E-frank", "delivery", "E-bob")
    assert body["current_role"] == "project-manager"
    # The page's checks, in its words: the id is taken; a unit outside the scope.
    again = send(carol, "post", "/api/people", _new_person(email="f2@example.org"))
    assert "already" in fields(again)["employee_id"]
    assert "unit" in fields(
        send(carol, "post", "/api/people", _new_person(employee_id="E-x", unit="nope"))
    )
    assert Person.objects.filter(employee_id="E-x").count() == 0


@pytest.mark.parametrize("who", NOT_HR)
def test_only_hr_creates_people_units_roles_and_goals(personas: Any, who: str) -> None:
    client = signed_in(getattr(personas, who))
    before = (Person.objects.count(), OrgUnit.objects.count(), RoleProfile.objects.count())
    assert send(client, "post", "/api/people", _new_person()).status_code == 403
    unit = {"code": "new", "name": "New", "parent": "delivery"}
    assert send(client, "post", "/api/org-units", unit).status_code == 403
    assert send(client, "patch", "/api/org-units/delivery", {"name": "X"}).status_code == 403
    assert send(client, "post", "/api/roles", {"code": "r", "title": "R"}).status_code == 403
    assert send(client, "patch", "/api/roles/project-manager", {"title": "X"}).status_code == 403
    goal = {"title": "G", "starts_on": "2030-01-01", "ends_on": "2030-12-31"}
    assert send(client, "post", "/api/goals", goal).status_code == 403
    assert client.get("/api/people/E-alice/permissions").status_code == 403
    assert client.get("/api/org-units/scope").status_code == 403
    after = (Person.objects.count(), OrgUnit.objects.count(), RoleProfile.objects.count())
    assert after == before


def test_permissions_read_and_set(personas: Any) -> None:
    carol = signed_in(personas.carol)
    url = "/api/people/E-dave/permissions"
    assert carol.get(url).json() == {"person": "E-dave", "hr_units": [], "learners": ["E-alice"]}
    body = {"hr_units": ["operations"], "learners": ["E-alice", "E-eve"]}
    assert send(carol, "put", url, body).json()["learners"] == ["E-alice", "E-eve"]
    assert sorted(personas.dave.hr_units.values_list("code", flat=True)) == ["operations"]
    assert "learners" in fields(send(carol, "put", url, {"learners": ["E-nobody"]}))
    assert "learners" in fields(send(carol, "put", url, {"learners": ["E-dave"]}))
    assert "hr_units" in fields(send(carol, "put", url, {"hr_units": ["nope"]}))


def test_a_unit_admin_is_refused_people_outside_their_scope(personas: Any) -> None:
    personas.bob.hr_units.add(personas.delivery)  # Bob: HR of Delivery only
    bob = signed_in(personas.bob)
    # Eve is in Operations: Bob does not see her (404); Alice is in his scope.
    assert bob.get("/api/people/E-eve/permissions").status_code == 404
    assert bob.get("/api/people/E-alice/permissions").status_code == 200
    unit = {"code": "ops-sub", "name": "Ops sub", "parent": "operations"}
    assert "parent" in fields(send(bob, "post", "/api/org-units", unit))
    assert send(bob, "patch", "/api/org-units/operations", {"name": "X"}).status_code == 404
    outside = send(bob, "post", "/api/people", _new_person(unit="operations", manager=None))
    assert "unit" in fields(outside)
    assert not Person.objects.filter(employee_id="E-frank").exists()


def test_units_create_rename_and_move(personas: Any) -> None:
    carol = signed_in(personas.carol)
    created = send(
        carol, "post", "/api/org-units", {"code": "pmo", "name": "PMO", "parent": "delivery"}
    )
    assert created.status_code == 201 and created.json()["parent"] == "delivery"
    moved = send(carol, "patch", "/api/org-units/pmo", {"parent": "operations", "name": "P.M.O."})
    assert moved.json() == {"code": "pmo", "name": "P.M.O.", "parent": "operations", "people": 0}
    loop = send(carol, "patch", "/api/org-units/delivery", {"parent": "delivery"})
    assert "parent" in fields(loop)
    assert AuditEvent.objects.filter(action__startswith="unit.").count() == 2
    scope = {row["code"]: row for row in carol.get("/api/org-units/scope").json()["items"]}
    assert scope["delivery"]["people"] == 2


def test_roles_create_edit_and_reorder(personas: Any) -> None:
    carol = signed_in(personas.carol)
    created = send(carol, "post", "/api/roles", {"code": "analyst", "title": "Analyst"})
    assert created.status_code == 201 and created.json()["requirements"] == []
    assert "code" in fields(send(carol, "post", "/api/roles", {"code": "analyst", "title": "A"}))
    assert "code" in fields(send(carol, "post", "/api/roles", {"code": "new", "title": "A"}))
    renamed = send(carol, "patch", "/api/roles/analyst", {"title": "Business analyst"})
    assert renamed.json()["title"] == "Business analyst"
    first = personas.pm.requirements.order_by("position").first()
    url = f"/api/roles/project-manager/requirements/{first.pk}/move"
    moved = send(carol, "post", url, {"direction": "down"}).json()
    assert [r["element"] for r in moved["requirements"]] == ["BACM-SMC", "PPM-PPL", "LP-LTW"]
    assert send(carol, "post", url, {"direction": "sideways"}).status_code == 422
    other = f"/api/roles/team-leader/requirements/{first.pk}/move"
    assert send(carol, "post", other, {"direction": "up"}).status_code == 404
    assert send(signed_in(personas.bob), "post", url, {"direction": "up"}).status_code == 403


def test_goals_create_edit_and_weigh(personas: Any) -> None:
    carol = signed_in(personas.carol)
    goal = {"title": "Delivery", "starts_on": "2030-01-01", "ends_on": "2030-12-31"}
    created = send(carol, "post", "/api/goals", goal)
    assert created.status_code == 201
    goal_id = created.json()["id"]
    backwards = send(carol, "patch", f"/api/goals/{goal_id}", {"ends_on": "2029-01-01"})
    assert "ends_on" in fields(backwards)
    weighed = send(
        carol, "post", f"/api/goals/{goal_id}/weights", {"element": "LP-NEG", "weight": 2}
    )
    assert [(w["element"], w["weight"]) for w in weighed.json()["weights"]] == [("LP-NEG", 2.0)]
    assert "weight" in fields(
        send(carol, "post", f"/api/goals/{goal_id}/weights", {"element": "LP-NEG", "weight": 0})
    )
    assert "element" in fields(
        send(carol, "post", f"/api/goals/{goal_id}/weights", {"element": "NOPE", "weight": 1})
    )
    weight = OrgGoalWeight.objects.get(goal_id=goal_id)
    bob = signed_in(personas.bob)
    assert bob.get(f"/api/goals/{goal_id}").json()["title"] == "Delivery"  # everyone reads
    assert send(bob, "delete", f"/api/goals/{goal_id}/weights/{weight.pk}").status_code == 403
    assert (
        send(bob, "post", f"/api/goals/{goal_id}/weights", {"element": "LP-NEG"}).status_code == 403
    )
    removed = send(carol, "delete", f"/api/goals/{goal_id}/weights/{weight.pk}")
    assert removed.json()["weights"] == []
    assert OrgGoal.objects.get(pk=goal_id).ends_on == date(2030, 12, 31)


def _csv(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("rows.csv", text.encode(), content_type="text/csv")


def test_imports_check_then_import(personas: Any) -> None:
    from skillframe.people import goals_import, people_files, roles_import

    carol = signed_in(personas.carol)
    columns = ",".join(roles_import.COLUMNS)
    row = ROLE_ROW
    checked = carol.post(
        "/api/roles/import", {"file": _csv(f"{columns}\n{row}\n"), "dry_run": "true"}
    )
    assert checked.status_code == 200, checked.content
    assert checked.json()["created"] == ["analyst"]
    assert not RoleProfile.objects.filter(code="analyst").exists()
    done = carol.post("/api/roles/import", {"file": _csv(f"{columns}\n{row}\n")})
    assert done.json()["dry_run"] is False and RoleProfile.objects.filter(code="analyst").exists()
    bad = carol.post("/api/goals/import", {"file": _csv(",".join(goals_import.COLUMNS) + "\nx\n")})
    assert bad.status_code == 400 and bad.json()["problem_count"] >= 1
    assert OrgGoal.objects.count() == 0
    header = ",".join(people_files.COLUMNS)
    people_row = "E-gina,Gina Green,gina@example.org,Analyst,delivery,E-bob"
    imported = carol.post("/api/people/import", {"file": _csv(f"{header}\n{people_row}\n")})
    assert imported.status_code == 200, imported.content
    assert imported.json()["created"] == 1 and Person.objects.filter(employee_id="E-gina").exists()
    for who in NOT_HR:
        client = signed_in(getattr(personas, who))
        refused = client.post("/api/roles/import", {"file": _csv(f"{columns}\n{row}\n")})
        assert refused.status_code == 403


def test_a_target_role_is_not_the_current_one_in_the_api_either(personas: Any) -> None:
    # The target-role page refused it; the API's PATCH of one's own target_role did not.
    alice = signed_in(personas.alice)
    same = send(alice, "patch", "/api/people/E-alice", {"target_role": "project-manager"})
    assert fields(same)["target_role"] == "Project manager is already the current role"
    personas.alice.refresh_from_db()
    assert personas.alice.target_role == personas.leader


def test_hr_edits_name_and_email_as_on_the_edit_page(personas: Any) -> None:
    carol = signed_in(personas.carol)
    changed = send(
        carol, "patch", "/api/people/E-alice", {"first_name": "Alicia", "email": "a@x.org"}
    )
    assert changed.status_code == 200 and changed.json()["name"].startswith("Alicia")
    assert changed.json()["email"] == "a@x.org"
    taken = send(carol, "patch", "/api/people/E-alice", {"email": "bob@example.org"})
    assert fields(taken)["email"] == "This e-mail address belongs to another account."
    assert "email" in fields(
        send(carol, "patch", "/api/people/E-alice", {"email": "not-an-address"})
    )
    assert "first_name" in fields(send(carol, "patch", "/api/people/E-alice", {"first_name": " "}))
    personas.alice.user.refresh_from_db()
    assert (personas.alice.user.first_name, personas.alice.user.email) == ("Alicia", "a@x.org")
    # Bob sees Alice but is not HR: 403, nothing changed.
    assert (
        send(
            signed_in(personas.bob), "patch", "/api/people/E-alice", {"first_name": "X"}
        ).status_code
        == 403
    )
