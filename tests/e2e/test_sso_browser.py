"""Issue 17: a person signs in through the identity provider in a real browser: Skillframe's
sign-in page → the test OpenID provider's form (tests/sso/idp.py, on loopback) → back to
Skillframe, signed in. Someone HR never imported is refused with a page saying why.
Screenshots: sso-1-sign-in … sso-3-refused in the artefacts folder."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from skillframe.sso.models import Identity
from tests.sso.conftest import configure
from tests.sso.idp import IdentityProvider, RunningProvider

pytestmark = pytest.mark.e2e


@pytest.fixture
def provider(monkeypatch: pytest.MonkeyPatch) -> Iterator[IdentityProvider]:
    monkeypatch.setenv("AUTHLIB_INSECURE_TRANSPORT", "1")
    idp = IdentityProvider()
    idp.add_account("sub-alice", email="alice@example.org", email_verified=True)
    idp.add_account("sub-mallory", email="mallory@example.org", email_verified=True)
    running = RunningProvider(idp)
    yield idp
    running.stop()


def through_provider(page: Any, base: str, account: str) -> None:
    page.goto(f"{base}/login/")
    page.get_by_role("link", name="Sign in with Test IdP").click()
    page.wait_for_selector("text=Test identity provider")
    page.get_by_label("Account").fill(account)
    page.get_by_role("button", name="Sign in").click()


def test_sign_in_through_the_identity_provider(
    transactional_db: None,
    live_server: Any,
    personas: Any,
    settings: Any,
    provider: IdentityProvider,
    page: Any,
    shot: Any,
) -> None:
    base = live_server.url
    configure(settings, provider, base)
    page.goto(f"{base}/login/")
    # Both ways are offered: the provider and a Skillframe password.
    assert page.get_by_label("Password").is_visible()
    shot(page, "sso-1-sign-in")
    through_provider(page, base, "sub-alice")
    page.wait_for_url(f"{base}/")
    shot(page, "sso-2-signed-in")
    assert "Alice" in page.content()
    assert Identity.objects.get(subject="sub-alice").user == personas.alice.user
    # Signed in for real: a personal page opens without another sign-in.
    page.goto(f"{base}/me/")
    assert page.url == f"{base}/me/"

    page.context.clear_cookies()
    through_provider(page, base, "sub-mallory")
    page.wait_for_selector("text=Cannot sign you in")
    shot(page, "sso-3-refused")
    assert "mallory@example.org" in page.content()
    page.goto(f"{base}/me/")
    assert page.url.startswith(f"{base}/login/")
