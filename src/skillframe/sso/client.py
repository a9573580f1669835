"""The OpenID Connect relying party: authlib's Django client, built from SKILLFRAME_OIDC_*.

authlib does the protocol: discovery, state and nonce kept in the session, PKCE (S256), the
code exchange and the ID token's signature (the provider's JWKS), issuer, audience, expiry and
nonce checks. Built per sign-in from the current settings (a discovery fetch each time: a
sign-in is rare, and a provider's rotated keys are then always seen).
"""

from __future__ import annotations

from typing import Any

from authlib.integrations.django_client import DjangoOAuth2App, OAuth

from skillframe.sso.config import OidcConfig


def relying_party(oidc: OidcConfig) -> DjangoOAuth2App:
    registry = OAuth()
    where: dict[str, Any]
    if oidc.discovery_url:
        where = {"server_metadata_url": oidc.discovery_url}
    else:
        # No discovery: authlib keeps these as the provider's metadata (issuer, JWKS).
        where = {
            "authorize_url": oidc.authorization_endpoint,
            "access_token_url": oidc.token_endpoint,
            "jwks_uri": oidc.jwks_uri,
            "issuer": oidc.issuer,
        }
    app: DjangoOAuth2App = registry.register(
        name="skillframe",
        client_id=oidc.client_id,
        client_secret=oidc.client_secret or None,
        **where,
        client_kwargs={
            "scope": oidc.scopes,
            "code_challenge_method": "S256",
            # A confidential client posts its secret; a public one (no secret) only PKCE.
            "token_endpoint_auth_method": ("client_secret_basic" if oidc.client_secret else "none"),
            "timeout": 10,
        },
    )
    return app


def claims_options(oidc: OidcConfig) -> dict[str, Any]:
    # The issuer we were configured with, not merely whatever the discovery document says.
    return {"iss": {"essential": True, "values": [oidc.issuer]}, "sub": {"essential": True}}
