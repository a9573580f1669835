"""Invitations: HR (within scope) e-mails a one-time, expiring link to set a first password;
web page, API and `skillframe invitations` command on the same domain functions."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from skillframe.api.models import ApiToken
from skillframe.people.models import OrgUnit, Person
from skillframe.sso import invitations
from skillframe.sso.models import Invitation

NEW_PASSWORD = "a-long-new-password-2026"


@pytest.fixture
def newcomer(personas: Any) -> Person:
    """Imported from HR: in Delivery (Carol's scope), an e-mail address, no password."""
    user = User.objects.create_user("nina", "nina@example.org", first_name="Nina", last_name="N")
    user.set_unusable_password()
    user.save()
    return Person.objects.create(
        user=user, employee_id="E-nina", unit=OrgUnit.objects.get(code="delivery")
    )


def link_path(message: mail.EmailMessage) -> str:
    found = re.search(r"https?://[^/\s]+(/invitations/\d+/[^/\s]+/)", message.body)
    assert found, message.body
    return found.group(1)


def test_hr_invites_and_the_link_sets_a_password_once(
    client: Client, personas: Any, newcomer: Person, settings: Any
) -> None:
    settings.SITE_URL = "https://skills.example.org"
    client.force_login(personas.carol.user)
    response = client.post("/invitations/", {"employee_id": "E-nina"})
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == ["nina@example.org"]
    assert "https://skills.example.org/invitations/" in message.body
    html = message.alternatives[0][0]  # type: ignore[attr-defined]
    assert "Set your password" in html
    page = client.get("/invitations/").content.decode()
    assert "Nina" in page and "not used" in page
    client.logout()

    path = link_path(message)
    assert "Welcome, Nina" in client.get(path).content.decode()
    mismatch = client.post(path, {"password1": NEW_PASSWORD, "password2": "other"})
    assert mismatch.status_code == 200 and "differ" in mismatch.content.decode()
    weak = client.post(path, {"password1": "123", "password2": "123"})
    assert weak.status_code == 200
    newcomer.user.refresh_from_db()
    assert not newcomer.user.has_usable_password()

    done = client.post(path, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert done.status_code == 302
    assert client.session["_auth_user_id"] == str(newcomer.user.pk)
    newcomer.user.refresh_from_db()
    assert newcomer.user.check_password(NEW_PASSWORD)
    assert Invitation.objects.get().accepted_at is not None

    # Used once: the same link no longer works, whoever holds it.
    client.logout()
    again = client.get(path)
    assert again.status_code == 403 and "already been used" in again.content.decode()
    signed_in = client.post("/login/", {"username": "nina", "password": NEW_PASSWORD})
    assert signed_in.status_code == 302


def test_an_expired_link_is_refused(
    client: Client, personas: Any, newcomer: Person, settings: Any
) -> None:
    settings.INVITATION_DAYS = 2
    client.force_login(personas.carol.user)
    client.post("/invitations/", {"employee_id": "E-nina"})
    Invitation.objects.update(created_at=timezone.now() - timedelta(days=2, minutes=1))
    client.logout()
    path = link_path(mail.outbox[0])
    response = client.post(path, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 410 and "expired" in response.content.decode()
    newcomer.user.refresh_from_db()
    assert not newcomer.user.has_usable_password()


def test_a_week_long_invitation_outlives_the_password_reset_timeout(
    client: Client, personas: Any, newcomer: Person, settings: Any
) -> None:
    settings.INVITATION_DAYS = 7
    settings.PASSWORD_RESET_TIMEOUT = 3 * 24 * 3600
    client.force_login(personas.carol.user)
    client.post("/invitations/", {"employee_id": "E-nina"})
    client.logout()
    path = link_path(mail.outbox[0])
    five_days = timedelta(days=5)
    Invitation.objects.update(created_at=timezone.now() - five_days)
    later = timezone.now() + five_days
    tokens = invitations.tokens
    real_now = tokens._now
    tokens._now = lambda: later.replace(tzinfo=None)  # type: ignore[method-assign]
    try:
        assert client.get(path).status_code == 200
        tokens._now = lambda: (later + timedelta(days=3)).replace(tzinfo=None)  # type: ignore[method-assign]
        assert client.get(path).status_code == 403
    finally:
        tokens._now = real_now  # type: ignore[method-assign]


def test_a_tampered_token_or_another_invitation_id_is_refused(
    client: Client, personas: Any, newcomer: Person
) -> None:
    client.force_login(personas.carol.user)
    client.post("/invitations/", {"employee_id": "E-nina"})
    client.logout()
    path = link_path(mail.outbox[0])
    pk = Invitation.objects.get().pk
    token = path.rstrip("/").rsplit("/", 1)[1]
    assert client.get(f"/invitations/{pk}/{token[:-1]}x/").status_code == 403
    other = Invitation.objects.create(person=personas.alice, email="alice@example.org")
    assert client.get(f"/invitations/{other.pk}/{token}/").status_code == 403
    assert client.get(f"/invitations/{pk + 1000}/{token}/").status_code == 404


def test_refusals_on_the_page_change_nothing(
    client: Client, personas: Any, newcomer: Person
) -> None:
    # Bob is no HR admin: 403. Eve's unit... Carol's scope is the whole org; an HR admin of
    # Operations only may not invite someone of Delivery: 404, as on the people pages.
    client.force_login(personas.bob.user)
    assert client.post("/invitations/", {"employee_id": "E-nina"}).status_code == 403
    personas.dave.hr_units.add(OrgUnit.objects.get(code="operations"))
    client.force_login(personas.dave.user)
    assert client.post("/invitations/", {"employee_id": "E-nina"}).status_code == 404
    # Someone with a password already: told why, nothing sent.
    client.force_login(personas.carol.user)
    response = client.post("/invitations/", {"employee_id": "E-alice"})
    assert response.status_code == 200 and "already has a password" in response.content.decode()
    assert not Invitation.objects.exists() and not mail.outbox


def test_api_sends_and_lists_with_the_same_rules(
    client: Client, personas: Any, newcomer: Person
) -> None:
    _token, secret = ApiToken.issue(personas.carol.user, "script")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    sent = client.post(
        "/api/invitations", {"employee_id": "E-nina"}, content_type="application/json", **auth
    )
    assert sent.status_code == 201, sent.content
    body = sent.json()
    assert body["employee_id"] == "E-nina" and body["email"] == "nina@example.org"
    assert body["invited_by"] == "carol" and body["accepted_at"] is None
    assert len(mail.outbox) == 1
    listed = client.get("/api/invitations", **auth).json()
    assert [row["employee_id"] for row in listed["items"]] == ["E-nina"]

    refused = client.post(
        "/api/invitations", {"employee_id": "E-alice"}, content_type="application/json", **auth
    )
    assert refused.status_code == 422
    assert "already has a password" in refused.json()["detail"][0]["message"]
    missing = client.post(
        "/api/invitations", {"employee_id": "E-nobody"}, content_type="application/json", **auth
    )
    assert missing.status_code == 404

    _t, bobs = ApiToken.issue(personas.bob.user, "script")
    bob = {"HTTP_AUTHORIZATION": f"Bearer {bobs}"}
    assert client.get("/api/invitations", **bob).status_code == 403
    assert (
        client.post(
            "/api/invitations", {"employee_id": "E-nina"}, content_type="application/json", **bob
        ).status_code
        == 403
    )
    assert client.get("/api/invitations").status_code == 401
    assert Invitation.objects.count() == 1


def test_command_sends_all_or_nothing_and_lists(
    personas: Any, newcomer: Person, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(
        CommandError, match=r"unknown employee id 'E-ghost'; E-alice already has a password"
    ):
        call_command("invitations", "send", "E-nina", "E-alice", "E-ghost")
    assert not Invitation.objects.exists() and not mail.outbox
    call_command("invitations", "send", "E-nina")
    assert "invited E-nina (nina@example.org)" in capsys.readouterr().out
    assert len(mail.outbox) == 1
    call_command("invitations", "list", "--pending")
    out = capsys.readouterr().out
    assert "E-nina\tnina@example.org" in out and "\tcli\tnot used" in out


def test_no_email_or_a_leaver_cannot_be_invited(personas: Any, newcomer: Person) -> None:
    newcomer.user.email = ""
    newcomer.user.save()
    with pytest.raises(CommandError, match="E-nina has no e-mail address"):
        call_command("invitations", "send", "E-nina")
    newcomer.user.email = "nina@example.org"
    newcomer.user.is_active = False
    newcomer.user.save()
    with pytest.raises(CommandError, match="E-nina is not active"):
        call_command("invitations", "send", "E-nina")
