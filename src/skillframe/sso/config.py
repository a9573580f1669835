"""The OpenID Connect settings, read and checked once at start-up (plain Python, no Django).

A bad combination stops the program with a message naming the variable, like every other
SKILLFRAME_* setting: half a configuration (an issuer without a client id) is refused rather
than leaving a sign-in button that cannot work.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from skillframe.conf import PREFIX, ConfigError

MATCHES = ("email", "subject")


@dataclass(frozen=True)
class Grant:
    """One permission a group of the identity provider gives: HR admin of a unit (and the units
    below it), or a Django permission such as `frameworks.add_framework`."""

    kind: str  # "hr" or "perm"
    value: str  # a unit code, or "app_label.codename"

    def __str__(self) -> str:
        return f"{self.kind}:{self.value}"


@dataclass(frozen=True)
class OidcConfig:
    issuer: str = ""
    discovery_url: str = ""
    # Set all three to skip discovery (a provider without a discovery document).
    authorization_endpoint: str = ""
    token_endpoint: str = ""
    jwks_uri: str = ""
    client_id: str = ""
    client_secret: str = field(default="", repr=False)
    scopes: str = "openid email profile"
    match: str = "email"
    groups_claim: str = "groups"
    group_permissions: dict[str, tuple[Grant, ...]] = field(default_factory=dict)
    name: str = "single sign-on"

    @property
    def enabled(self) -> bool:
        return bool(self.issuer and self.client_id)

    def grants(self) -> set[Grant]:
        """Every grant some group maps to: the ones a sign-in keeps in step with the groups."""
        return {grant for grants in self.group_permissions.values() for grant in grants}


def parse_group_permissions(text: str) -> dict[str, tuple[Grant, ...]]:
    """`group=hr:UNIT;perm:app.codename, other=…` → {group: grants}; ConfigError naming the
    entry otherwise."""
    name = f"{PREFIX}OIDC_GROUP_PERMISSIONS"
    mapping: dict[str, tuple[Grant, ...]] = {}
    for entry in (part.strip() for part in text.split(",")):
        if not entry:
            continue
        group, sep, grants_text = entry.partition("=")
        if not sep or not group.strip() or not grants_text.strip():
            raise ConfigError(f"{name}: {entry!r} is not GROUP=GRANT (e.g. skills-hr=hr:acme)")
        grants = []
        for raw in grants_text.split(";"):
            kind, colon, value = raw.strip().partition(":")
            if not colon or kind not in ("hr", "perm") or not value:
                raise ConfigError(
                    f"{name}: {raw.strip()!r} in {entry!r} is not hr:UNIT-CODE "
                    "or perm:app_label.codename"
                )
            if kind == "perm" and value.count(".") != 1:
                raise ConfigError(f"{name}: {raw.strip()!r} must be perm:app_label.codename")
            grants.append(Grant(kind, value))
        mapping[group.strip()] = mapping.get(group.strip(), ()) + tuple(grants)
    return mapping


def from_environment(
    *,
    issuer: str,
    discovery_url: str,
    client_id: str,
    authorization_endpoint: str = "",
    token_endpoint: str = "",
    jwks_uri: str = "",
    client_secret_file: str,
    scopes: str,
    match: str,
    groups_claim: str,
    group_permissions: str,
    name: str,
) -> OidcConfig:
    if match not in MATCHES:
        raise ConfigError(f"{PREFIX}OIDC_MATCH={match!r} must be one of {', '.join(MATCHES)}")
    if bool(issuer) != bool(client_id):
        missing = "OIDC_CLIENT_ID" if issuer else "OIDC_ISSUER"
        raise ConfigError(f"single sign-on needs {PREFIX}{missing} as well")
    if "openid" not in scopes.split():
        raise ConfigError(f"{PREFIX}OIDC_SCOPES={scopes!r} must include openid")
    endpoints = {
        "OIDC_AUTHORIZATION_ENDPOINT": authorization_endpoint,
        "OIDC_TOKEN_ENDPOINT": token_endpoint,
        "OIDC_JWKS_URI": jwks_uri,
    }
    given = [name for name, value in endpoints.items() if value]
    if given and len(given) < len(endpoints):
        missing = ", ".join(PREFIX + name for name in endpoints if name not in given)
        raise ConfigError(f"without discovery, single sign-on needs {missing} as well")
    if given and discovery_url:
        raise ConfigError(
            f"{PREFIX}OIDC_DISCOVERY_URL and the {PREFIX}OIDC_*_ENDPOINT settings "
            "exclude each other: give one or the other"
        )
    secret = ""
    if client_secret_file:
        path = Path(client_secret_file)
        try:
            secret = path.read_text(encoding="utf-8").strip()
        except OSError as error:
            raise ConfigError(
                f"{PREFIX}OIDC_CLIENT_SECRET_FILE={client_secret_file!r}: {error.strerror}"
            ) from None
        if not secret:
            raise ConfigError(f"{PREFIX}OIDC_CLIENT_SECRET_FILE={client_secret_file!r} is empty")
    issuer = issuer.rstrip("/")
    return OidcConfig(
        issuer=issuer,
        discovery_url=""
        if given
        else discovery_url or (f"{issuer}/.well-known/openid-configuration" if issuer else ""),
        authorization_endpoint=authorization_endpoint,
        token_endpoint=token_endpoint,
        jwks_uri=jwks_uri,
        client_id=client_id,
        client_secret=secret,
        scopes=scopes,
        match=match,
        groups_claim=groups_claim,
        group_permissions=parse_group_permissions(group_permissions),
        name=name,
    )
