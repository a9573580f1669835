"""REST API for the catalogue, over HTTP with the test client, plus token authentication."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client, override_settings

from skillframe.api.models import ApiToken


def test_openapi_and_docs_are_served(client: Client, db: None) -> None:
    schema = client.get("/api/openapi.json").json()
    assert "/api/frameworks/{slug}/elements/{code}" in schema["paths"]
    assert client.get("/api/docs").status_code == 200


def test_list_frameworks_with_counts(client: Client, seeded: Any) -> None:
    rows = {row["slug"]: row for row in client.get("/api/frameworks").json()}
    assert rows["nos-ml"]["counts"]["unit"] == 58
    assert rows["axelos"]["counts"]["family"] == 5


def test_framework_detail_has_scale(client: Client, seeded: Any) -> None:
    body = client.get("/api/frameworks/axelos").json()
    assert [level["number"] for level in body["scale"]] == [1, 2, 3, 4, 5]
    assert body["scale"][4]["name"] == "Executive"


def test_element_tree_is_paginated_and_filterable(client: Client, seeded: Any) -> None:
    page = client.get(
        "/api/frameworks/nos-ml/elements", {"kind": "unit", "limit": 10, "offset": 50}
    ).json()
    assert page["count"] == 58
    assert [item["code"] for item in page["items"]] == [f"INSML{n:03d}" for n in range(51, 59)]
    children = client.get(
        "/api/frameworks/nos-ml/elements", {"parent": "INSML001", "kind": "performance-criterion"}
    ).json()
    assert children["count"] == 29
    assert children["items"][0]["parent_code"] == "INSML001"


def test_element_by_code(client: Client, seeded: Any) -> None:
    body = client.get("/api/frameworks/nos-ml/elements/INSML001.K20").json()
    assert body["statement"] == "your organisation's business processes"
    assert [a["code"] for a in body["ancestors"]] == ["INSML001", "INSML001.K-context"]
    assert client.get("/api/frameworks/nos-ml/elements/INSML001.K99").status_code == 404


def test_search_endpoint(client: Client, seeded: Any) -> None:
    body = client.get(
        "/api/search", {"q": "redeployment", "framework": "nos-ml", "kind": "unit"}
    ).json()
    assert body["hits"][0]["code"] == "INSML021"
    assert client.get("/api/search", {"q": "x", "limit": 0}).status_code == 422
    assert client.get("/api/search", {"q": "x", "framework": "nope"}).status_code == 404


@override_settings(PUBLIC_CATALOGUE=False)
def test_private_catalogue_needs_token_or_session(client: Client, seeded: Any) -> None:
    assert client.get("/api/frameworks").status_code == 401
    user = User.objects.create_user("reader", password="a-long-password-1")
    token, secret = ApiToken.issue(user, "ci")
    ok = client.get("/api/frameworks", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert ok.status_code == 200
    assert client.get("/api/frameworks", HTTP_AUTHORIZATION="Bearer sf_wrong").status_code == 401
    token.revoke()
    assert client.get("/api/frameworks", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 401
    client.force_login(user)
    assert client.get("/api/frameworks").status_code == 200


@pytest.mark.django_db
def test_tokens_are_stored_as_digests_only() -> None:
    user = User.objects.create_user("scripts")
    token, secret = ApiToken.issue(user, "nightly")
    assert secret.startswith("sf_") and secret not in token.key_digest
    assert len(token.key_digest) == 64
