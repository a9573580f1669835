"""Typed requests for views: what the middleware adds to Django's `HttpRequest`.

Type-checking only; at run time a view receives Django's own request object, on which
`django_htmx.middleware.HtmxMiddleware` has set `htmx` (the pattern django-htmx documents).
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User
from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    """Any request: `request.htmx` is truthy when HTMX sent it (then a fragment is answered)."""

    htmx: HtmxDetails
    user: User | AnonymousUser


class SignedInRequest(HtmxHttpRequest):
    """A request that reached a view behind `login_required`: the user is signed in."""

    user: User
