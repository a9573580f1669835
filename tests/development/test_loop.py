"""The approval loop through the pages: draft, submit, return with a comment, fix, resubmit,
approve; notifications both ways, every version kept with its snapshot, audit events."""

from __future__ import annotations

import re
from typing import Any

from django.test import Client

from skillframe.audit.models import AuditEvent
from skillframe.development.models import Plan, PlanVersion
from skillframe.notifications.models import Notification
from tests.development.helpers import in_days


def _client(person: Any) -> Client:
    client = Client()
    client.force_login(person.user)
    return client


def _notes(person: Any) -> list[Notification]:
    return list(Notification.objects.filter(recipient=person.user).order_by("id"))


def test_draft_submit_return_resubmit_approve(personas: Any) -> None:
    alice, bob = _client(personas.alice), _client(personas.bob)

    # Alice drafts a plan with two objectives picked from her suggestions, then an activity.
    new = alice.get("/plans/new/")
    assert new.status_code == 200
    assert "axelos:PPM-PPL:3" in new.content.decode()  # an unmet requirement is offered
    created = alice.post(
        "/plans/new/",
        {
            "title": "Become a team leader",
            "suggestions": ["axelos:PPM-PPL:3", "nos-ml:INSML005:"],
            "due_on": in_days(120).isoformat(),
        },
    )
    assert created.status_code == 302, created.content
    plan = Plan.objects.get(person=personas.alice)
    assert created["Location"] == f"/plans/{plan.pk}/"
    ppl, nos = plan.objectives.select_related("element").order_by("position")
    assert (ppl.element.code, ppl.target_level, nos.element.code, nos.target_level) == (
        "PPM-PPL",
        3,
        "INSML005",
        None,
    )
    added = alice.post(
        f"/objectives/{ppl.pk}/activities/new/",
        {"kind": "coaching", "title": "Monthly coaching with Bob", "status": "planned"},
    )
    assert added.status_code == 302

    # Submit: Bob is told, version 1 keeps the plan as submitted.
    assert alice.post(f"/plans/{plan.pk}/submit/").status_code == 302
    plan.refresh_from_db()
    assert (plan.status, plan.version) == ("submitted", 1)
    (to_bob,) = _notes(personas.bob)
    assert "Alice Archer submitted the development plan “Become a team leader”" in to_bob.text
    assert to_bob.url == f"/plans/{plan.pk}/review/"
    # Content is locked while Bob looks at it.
    locked = alice.post(f"/objectives/{ppl.pk}/edit/", {"element": "PPM-PPL", "measure": "x"})
    assert locked.status_code == 400

    # Bob must say why he returns it.
    silent = bob.post(f"/plans/{plan.pk}/review/", {"decision": "return", "comment": " "})
    assert silent.status_code == 400
    assert "say what should change" in silent.content.decode()
    assert Plan.objects.get(pk=plan.pk).status == "submitted"
    returned = bob.post(
        f"/plans/{plan.pk}/review/",
        {"decision": "return", "comment": "Aim for level 4 and add a course"},
    )
    assert returned.status_code == 302
    (to_alice,) = _notes(personas.alice)
    assert "Bob Baker returned your development plan" in to_alice.text
    assert "Aim for level 4 and add a course" in to_alice.text
    page = alice.get(f"/plans/{plan.pk}/").content.decode()
    assert "Returned by Bob Baker:" in page and "Aim for level 4" in page

    # Alice changes it and submits again.
    changed = alice.post(
        f"/objectives/{ppl.pk}/edit/",
        {
            "element": "PPM-PPL",
            "target_level": "4",
            "measure": "Bob validates level 4",
            "due_on": in_days(150).isoformat(),
        },
    )
    assert changed.status_code == 302, changed.content
    assert alice.post(f"/plans/{plan.pk}/submit/").status_code == 302
    assert len(_notes(personas.bob)) == 2

    approved = bob.post(f"/plans/{plan.pk}/review/", {"decision": "approve", "comment": "Good"})
    assert approved.status_code == 302
    plan.refresh_from_db()
    assert (plan.status, plan.version) == ("approved", 4)
    assert "Bob Baker approved your development plan" in _notes(personas.alice)[-1].text

    # Every version is kept, with the plan as it was then.
    versions = list(PlanVersion.objects.filter(plan=plan).order_by("number"))
    assert [(v.number, v.action, v.actor.username) for v in versions] == [
        (1, "submit", "alice"),
        (2, "return", "bob"),
        (3, "submit", "alice"),
        (4, "approve", "bob"),
    ]
    assert versions[1].comment == "Aim for level 4 and add a course"
    first, third = versions[0].snapshot["objectives"][0], versions[2].snapshot["objectives"][0]
    assert (first["element"], first["target_level"]) == ("PPM-PPL", 3)
    assert (third["target_level"], third["measure"]) == (4, "Bob validates level 4")
    assert [a["title"] for a in first["activities"]] == ["Monthly coaching with Bob"]
    history = alice.get(f"/plans/{plan.pk}/").content.decode()
    assert 'id="version-4"' in history and 'id="version-1"' in history
    actions = list(
        AuditEvent.objects.filter(target=f"development.plan:{plan.pk}")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "plan.create",
        "plan.submit",
        "plan.return",
        "plan.submit",
        "plan.approve",
    ]


