"""Issue 11: closing a cycle is a confirmation step that states what it freezes, a POST without
the confirmation's token closes nothing, and HR can reopen a closed cycle (audited)."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from django.test import Client
from django.utils import timezone

from skillframe.assessments.models import Cycle, SelfAssessment
from skillframe.audit.models import AuditEvent
from skillframe.http import confirm_token
from tests.assessments.test_cycles_pages import login, make_cycle


def cycle_with_work(personas: Any) -> Cycle:
    """Alice in progress, Bob awaiting review, Eve reviewed; Carol and Dave not started."""
    cycle = make_cycle(personas, personas.org)
    SelfAssessment.objects.create(person=personas.alice, cycle=cycle, role=personas.pm)
    SelfAssessment.objects.create(
        person=personas.bob, cycle=cycle, role=personas.pm, status="submitted"
    )
    SelfAssessment.objects.create(
        person=personas.eve, cycle=cycle, role=personas.pm, status="reviewed"
    )
    return cycle


def token_of(html: str) -> str:
    found = re.search(r'name="confirm" value="([^"]+)"', html)
    assert found, "the confirmation form carries a token"
    return found.group(1)


def test_the_confirmation_states_what_closing_freezes(client: Client, personas: Any) -> None:
    cycle = cycle_with_work(personas)
    login(client, personas, "carol")
    detail = client.get(f"/cycles/{cycle.pk}/").content.decode()
    assert f'href="/cycles/{cycle.pk}/close/"' in detail  # a link to the step, not a POST
    assert f'action="/cycles/{cycle.pk}/close/"' not in detail
    response = client.get(f"/cycles/{cycle.pk}/close/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "1 in progress, 1 awaiting review will be frozen." in html
    assert "1 reviewed self-assessment stays as it is." in html
    assert "closing now is <strong>30 days early</strong>" in html
    assert "Close the cycle and freeze 2 self-assessments" in html
    cycle.refresh_from_db()
    assert cycle.status == "open"  # showing the step changes nothing


def test_a_post_without_the_confirmation_token_closes_nothing(
    client: Client, personas: Any
) -> None:
    cycle = cycle_with_work(personas)
    login(client, personas, "carol")
    wrong = confirm_token("cycle.close", "cycle:999999")  # another cycle's token
    for data in ({}, {"confirm": "yes"}, {"confirm": wrong}):
        response = client.post(f"/cycles/{cycle.pk}/close/", data)
        assert response.status_code == 400
        html = response.content.decode()
        assert "Nothing was closed" in html and "1 in progress, 1 awaiting review" in html
    cycle.refresh_from_db()
    assert cycle.status == "open"
    assert not AuditEvent.objects.filter(action="cycle.close").exists()


def test_confirmed_close_is_audited_with_what_it_froze(client: Client, personas: Any) -> None:
    cycle = cycle_with_work(personas)
    login(client, personas, "carol")
    token = token_of(client.get(f"/cycles/{cycle.pk}/close/").content.decode())
    response = client.post(f"/cycles/{cycle.pk}/close/", {"confirm": token})
    assert response.status_code == 302
    cycle.refresh_from_db()
    assert cycle.status == "closed"
    event = AuditEvent.objects.get(action="cycle.close")
    assert event.data["in_progress"] == 1 and event.data["awaiting_review"] == 1
    assert event.data["days_early"] == 30
    html = client.get(response["Location"]).content.decode()
    assert "The cycle is closed" in html and "Reopen the cycle" in html


def test_hr_reopens_a_closed_cycle_and_it_is_audited(client: Client, personas: Any) -> None:
    cycle = cycle_with_work(personas)
    cycle.status = Cycle.Status.CLOSED
    cycle.save()
    today = timezone.localdate()
    login(client, personas, "carol")
    # A date in the past is refused on the field, and nothing changes.
    past = (today - timedelta(days=1)).isoformat()
    response = client.post(f"/cycles/{cycle.pk}/reopen/", {"ends_on": past})
    assert response.status_code == 400
    assert "choose today or a later date" in response.content.decode()
    cycle.refresh_from_db()
    assert cycle.status == "closed"

    until = today + timedelta(days=14)
    response = client.post(f"/cycles/{cycle.pk}/reopen/", {"ends_on": until.isoformat()})
    assert response["Location"] == f"/cycles/{cycle.pk}/?reopened=1"
    cycle.refresh_from_db()
    assert (cycle.status, cycle.ends_on) == ("open", until)
    event = AuditEvent.objects.get(action="cycle.reopen")
    assert event.actor == personas.carol.user and event.data["ends_on"] == until.isoformat()
    # Alice sees the cycle on her page again.
    login(client, personas, "alice")
    assert "Spring review" in client.get("/me/").content.decode()


def test_only_hr_closes_or_reopens(client: Client, personas: Any) -> None:
    cycle = cycle_with_work(personas)
    token = confirm_token("cycle.close", f"cycle:{cycle.pk}")
    for name in ("alice", "bob", "eve"):
        login(client, personas, name)
        assert client.get(f"/cycles/{cycle.pk}/close/").status_code == 403
        assert client.post(f"/cycles/{cycle.pk}/close/", {"confirm": token}).status_code == 403
        assert (
            client.post(f"/cycles/{cycle.pk}/reopen/", {"ends_on": "2099-01-01"}).status_code == 403
        )
    cycle.refresh_from_db()
    assert cycle.status == "open"
