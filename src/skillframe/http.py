"""Typed requests for views: what the middleware adds to Django's `HttpRequest`.

Type-checking only; at run time a view receives Django's own request object, on which
`django_htmx.middleware.HtmxMiddleware` has set `htmx` (the pattern django-htmx documents).
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User
from django.core import signing
from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    """Any request: `request.htmx` is truthy when HTMX sent it (then a fragment is answered)."""

    htmx: HtmxDetails
    user: User | AnonymousUser


class SignedInRequest(HtmxHttpRequest):
    """A request that reached a view behind `login_required`: the user is signed in."""

    user: User


# Confirmation of irreversible actions (docs/irreversible-actions.md): the confirmation page
# carries a signed token naming the action and its target, and the POST that acts must send it
# back. A bare POST (an old one-click form, a stray resubmission) is shown the confirmation
# instead of acting; the token expires so a confirmation page left open for a day is not reused.
CONFIRM_FIELD = "confirm"
CONFIRM_MAX_AGE = 3600  # seconds


def confirm_token(action: str, target: str) -> str:
    """The token a confirmation page puts in its form for `action` on `target`."""
    return signing.dumps({"action": action, "target": target}, salt="skillframe.confirm")


def is_confirmed(request: HttpRequest, action: str, target: str) -> bool:
    """Whether the POST carries a valid, unexpired token for exactly this action and target."""
    token = request.POST.get(CONFIRM_FIELD, "")
    try:
        data = signing.loads(token, salt="skillframe.confirm", max_age=CONFIRM_MAX_AGE)
    except signing.BadSignature:  # SignatureExpired is a BadSignature
        return False
    return bool(data == {"action": action, "target": target})