def test_an_approved_plan_is_revised_before_its_content_changes(personas: Any) -> None:
    from tests.development.helpers import alice_plan

    plan = alice_plan(personas, submitted=True)
    bob, alice = _client(personas.bob), _client(personas.alice)
    bob.post(f"/plans/{plan.pk}/review/", {"decision": "approve"})
    objective = plan.objectives.order_by("position").first()
    form = alice.get(f"/objectives/{objective.pk}/activities/new/")
    assert "This plan is approved: revise it" in form.content.decode()
    locked = alice.post(
        f"/objectives/{objective.pk}/activities/new/",
        {"kind": "reading", "title": "A book", "status": "planned"},
    )
    assert locked.status_code == 400
    assert "revise it first" in locked.content.decode()
    assert alice.post(f"/plans/{plan.pk}/revise/").status_code == 302
    assert Plan.objects.get(pk=plan.pk).status == "draft"
    again = alice.post(
        f"/objectives/{objective.pk}/activities/new/",
        {"kind": "reading", "title": "A book", "status": "planned"},
    )
    assert again.status_code == 302
    assert objective.activities.count() == 3


def test_submitting_needs_an_objective_and_a_manager(personas: Any) -> None:
    from skillframe.development import plans

    alice = _client(personas.alice)
    empty = plans.create_plan(personas.alice.user, "Empty")
    refused = alice.post(f"/plans/{empty.pk}/submit/")
    assert refused.status_code == 400
    assert "add at least one objective" in refused.content.decode()
    assert Plan.objects.get(pk=empty.pk).status == "draft"
    assert not PlanVersion.objects.exists()

    carol = _client(personas.carol)  # Carol has no line manager
    mine = plans.create_plan(personas.carol.user, "Mine")
    refused = carol.post(f"/plans/{mine.pk}/submit/")
    assert refused.status_code == 400
    assert "no line manager" in refused.content.decode()


def test_closing_keeps_the_plan_and_tells_the_manager(personas: Any) -> None:
    from tests.development.helpers import alice_plan

    plan = alice_plan(personas)
    alice = _client(personas.alice)
    # Issue 11: closing cannot be undone, so a confirmation step says so and gives the token.
    page = alice.get(f"/plans/{plan.pk}/close/").content.decode()
    assert "can no longer change or be reopened" in page
    assert alice.post(f"/plans/{plan.pk}/close/").status_code == 400  # no token: still open
    plan.refresh_from_db()
    assert plan.status != "closed"
    token = re.search(r'name="confirm" value="([^"]+)"', page)
    assert token is not None
    assert alice.post(f"/plans/{plan.pk}/close/", {"confirm": token.group(1)}).status_code == 302
    plan.refresh_from_db()
    assert (plan.status, plan.version) == ("closed", 1)
    assert "Alice Archer closed the development plan" in _notes(personas.bob)[-1].text
    objective = plan.objectives.first()
    refused = alice.post(f"/objectives/{objective.pk}/progress/", {"text": "More"})
    assert refused.status_code == 400
    assert "this plan is closed" in refused.content.decode()
