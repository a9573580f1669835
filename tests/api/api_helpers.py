"""Small helpers for the people/assessment API tests: a signed-in client and JSON requests."""

from __future__ import annotations

from typing import Any

from django.test import Client


def signed_in(person: Any) -> Client:
    """A test client with a session for the persona (API calls then use session auth)."""
    client = Client()
    client.force_login(person.user)
    return client


def send(client: Client, method: str, path: str, body: Any = None, **headers: Any) -> Any:
    """A JSON request (POST, PUT, PATCH, DELETE) through the real URL routing."""
    call = getattr(client, method.lower())
    return call(path, body or {}, content_type="application/json", **headers)


def fields(response: Any) -> dict[str | None, str]:
    """{field: message} of a 422 answer, which names each field in error."""
    assert response.status_code == 422, response.content
    return {error["field"]: error["message"] for error in response.json()["detail"]}
