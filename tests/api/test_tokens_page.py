"""The personal access tokens page: list, create (secret shown once), revoke."""

from __future__ import annotations

import re
from typing import Any

from django.test import Client
from django.urls import reverse

from skillframe.api.models import ApiToken, digest
from skillframe.audit.models import AuditEvent
from tests.api.api_helpers import signed_in

SECRET = re.compile(r"sf_[A-Za-z0-9_-]{40,}")


def test_the_page_needs_a_signed_in_user(client: Client, db: None) -> None:
    assert reverse("tokens") == "/account/tokens/"
    response = client.get("/account/tokens/")
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert client.post("/account/tokens/", {"name": "x"}).status_code == 302
    assert not ApiToken.objects.exists()


def test_create_shows_the_secret_once_and_it_works(personas: Any) -> None:
    alice = signed_in(personas.alice)
    page = alice.get("/account/tokens/")
    assert page.status_code == 200
    assert b"You have no API tokens" in page.content
    created = alice.post("/account/tokens/", {"name": "nightly export"})
    assert created.status_code == 200
    assert created["Cache-Control"] == "no-store"
    html = created.content.decode()
    assert "shown only once" in html
    secrets = set(SECRET.findall(html))
    assert len(secrets) == 1
    secret = secrets.pop()
    token = ApiToken.objects.get(user=personas.alice.user)
    assert token.name == "nightly export" and token.key_digest == digest(secret)
    assert AuditEvent.objects.filter(action="token.create", actor=personas.alice.user).exists()
    # The list shows the token but never the secret again.
    listing = alice.get("/account/tokens/").content.decode()
    assert "nightly export" in listing and "never" in listing and secret not in listing
    # The secret authenticates API calls as Alice.
    api = Client().get("/api/people", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert [row["employee_id"] for row in api.json()["items"]] == ["E-alice"]
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_the_name_is_required_and_unique_among_active_tokens(personas: Any) -> None:
    alice = signed_in(personas.alice)
    empty = alice.post("/account/tokens/", {"name": "  "})
    assert empty.status_code == 400
    assert b"Name: This field is required." in empty.content
    ApiToken.issue(personas.alice.user, "ci")
    twice = alice.post("/account/tokens/", {"name": "ci"})
    assert twice.status_code == 400
    assert "already have an active token called “ci”" in twice.content.decode()
    assert ApiToken.objects.count() == 1
    # Another user may use the same name.
    assert signed_in(personas.bob).post("/account/tokens/", {"name": "ci"}).status_code == 200


def test_revoke_own_token(personas: Any, client: Client) -> None:
    token, secret = ApiToken.issue(personas.alice.user, "old script")
    alice = signed_in(personas.alice)
    url = reverse("token_revoke", args=[token.pk])
    # Issue 11: revoking cannot be undone, so a confirmation step says so first.
    page = alice.get(url).content.decode()
    assert "stops working at once. This cannot be undone." in page and "Last used: never" in page
    assert alice.post(url).status_code == 400  # without the step's token: nothing revoked
    token.refresh_from_db()
    assert token.revoked_at is None
    response = alice.post(url, confirmed(token))
    assert response.status_code == 302 and response["Location"] == "/account/tokens/"
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert client.get("/api/people", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 401
    assert "revoked" in alice.get("/account/tokens/").content.decode()
    assert AuditEvent.objects.filter(action="token.revoke").count() == 1


def test_revoke_with_htmx_returns_the_list(personas: Any) -> None:
    token, _ = ApiToken.issue(personas.alice.user, "htmx script")
    response = signed_in(personas.alice).post(
        reverse("token_revoke", args=[token.pk]), confirmed(token), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="token-list">') and "<html" not in html
    assert "revoked" in html


def test_nobody_revokes_or_sees_someone_elses_token(personas: Any) -> None:
    token, _ = ApiToken.issue(personas.alice.user, "alice-sync-script")
    eve = signed_in(personas.eve)
    assert eve.post(reverse("token_revoke", args=[token.pk]), confirmed(token)).status_code == 404
    assert eve.get(reverse("token_revoke", args=[token.pk])).status_code == 404
    assert "alice-sync-script" not in eve.get("/account/tokens/").content.decode()
    token.refresh_from_db()
    assert token.revoked_at is None


def confirmed(token: ApiToken) -> dict[str, str]:
    """The token of the revoke confirmation step (issue 11)."""
    from skillframe.http import confirm_token

    return {"confirm": confirm_token("token.revoke", f"token:{token.pk}")}
