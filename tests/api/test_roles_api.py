"""Role profiles, their requirements (HR edits) and organisation goals over the API."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.test import Client

from skillframe.audit.models import AuditEvent
from skillframe.frameworks.models import Element
from skillframe.people.models import OrgGoal, OrgGoalWeight, RoleProfile, RoleRequirement
from tests.api.api_helpers import fields, send, signed_in

REQS = "/api/roles/project-manager/requirements"


def test_roles_list_and_detail(personas: Any) -> None:
    eve = signed_in(personas.eve)
    rows = {row["code"]: row for row in eve.get("/api/roles").json()["items"]}
    assert rows["project-manager"]["requirement_count"] == 3
    assert rows["team-leader"]["requirement_count"] == 2
    body = eve.get("/api/roles/project-manager").json()
    assert [(r["element"], r["target_level"], r["importance"]) for r in body["requirements"]] == [
        ("PPM-PPL", 3, "essential"),
        ("BACM-SMC", 3, "essential"),
        ("LP-LTW", 3, "desirable"),
    ]
    assert body["requirements"][0]["framework"] == "axelos"
    leader = eve.get("/api/roles/team-leader").json()
    assert [(r["element"], r["target_level"], r["kind"]) for r in leader["requirements"]] == [
        ("INSML005", None, "unit"),
        ("INSML011", None, "unit"),
    ]
    assert eve.get("/api/roles/astronaut").status_code == 404


def test_hr_adds_changes_and_removes_a_requirement(personas: Any) -> None:
    carol = signed_in(personas.carol)
    before = RoleProfile.objects.get(code="project-manager").updated_at
    added = send(
        carol,
        "POST",
        REQS,
        {"framework": "axelos", "element": "PPM-PRM", "target_level": 4, "weight": 2},
    )
    assert added.status_code == 201, added.content
    body = added.json()
    assert (body["element"], body["target_level"], body["weight"], body["position"]) == (
        "PPM-PRM",
        4,
        2.0,
        4,
    )
    assert RoleProfile.objects.get(code="project-manager").updated_at > before
    path = f"{REQS}/{body['id']}"
    changed = send(
        carol, "PUT", path, {"target_level": 5, "importance": "desirable", "weight": 0.5}
    )
    assert changed.status_code == 200, changed.content
    assert (changed.json()["target_level"], changed.json()["importance"]) == (5, "desirable")
    assert send(carol, "DELETE", path).status_code == 204
    assert not RoleRequirement.objects.filter(pk=body["id"]).exists()
    assert send(carol, "DELETE", path).status_code == 404
    actions = list(AuditEvent.objects.order_by("id").values_list("action", flat=True))
    assert [a for a in actions if a.startswith("role.requirement")] == [
        "role.requirement.add",
        "role.requirement.update",
        "role.requirement.delete",
    ]


def test_requirement_errors_name_the_field(personas: Any) -> None:
    carol = signed_in(personas.carol)

    def post(**body: Any) -> dict[str | None, str]:
        return fields(send(carol, "POST", REQS, {"framework": "axelos", **body}))

    assert "not on the scale" in post(element="PPM-PRM", target_level=9)["target_level"]
    assert "needs a level" in post(element="PPM-PRM")["target_level"]
    assert "family" in post(element="PPM")["element"]
    assert "already requires" in post(element="PPM-PPL", target_level=2)["element"]
    assert "NOPE" in post(element="NOPE", target_level=2)["element"]
    assert "greater than 0" in post(element="PPM-PRM", target_level=2, weight=0)["weight"]
    assert "importance" in post(element="PPM-PRM", target_level=2, importance="vital")
    nos = send(
        carol, "POST", REQS, {"framework": "nos-ml", "element": "INSML001", "target_level": 3}
    )
    assert "no level scale" in fields(nos)["target_level"]
    assert "framework" in fields(send(carol, "POST", REQS, {"framework": "nope", "element": "X"}))
    assert RoleRequirement.objects.filter(role__code="project-manager").count() == 3
    requirement = RoleRequirement.objects.get(role__code="project-manager", element__code="LP-LTW")
    bad = send(carol, "PUT", f"{REQS}/{requirement.pk}", {"target_level": 0})
    assert "target_level" in fields(bad)
    requirement.refresh_from_db()
    assert requirement.target_level == 3
    # A requirement of another role is not found under this one.
    other = RoleRequirement.objects.filter(role__code="team-leader").first()
    assert other is not None
    assert send(carol, "DELETE", f"{REQS}/{other.pk}").status_code == 404


def test_only_hr_admins_change_requirements(personas: Any) -> None:
    requirement = RoleRequirement.objects.get(role__code="project-manager", element__code="LP-LTW")
    for persona in (personas.alice, personas.bob, personas.eve):
        client = signed_in(persona)
        body = {"framework": "axelos", "element": "PPM-PRM", "target_level": 2}
        assert send(client, "POST", REQS, body).status_code == 403
        path = f"{REQS}/{requirement.pk}"
        assert send(client, "PUT", path, {"target_level": 2}).status_code == 403
        assert send(client, "DELETE", path).status_code == 403
    assert RoleRequirement.objects.filter(role__code="project-manager").count() == 3


def test_goals_with_weights(personas: Any, django_assert_max_num_queries: Any) -> None:
    for year in (2024, 2025, 2026):
        goal = OrgGoal.objects.create(
            title=f"Delivery {year}", starts_on=date(year, 1, 1), ends_on=date(year, 12, 31)
        )
        for code, weight in (("PPM", 2.0), ("INSML005", 1.5)):
            OrgGoalWeight.objects.create(
                goal=goal, element=Element.objects.get(code=code), weight=weight
            )
    alice = signed_in(personas.alice)
    with django_assert_max_num_queries(7):
        page = alice.get("/api/goals").json()
    assert [goal["title"] for goal in page["items"]] == [
        "Delivery 2026",
        "Delivery 2025",
        "Delivery 2024",
    ]
    weights = {(w["framework"], w["element"], w["weight"]) for w in page["items"][0]["weights"]}
    assert weights == {("axelos", "PPM", 2.0), ("nos-ml", "INSML005", 1.5)}
    running = alice.get("/api/goals", {"on": "2025-06-01"}).json()
    assert [goal["title"] for goal in running["items"]] == ["Delivery 2025"]


def test_roles_and_goals_refuse_anonymous_callers(personas: Any, client: Client) -> None:
    for path in ("/api/roles", "/api/roles/project-manager", "/api/goals"):
        assert client.get(path).status_code == 401
    assert send(client, "POST", REQS, {"framework": "axelos"}).status_code == 401
