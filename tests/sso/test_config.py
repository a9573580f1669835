from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from skillframe.conf import ConfigError
from skillframe.sso.config import Grant, from_environment, parse_group_permissions


def settings_for(**changes: Any) -> dict[str, Any]:
    values = {
        "issuer": "https://login.example.org/realms/staff/",
        "discovery_url": "",
        "client_id": "skillframe",
        "client_secret_file": "",
        "scopes": "openid email",
        "match": "email",
        "groups_claim": "groups",
        "group_permissions": "",
        "name": "Staff login",
    }
    values.update(changes)
    return values


def test_defaults_derive_the_discovery_address_and_read_the_secret_file(tmp_path: Path) -> None:
    secret = tmp_path / "secret"
    secret.write_text("s3cret\n")
    oidc = from_environment(**settings_for(client_secret_file=str(secret)))
    assert oidc.enabled and oidc.client_secret == "s3cret"
    assert oidc.issuer == "https://login.example.org/realms/staff"
    assert oidc.discovery_url == f"{oidc.issuer}/.well-known/openid-configuration"
    assert "s3cret" not in repr(oidc)
    assert not from_environment(**settings_for(issuer="", client_id="")).enabled


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"client_id": ""}, "SKILLFRAME_OIDC_CLIENT_ID as well"),
        ({"issuer": ""}, "SKILLFRAME_OIDC_ISSUER as well"),
        ({"match": "name"}, "SKILLFRAME_OIDC_MATCH='name' must be one of email, subject"),
        ({"scopes": "email"}, "must include openid"),
        ({"client_secret_file": "/nonexistent/secret"}, "OIDC_CLIENT_SECRET_FILE="),
        ({"group_permissions": "hr"}, "is not GROUP=GRANT"),
        (
            {"token_endpoint": "https://x/token"},
            "OIDC_AUTHORIZATION_ENDPOINT, SKILLFRAME_OIDC_JWKS",
        ),
        (
            {
                "discovery_url": "https://x/d",
                "authorization_endpoint": "https://x/a",
                "token_endpoint": "https://x/t",
                "jwks_uri": "https://x/k",
            },
            "exclude each other",
        ),
        ({"group_permissions": "a=admin:x"}, "is not hr:UNIT-CODE or perm:"),
        ({"group_permissions": "a=perm:nodot"}, "must be perm:app_label.codename"),
    ],
)
def test_bad_settings_stop_with_the_variable_named(changes: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        from_environment(**settings_for(**changes))


def test_group_permissions_parse() -> None:
    mapping = parse_group_permissions(
        "skills-hr = hr:org;perm:frameworks.add_framework, editors=perm:frameworks.add_framework,"
    )
    assert mapping == {
        "skills-hr": (Grant("hr", "org"), Grant("perm", "frameworks.add_framework")),
        "editors": (Grant("perm", "frameworks.add_framework"),),
    }
