"""Password reset by e-mail: how imported people (who start without a password) get one."""

from __future__ import annotations

import re
from typing import Any

from django.core import mail
from django.test import Client


def test_reset_link_by_email_sets_a_new_password(client: Client, personas: Any) -> None:
    response = client.post("/account/reset/", {"email": "alice@example.org"})
    assert response.status_code == 302 and response["Location"] == "/account/reset/sent/"
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["alice@example.org"]
    link = re.search(r"https?://[^/]+(/account/reset/\S+/)", mail.outbox[0].body)
    assert link is not None
    form = client.get(link.group(1), follow=True)
    assert b"Choose a new password" in form.content
    new = "a-fresh-long-passphrase-42"
    done = client.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert done.status_code == 302 and done["Location"] == "/account/reset/done/"
    signed_in = Client().post("/login/", {"username": "alice", "password": new})
    assert signed_in.status_code == 302 and signed_in["Location"] == "/"  # the home page


def test_unknown_address_sends_nothing_and_says_the_same(client: Client, personas: Any) -> None:
    response = client.post("/account/reset/", {"email": "nobody@example.org"})
    assert response.status_code == 302 and response["Location"] == "/account/reset/sent/"
    assert mail.outbox == []


def test_a_used_link_is_refused(client: Client, personas: Any) -> None:
    page = client.get("/account/reset/MQ/not-a-token/", follow=True)
    assert b"invalid or has already been used" in page.content
