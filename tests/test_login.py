"""Sign-in: the login page works, and repeated failures lock the username out (django-axes)."""

from __future__ import annotations

from typing import Any

from django.test import Client


def test_sign_in_lands_on_the_home_page(client: Client, personas: Any) -> None:
    # Issue 11: the home page says what to do now (it was /me/ before).
    response = client.post("/login/", {"username": "alice", "password": personas.password})
    assert response.status_code == 302 and response["Location"] == "/"
    assert b"What to do now" in client.get("/").content


def test_five_failures_lock_the_account_even_with_the_right_password(
    client: Client, personas: Any
) -> None:
    for _ in range(5):
        client.post("/login/", {"username": "alice", "password": "wrong"})
    response = client.post("/login/", {"username": "alice", "password": personas.password})
    assert response.status_code == 429  # axes' lockout response
    assert "_auth_user_id" not in client.session
    # Another user from the same address is not locked out by Alice's failures.
    other = client.post("/login/", {"username": "bob", "password": personas.password})
    assert other.status_code == 302


def test_logout_needs_post(client: Client, personas: Any) -> None:
    client.force_login(personas.alice.user)
    assert client.get("/logout/").status_code == 405
    assert client.post("/logout/").status_code == 302
    assert "_auth_user_id" not in client.session
