"""Creating and revoking personal access tokens: the one rule for the tokens page, the API and
`skillframe tokens` (a name unique among the owner's active tokens; both actions audited)."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError

from skillframe.api.models import ApiToken
from skillframe.audit.models import record
from skillframe.validators import ensure_text

NAME_MAX = 100


def check_name(user: User, name: str) -> str:
    """The name stripped; ValidationError on `name` when empty, too long or already in use."""
    name = ensure_text("name", name.strip(), NAME_MAX)
    if not name:
        raise ValidationError({"name": "give the token a name: what it is for"})
    if ApiToken.objects.active().filter(user=user, name=name).exists():
        raise ValidationError({"name": f"You already have an active token called “{name}”."})
    return name


def create_token(user: User, name: str) -> tuple[ApiToken, str]:
    """A new token of `user` and its secret (shown once, never stored)."""
    token, secret = ApiToken.issue(user, check_name(user, name))
    record(user, "token.create", token, name=token.name)
    return token, secret


def revoke_token(user: User, token: ApiToken) -> bool:
    """Revoke at once (False when it already was); scripts using it stop working."""
    if token.revoked_at is not None:
        return False
    token.revoke()
    record(user, "token.revoke", token, name=token.name)
    return True
