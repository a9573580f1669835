"""Single sign-on against a real OpenID provider on loopback (tests/sso/idp.py): Skillframe's
client does discovery, the authorization-code flow with PKCE, the token exchange and the ID
token's signature check against the provider's JWKS. Nothing of the client library is mocked:
the only stand-in is the browser, played by `requests` following the provider's form."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.test import Client

from skillframe.audit.models import AuditEvent
from skillframe.sso.models import Identity
from tests.sso.conftest import configure
from tests.sso.idp import IdentityProvider

TESTSERVER = "http://testserver"


def sign_in(client: Client, provider: IdentityProvider, account: str, next_url: str = "") -> Any:
    """Walk the whole flow: Skillframe → provider's sign-in form → back to the callback."""
    start = client.get("/login/sso/" + (f"?next={next_url}" if next_url else ""))
    assert start.status_code == 302, start.content
    authorize = start["Location"]
    assert authorize.startswith(f"{provider.issuer}/authorize?")
    query = {k: v[0] for k, v in parse_qs(urlsplit(authorize).query).items()}
    assert query["code_challenge_method"] == "S256" and query["nonce"]
    # The user's browser: the provider's form, posted with the chosen account.
    form = requests.get(authorize, timeout=10)
    assert "Test identity provider" in form.text
    answer = requests.post(
        f"{provider.issuer}/authorize",
        data={**query, "account": account},
        allow_redirects=False,
        timeout=10,
    )
    assert answer.status_code == 302, answer.text
    back = urlsplit(answer.headers["Location"])
    assert f"{TESTSERVER}{back.path}" == f"{TESTSERVER}/login/sso/callback/"
    return client.get(f"{back.path}?{back.query}")


@pytest.fixture
def sso(settings: Any, idp: IdentityProvider) -> IdentityProvider:
    configure(settings, idp, TESTSERVER)
    return idp


def test_sign_in_page_offers_both_ways_when_configured(
    client: Client, settings: Any, idp: IdentityProvider, db: None
) -> None:
    page = client.get("/login/").content.decode()
    assert "Sign in with" not in page and 'name="password"' in page
    configure(settings, idp, TESTSERVER)
    page = client.get("/login/?next=/me/").content.decode()
    assert "Sign in with Test IdP" in page and "/login/sso/?next=/me/" in page
    assert 'name="password"' in page


def test_known_person_signs_in_by_email_and_is_linked(
    client: Client, personas: Any, sso: IdentityProvider
) -> None:
    response = sign_in(client, sso, "sub-alice", next_url="/me/")
    assert response.status_code == 302 and response["Location"] == "/me/"
    assert client.get("/me/").status_code == 200
    assert client.session["_auth_user_id"] == str(personas.alice.user.pk)
    identity = Identity.objects.get(user=personas.alice.user)
    assert (identity.issuer, identity.subject) == (sso.issuer, "sub-alice")
    assert sso.tokens_issued == 1 and sso.discovery_requests > 0
    assert AuditEvent.objects.filter(action="sso.linked").count() == 1
    success = AuditEvent.objects.get(action="login.success")
    assert success.actor == personas.alice.user and success.data["via"] == "sso"


def test_endpoints_given_by_hand_instead_of_discovery(
    client: Client, personas: Any, settings: Any, idp: IdentityProvider
) -> None:
    configure(
        settings,
        idp,
        TESTSERVER,
        discovery_url="",
        authorization_endpoint=f"{idp.issuer}/authorize",
        token_endpoint=f"{idp.issuer}/token",
        jwks_uri=f"{idp.issuer}/jwks",
    )
    idp.discovery_requests = 0
    response = sign_in(client, idp, "sub-alice")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(personas.alice.user.pk)
    assert idp.discovery_requests == 0


def test_linked_subject_wins_over_a_changed_email(
    client: Client, personas: Any, sso: IdentityProvider
) -> None:
    sign_in(client, sso, "sub-alice")
    client.logout()
    # The provider now says another address: the stored subject still finds Alice.
    sso.accounts["sub-alice"]["email"] = "a.archer@new.example.org"
    response = sign_in(client, sso, "sub-alice")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(personas.alice.user.pk)


