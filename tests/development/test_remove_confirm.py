"""Issue 11: removing an objective or an activity from a plan cannot be undone, so the remove
button leads to a confirmation step that says what goes; only its form (with the signed token)
removes."""

from __future__ import annotations

import re
from typing import Any

from django.test import Client

from skillframe.development.models import Activity, Objective
from tests.development.helpers import alice_plan, first_objective


def token_of(html: str) -> str:
    found = re.search(r'name="confirm" value="([^"]+)"', html)
    assert found is not None
    return found.group(1)


def test_removing_an_objective_asks_first_and_names_what_goes(
    client: Client, personas: Any
) -> None:
    plan = alice_plan(personas)
    objective = first_objective(plan)
    client.force_login(personas.alice.user)
    url = f"/objectives/{objective.pk}/edit/"
    response = client.post(url, {"action": "delete"})  # the remove button: only asks
    html = response.content.decode()
    assert response.status_code == 200
    assert "Remove the objective “PPM-PPL" in html
    assert "deleted from the plan with its 2 activities; this cannot be undone" in html
    assert Objective.objects.filter(pk=objective.pk).exists()
    forged = client.post(url, {"action": "delete", "confirm": "yes"})
    assert forged.status_code == 200 and Objective.objects.filter(pk=objective.pk).exists()

    response = client.post(url, {"action": "delete", "confirm": token_of(html)})
    assert response.status_code == 302
    assert not Objective.objects.filter(pk=objective.pk).exists()


def test_removing_an_activity_asks_first(client: Client, personas: Any) -> None:
    plan = alice_plan(personas)
    activity = first_objective(plan).activities.order_by("id").first()
    assert activity is not None
    client.force_login(personas.alice.user)
    url = f"/activities/{activity.pk}/edit/"
    html = client.post(url, {"action": "delete"}).content.decode()
    assert f"Remove the activity “{activity.title}”?" in html
    assert Activity.objects.filter(pk=activity.pk).exists()
    client.post(url, {"action": "delete", "confirm": token_of(html)})
    assert not Activity.objects.filter(pk=activity.pk).exists()
    # A token is bound to its object: another activity's token removes nothing.
    other = first_objective(plan).activities.get()
    assert (
        client.post(
            f"/activities/{other.pk}/edit/", {"action": "delete", "confirm": token_of(html)}
        ).status_code
        == 200
    )
    assert Activity.objects.filter(pk=other.pk).exists()


def test_others_are_refused_before_any_confirmation(client: Client, personas: Any) -> None:
    objective = first_objective(alice_plan(personas))
    for who, refusal in (("bob", 403), ("eve", 404)):
        client.force_login(getattr(personas, who).user)
        response = client.post(f"/objectives/{objective.pk}/edit/", {"action": "delete"})
        assert response.status_code == refusal
