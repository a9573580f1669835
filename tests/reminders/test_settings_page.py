"""Muting reminder kinds: the settings page and the API (the CLI is in test_remind.py)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from skillframe.reminders.models import Mute

pytestmark = pytest.mark.django_db


def test_page_shows_and_saves_the_kinds(client: Client, personas: Any) -> None:
    client.force_login(personas.bob.user)
    page = client.get("/account/reminders/").content.decode()
    assert page.count('type="checkbox"') == 4 and page.count(" checked") == 4
    response = client.post(
        "/account/reminders/", {"send": ["self-assessment", "objective", "rating-review"]}
    )
    assert response.status_code == 302
    assert list(Mute.objects.values_list("user__username", "kind")) == [("bob", "review")]
    page = client.get("/account/reminders/").content.decode()
    assert page.count(" checked") == 3 and "saved" in page
    # Someone else's settings are their own.
    client.force_login(personas.eve.user)
    assert client.get("/account/reminders/").content.decode().count(" checked") == 4


def test_api_reads_and_replaces_mutes(client: Client, personas: Any) -> None:
    client.force_login(personas.alice.user)
    body = client.get("/api/me/reminders").json()
    assert [k["kind"] for k in body["kinds"]] == [
        "self-assessment", "review", "objective", "rating-review"
    ]  # fmt: skip
    assert not any(k["muted"] for k in body["kinds"])
    response = client.put(
        "/api/me/reminders", {"muted": ["objective"]}, content_type="application/json"
    )
    assert response.status_code == 200
    assert [k["kind"] for k in response.json()["kinds"] if k["muted"]] == ["objective"]
    bad = client.put(
        "/api/me/reminders", {"muted": ["review", "holiday"]}, content_type="application/json"
    )
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["field"] == "muted"
    assert "unknown reminder kind 'holiday'" in bad.json()["detail"][0]["message"]
    assert list(Mute.objects.values_list("kind", flat=True)) == ["objective"]  # unchanged


def test_api_refuses_anonymous(client: Client, personas: Any) -> None:
    assert client.get("/api/me/reminders").status_code == 401
    assert (
        client.put("/api/me/reminders", {"muted": []}, content_type="application/json").status_code
        == 401
    )