def test_unknown_person_is_refused_and_nothing_is_created(
    client: Client, personas: Any, sso: IdentityProvider
) -> None:
    from django.contrib.auth.models import User

    users = User.objects.count()
    response = sign_in(client, sso, "sub-stranger")
    assert response.status_code == 403
    page = response.content.decode()
    assert "Cannot sign you in" in page and "stranger@example.org" in page
    assert "ask your HR administrator" in page
    assert User.objects.count() == users and not Identity.objects.exists()
    failure = AuditEvent.objects.get(action="login.failure")
    assert failure.actor is None and failure.data["via"] == "sso"
    assert "_auth_user_id" not in client.session


def test_an_email_already_linked_to_another_subject_is_refused(
    client: Client, personas: Any, sso: IdentityProvider
) -> None:
    sign_in(client, sso, "sub-alice")
    client.logout()
    sso.add_account("sub-impostor", email="alice@example.org", email_verified=True)
    response = sign_in(client, sso, "sub-impostor")
    assert response.status_code == 403
    assert "linked to another account" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_unverified_email_is_refused(client: Client, personas: Any, sso: IdentityProvider) -> None:
    sso.accounts["sub-alice"]["email_verified"] = False
    response = sign_in(client, sso, "sub-alice")
    assert response.status_code == 403 and "not verified" in response.content.decode()


def test_match_by_subject_uses_the_employee_id(
    client: Client, personas: Any, settings: Any, idp: IdentityProvider
) -> None:
    configure(settings, idp, TESTSERVER, match="subject")
    idp.add_account("E-dave", email="someone-else@example.org")
    response = sign_in(client, idp, "E-dave")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(personas.dave.user.pk)


def test_groups_grant_and_withdraw_mapped_permissions(
    client: Client, personas: Any, settings: Any, idp: IdentityProvider
) -> None:
    configure(
        settings,
        idp,
        TESTSERVER,
        group_permissions="staff=hr:delivery;perm:frameworks.add_framework",
    )
    alice = personas.alice
    assert not alice.hr_units.exists()
    sign_in(client, idp, "sub-alice")
    assert list(alice.hr_units.values_list("code", flat=True)) == ["delivery"]
    alice.user.refresh_from_db()
    assert alice.user.has_perm("frameworks.add_framework")
    # Out of the group at the provider: the mapped grants go at the next sign-in.
    client.logout()
    idp.accounts["sub-alice"]["groups"] = []
    sign_in(client, idp, "sub-alice")
    assert not alice.hr_units.exists()
    fresh = type(alice.user).objects.get(pk=alice.user.pk)
    assert not fresh.has_perm("frameworks.add_framework")
    event = AuditEvent.objects.filter(action="sso.permissions").order_by("pk").last()
    assert event is not None and event.data["removed"] == [
        "hr:delivery",
        "perm:frameworks.add_framework",
    ]


def test_unmapped_grants_given_by_hand_are_kept(
    client: Client, personas: Any, settings: Any, idp: IdentityProvider
) -> None:
    configure(settings, idp, TESTSERVER, group_permissions="skills-hr=hr:delivery")
    carol = personas.carol  # HR of "org", given by hand: no group maps to it
    sign_in(client, idp, "sub-carol")
    assert sorted(carol.hr_units.values_list("code", flat=True)) == ["delivery", "org"]


def test_a_token_signed_by_another_key_is_refused(
    client: Client, personas: Any, sso: IdentityProvider
) -> None:
    from joserfc.jwk import RSAKey

    # The provider signs with a key its JWKS does not publish (same key id): forged token.
    sso.published_key = sso.key
    sso.key = RSAKey.generate_key(2048, parameters={"kid": "test-key", "use": "sig"})
    response = sign_in(client, sso, "sub-alice")
    assert response.status_code == 403
    assert "could not be verified" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_token_from_another_issuer_is_refused(
    client: Client, personas: Any, settings: Any, idp: IdentityProvider
) -> None:
    # Discovery and keys are the provider's, but Skillframe was told to trust another issuer.
    configure(
        settings,
        idp,
        TESTSERVER,
        issuer="https://login.example.org",
        discovery_url=f"{idp.issuer}/.well-known/openid-configuration",
    )
    response = sign_in(client, idp, "sub-alice")
    assert response.status_code == 403
    assert "could not be verified" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_callback_without_the_flow_started_here_is_refused(
    client: Client, personas: Any, sso: IdentityProvider
) -> None:
    response = client.get("/login/sso/callback/?code=stolen&state=forged")
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


def test_provider_error_is_shown(client: Client, personas: Any, sso: IdentityProvider) -> None:
    client.get("/login/sso/")
    response = client.get("/login/sso/callback/?error=access_denied&error_description=No")
    assert response.status_code == 403 and "refused the sign-in" in response.content.decode()
