"""The caller's own notifications over the API."""

from __future__ import annotations

from typing import Any

from django.test import Client

from skillframe.notifications.models import Notification, notify
from tests.api.api_helpers import send, signed_in


def _texts(response: Any) -> list[str]:
    assert response.status_code == 200, response.content
    return [row["text"] for row in response.json()["items"]]


def test_own_notifications_newest_first_with_unread_filter(personas: Any) -> None:
    alice_user = personas.alice.user
    first, second, third = (notify([alice_user], f"note {n}", "/me/")[0] for n in (1, 2, 3))
    notify([personas.eve.user], "for Eve only")
    Notification.objects.filter(pk=first.pk).update(read_at=second.created_at)
    alice = signed_in(personas.alice)
    assert _texts(alice.get("/api/notifications")) == ["note 3", "note 2", "note 1"]
    assert _texts(alice.get("/api/notifications", {"unread": True})) == ["note 3", "note 2"]
    row = alice.get("/api/notifications").json()["items"][0]
    assert (row["id"], row["url"], row["read"], row["read_at"]) == (third.pk, "/me/", False, None)
    assert _texts(alice.get("/api/notifications", {"limit": 1, "offset": 1})) == ["note 2"]
    assert _texts(signed_in(personas.eve).get("/api/notifications")) == ["for Eve only"]


def test_mark_one_read(personas: Any) -> None:
    (note,) = notify([personas.alice.user], "Please self-assess")
    alice = signed_in(personas.alice)
    response = send(alice, "POST", f"/api/notifications/{note.pk}/read")
    assert response.status_code == 200, response.content
    assert response.json()["read"] is True
    read_at = Notification.objects.get(pk=note.pk).read_at
    assert read_at is not None
    # Repeating it keeps the first time it was read.
    send(alice, "POST", f"/api/notifications/{note.pk}/read")
    assert Notification.objects.get(pk=note.pk).read_at == read_at


def test_others_notifications_are_not_found(personas: Any) -> None:
    (note,) = notify([personas.alice.user], "private")
    eve = signed_in(personas.eve)
    assert send(eve, "POST", f"/api/notifications/{note.pk}/read").status_code == 404
    assert send(eve, "POST", "/api/notifications/999999/read").status_code == 404
    assert Notification.objects.get(pk=note.pk).read_at is None


def test_mark_all_read(personas: Any) -> None:
    notify([personas.alice.user], "one")
    notify([personas.alice.user], "two")
    notify([personas.eve.user], "Eve's")
    response = send(signed_in(personas.alice), "POST", "/api/notifications/read-all")
    assert response.json() == {"marked": 2}
    assert Notification.objects.filter(read_at__isnull=True).get().text == "Eve's"


def test_notifications_list_query_count(personas: Any, django_assert_max_num_queries: Any) -> None:
    for n in range(40):
        notify([personas.alice.user], f"note {n}")
    alice = signed_in(personas.alice)
    with django_assert_max_num_queries(4):
        page = alice.get("/api/notifications").json()
    assert page["count"] == 40


def test_notifications_refuse_anonymous_callers(personas: Any, client: Client) -> None:
    (note,) = notify([personas.alice.user], "private")
    assert client.get("/api/notifications").status_code == 401
    assert send(client, "POST", f"/api/notifications/{note.pk}/read").status_code == 401
    assert send(client, "POST", "/api/notifications/read-all").status_code == 401
