"""A real OpenID Connect provider (tests/sso/idp.py) on loopback, and Skillframe configured to
use it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from skillframe.sso.config import OidcConfig, parse_group_permissions
from tests.sso.idp import CLIENT_ID, CLIENT_SECRET, IdentityProvider, RunningProvider


@pytest.fixture
def idp(monkeypatch: pytest.MonkeyPatch) -> Iterator[IdentityProvider]:
    # authlib refuses plain-HTTP OAuth endpoints unless told this is a test on loopback.
    monkeypatch.setenv("AUTHLIB_INSECURE_TRANSPORT", "1")
    provider = IdentityProvider()
    provider.add_account(
        "sub-alice", email="alice@example.org", email_verified=True, groups=["staff"]
    )
    provider.add_account("sub-carol", email="carol@example.org", groups=["skills-hr"])
    provider.add_account("sub-stranger", email="stranger@example.org", groups=[])
    running = RunningProvider(provider)
    yield provider
    running.stop()


def configure(
    settings: Any, provider: IdentityProvider, redirect_base: str, **changes: Any
) -> None:
    """Point Skillframe at `provider`; `redirect_base` is where this Skillframe answers."""
    provider.client.redirect_uris = [f"{redirect_base}/login/sso/callback/"]
    fields: dict[str, Any] = {
        "issuer": provider.issuer,
        "discovery_url": f"{provider.issuer}/.well-known/openid-configuration",
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "scopes": "openid email profile groups",
        "name": "Test IdP",
    }
    if "group_permissions" in changes:
        changes["group_permissions"] = parse_group_permissions(changes["group_permissions"])
    fields.update(changes)
    settings.OIDC = OidcConfig(**fields)
