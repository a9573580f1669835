"""Sign-ins recorded as audit events: `login.success` and `login.failure`.

Connected to django.contrib.auth's signals in `AuditConfig.ready`, so every way in through
`authenticate`/`login` (the sign-in page, the admin site) is recorded. No username is stored:
audit data holds no names (docs/people.md), and a failed attempt's username may be anyone's
mistyped password. A failure names the account as actor when the username exists, so an
account's failed attempts can be listed; every event keeps the client address.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.http import HttpRequest

from skillframe.audit.models import record


def client_address(request: HttpRequest | None) -> str:
    """The address the request came from (REMOTE_ADDR: the proxy's, behind one)."""
    return request.META.get("REMOTE_ADDR", "") if request is not None else ""


def _signing_in(request: HttpRequest | None) -> bool:
    """A sign-in is a submitted form (the sign-in page, the admin's): `login()` called without
    one (the test client's `force_login`, a bare request) is not an attempt to record."""
    return request is not None and request.method == "POST"


def on_login(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if not _signing_in(request):
        return
    record(user, "login.success", user, address=client_address(request))


def on_login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    if not _signing_in(request):
        return
    User = get_user_model()
    username = credentials.get("username") or ""
    user = User.objects.filter(**{User.USERNAME_FIELD: username}).first() if username else None
    target: Any = user if user is not None else "unknown account"
    record(user, "login.failure", target, address=client_address(request))
