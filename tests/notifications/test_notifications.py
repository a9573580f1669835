"""The bell: notify() creates in-app notifications and e-mails; each user sees only their own."""

from __future__ import annotations

from typing import Any

from django.core import mail
from django.test import Client

from skillframe.notifications.models import Notification, notify


def test_notify_creates_bell_items_and_emails(
    personas: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        notify([personas.bob.user], "Alice submitted her self-assessment", "/me/")
    assert Notification.objects.for_user(personas.bob.user).unread().count() == 1
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["bob@example.org"]
    assert "/me/" in mail.outbox[0].body


def test_inbox_shows_own_notifications_and_count(client: Client, personas: Any) -> None:
    notify([personas.bob.user], "For Bob only", "/me/")
    notify([personas.eve.user], "For Eve only")
    client.force_login(personas.bob.user)
    page = client.get("/notifications/").content.decode()
    assert "For Bob only" in page and "For Eve only" not in page
    assert 'aria-label="1 unread"' in page


def test_opening_marks_read_and_redirects(client: Client, personas: Any) -> None:
    (note,) = notify([personas.bob.user], "Look", "/me/")
    client.force_login(personas.bob.user)
    response = client.post(f"/notifications/{note.pk}/open/")
    assert response.status_code == 302 and response["Location"] == "/me/"
    note.refresh_from_db()
    assert note.read_at is not None


def test_someone_elses_notification_is_not_found(client: Client, personas: Any) -> None:
    (note,) = notify([personas.bob.user], "Private", "/me/")
    client.force_login(personas.eve.user)
    assert client.post(f"/notifications/{note.pk}/open/").status_code == 404
    note.refresh_from_db()
    assert note.read_at is None


def test_external_redirects_are_refused(client: Client, personas: Any) -> None:
    (note,) = notify([personas.bob.user], "Phish", "https://evil.example/")
    client.force_login(personas.bob.user)
    assert client.post(f"/notifications/{note.pk}/open/")["Location"] == "/notifications/"


def test_inbox_needs_login(client: Client) -> None:
    response = client.get("/notifications/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")
