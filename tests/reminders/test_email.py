"""Digests through a real SMTP server on loopback (aiosmtpd), and links from the site address."""

from __future__ import annotations

import email
import socket
from collections.abc import Iterator
from datetime import timedelta
from email.message import Message
from io import StringIO
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client, RequestFactory

from skillframe.development.models import Objective, Plan
from skillframe.frameworks.models import Element
from skillframe.notifications.models import Notification, notify
from skillframe.notifications.site import SiteAddressMiddleware
from skillframe.reminders.models import SentReminder

pytestmark = pytest.mark.django_db


class Inbox:
    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], Message]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        parsed = email.message_from_bytes(envelope.content)
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), parsed))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def smtp(settings: Any) -> Iterator[Inbox]:
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS = False
    settings.DEFAULT_FROM_EMAIL = "skills@example.org"
    settings.SITE_URL = "https://skills.example.org"
    try:
        yield inbox
    finally:
        controller.stop()


def overdue_objective(personas: Any) -> Objective:
    plan = Plan.objects.create(person=personas.alice, title="Grow", status=Plan.Status.APPROVED)
    return Objective.objects.create(
        plan=plan,
        element=Element.objects.get(code="INSML005"),
        measure="leads the stand-up",
        due_on=plan.created_at.date() - timedelta(days=3),
    )


def test_digest_goes_through_a_real_smtp_server(personas: Any, smtp: Inbox) -> None:
    objective = overdue_objective(personas)
    out = StringIO()
    call_command("remind", stdout=out, stderr=StringIO())
    assert "1 digest(s) sent" in out.getvalue()
    ((sender, recipients, message),) = smtp.messages
    assert (sender, recipients) == ("skills@example.org", ["alice@example.org"])
    assert message.get_content_type() == "multipart/alternative"
    text, html = (part.get_payload(decode=True).decode() for part in message.get_payload())
    link = f"https://skills.example.org/plans/{objective.plan_id}/"
    assert "Objective INSML005" in text and link in text
    assert f'href="{link}"' in html and "<ul>" in html


def test_a_refusing_mail_server_records_nothing_and_fails(personas: Any, settings: Any) -> None:
    overdue_objective(personas)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()  # nobody listens
    err = StringIO()
    with pytest.raises(CommandError, match="1 digest\\(s\\) could not be e-mailed"):
        call_command("remind", stdout=StringIO(), stderr=err)
    assert "alice: e-mail not sent" in err.getvalue()
    assert not SentReminder.objects.exists() and not Notification.objects.exists()


def test_links_use_the_request_host_when_no_site_url(
    personas: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.SITE_URL = ""
    settings.ALLOWED_HOSTS = ["skills.example.net"]
    request = RequestFactory().get("/", HTTP_HOST="skills.example.net", secure=True)

    def view(_: Any) -> Any:
        notify([personas.bob.user], "Look at this", "/me/")
        return None

    with django_capture_on_commit_callbacks(execute=True):
        SiteAddressMiddleware(view)(request)
    assert "https://skills.example.net/me/" in mail.outbox[0].body
    # Outside a request and with no SITE_URL: the local address (`remind` warns about it).
    with django_capture_on_commit_callbacks(execute=True):
        notify([personas.bob.user], "Again", "/me/")
    assert "http://127.0.0.1:8000/me/" in mail.outbox[1].body


def test_site_url_wins_over_the_request(
    personas: Any, settings: Any, client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    settings.SITE_URL = "https://skills.example.org"
    overdue_objective(personas)
    err = StringIO()
    call_command("remind", stdout=StringIO(), stderr=err)
    assert "SITE_URL is not set" not in err.getvalue()
    assert "https://skills.example.org/plans/" in mail.outbox[0].body


def test_only_the_newest_validated_rating_counts(personas: Any, settings: Any) -> None:
    from django.utils import timezone

    from skillframe.assessments.models import Rating, Source

    today = timezone.localdate()
    ppl = Element.objects.get(code="PPM-PPL")

    def validated(review_on: Any) -> None:
        Rating.objects.create(person=personas.alice, element=ppl, level=3, source=Source.MANAGER,
                              rater=personas.bob.user, next_review_on=review_on)  # fmt: skip

    validated(today - timedelta(days=30))  # stale, but superseded below
    validated(today + timedelta(days=300))
    call_command("remind", stdout=StringIO(), stderr=StringIO())
    assert mail.outbox == []
    validated(today - timedelta(days=1))  # the newest is now past its date
    call_command("remind", stdout=StringIO(), stderr=StringIO())
    (message,) = mail.outbox
    assert message.to == ["bob@example.org"]
    assert "Alice Archer: 1 validated rating is due for review." in message.body
    assert "/people/E-alice/ratings/" in message.body
