"""Who sees and does what with Alice's plan: she edits, Bob approves, Carol reads, Dave and Eve
do not know it exists. Refusals change nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from skillframe.development.models import Activity, Objective, Plan, PlanVersion, ProgressUpdate
from skillframe.notifications.models import Notification
from tests.development.helpers import alice_plan, first_objective


def _client(person: Any) -> Client:
    client = Client()
    client.force_login(person.user)
    return client


def _state() -> tuple[Any, ...]:
    return (
        tuple(Plan.objects.order_by("pk").values_list("status", "version", "title")),
        Objective.objects.count(),
        tuple(Objective.objects.order_by("pk").values_list("status", "measure")),
        tuple(Activity.objects.order_by("pk").values_list("status", "title")),
        ProgressUpdate.objects.count(),
        PlanVersion.objects.count(),
        Notification.objects.count(),
    )


def _attempts(plan: Plan) -> list[tuple[str, str, dict[str, str]]]:
    objective = first_objective(plan)
    activity = objective.activities.first()
    return [
        ("post", f"/plans/{plan.pk}/edit/", {"title": "Mine now"}),
        ("post", f"/plans/{plan.pk}/submit/", {}),
        ("post", f"/plans/{plan.pk}/close/", {}),
        ("post", f"/plans/{plan.pk}/objectives/new/", {"element": "LP-LTW", "measure": "x"}),
        ("post", f"/objectives/{objective.pk}/edit/", {"action": "delete"}),
        ("post", f"/objectives/{objective.pk}/status/", {"status": "done"}),
        ("post", f"/objectives/{objective.pk}/progress/", {"text": "I did it"}),
        ("post", f"/objectives/{objective.pk}/activities/new/", {"kind": "reading"}),
        ("post", f"/activities/{activity.pk}/edit/", {"action": "delete"}),
        ("post", f"/activities/{activity.pk}/status/", {"status": "done"}),
    ]


@pytest.mark.parametrize("who", ["dave", "eve"])
def test_outsiders_get_404_everywhere(personas: Any, who: str) -> None:
    plan = alice_plan(personas, submitted=True)
    client = _client(getattr(personas, who))
    before = _state()
    for path in (f"/plans/{plan.pk}/", f"/plans/{plan.pk}/review/"):
        assert client.get(path).status_code == 404, path
    # Her list of plans names Alice: Dave (her assessor) sees her, so he is refused with 403.
    assert client.get("/people/E-alice/plans/").status_code == (403 if who == "dave" else 404)
    for method, path, data in _attempts(plan):
        assert getattr(client, method)(path, data).status_code == 404, path
    assert client.post(f"/plans/{plan.pk}/review/", {"decision": "approve"}).status_code == 404
    assert _state() == before


@pytest.mark.parametrize("who", ["bob", "carol"])
def test_readers_may_read_but_not_change(personas: Any, who: str) -> None:
    plan = alice_plan(personas)
    client = _client(getattr(personas, who))
    page = client.get(f"/plans/{plan.pk}/")
    assert page.status_code == 200
    assert "Portfolio planning course" in page.content.decode()
    assert "Edit objective" not in page.content.decode()
    assert "Mark done" not in page.content.decode()
    listing = client.get("/people/E-alice/plans/")
    assert listing.status_code == 200 and "Lead a team" in listing.content.decode()
    before = _state()
    for method, path, data in _attempts(plan):
        response = getattr(client, method)(path, data)
        assert response.status_code == 403, path
        assert "only Alice Archer can change this plan" in response.content.decode(), path
    assert _state() == before


def test_bob_approves_alice_but_alice_and_carol_cannot(personas: Any) -> None:
    plan = alice_plan(personas, submitted=True)
    before = _state()
    for who in ("alice", "carol"):
        client = _client(getattr(personas, who))
        assert client.get(f"/plans/{plan.pk}/review/").status_code == 403
        refused = client.post(f"/plans/{plan.pk}/review/", {"decision": "approve"})
        assert refused.status_code == 403
    assert _state() == before
    bob = _client(personas.bob)
    assert "Approve or return this plan" in bob.get(f"/plans/{plan.pk}/").content.decode()
    assert bob.post(f"/plans/{plan.pk}/review/", {"decision": "approve"}).status_code == 302
    assert Plan.objects.get(pk=plan.pk).status == "approved"


def test_hr_of_another_unit_does_not_see_the_plan(personas: Any) -> None:
    from skillframe.people.models import OrgUnit

    personas.eve.hr_units.add(OrgUnit.objects.get(code="operations"))
    plan = alice_plan(personas)
    eve = _client(personas.eve)
    assert eve.get(f"/plans/{plan.pk}/").status_code == 404
    assert eve.get("/people/E-alice/plans/").status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(personas: Any, client: Client) -> None:
    plan = alice_plan(personas)
    for path in ("/me/plans/", f"/plans/{plan.pk}/", "/plans/new/"):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"].startswith("/login/")
