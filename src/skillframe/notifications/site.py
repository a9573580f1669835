"""The public base address of links in e-mails: SKILLFRAME_SITE_URL, else the request's own.

A notification is often created deep in a domain function that has no request; the middleware
keeps the request being served in a context variable (per thread and per task) so that the
address the person used (`https://skills.example.org`) is the one their e-mail links to. A
command line run (`skillframe remind`) has no request: it needs SKILLFRAME_SITE_URL, and falls
back to the address `skillframe serve` listens on by default.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse

LOCAL_ADDRESS = "http://127.0.0.1:8000"  # `skillframe serve`'s default address
_request: ContextVar[HttpRequest | None] = ContextVar("skillframe_request", default=None)


def configured() -> bool:
    return bool(settings.SITE_URL)


def site_url() -> str:
    """The base address without a trailing slash."""
    if settings.SITE_URL:
        return str(settings.SITE_URL).rstrip("/")
    request = _request.get()
    if request is not None:
        try:
            return request.build_absolute_uri("/").rstrip("/")
        except DisallowedHost:
            pass  # refused by the host check anyway: never echo an untrusted Host header
    return LOCAL_ADDRESS


def absolute(path: str) -> str:
    """A path inside the app ("/me/") as a full address for an e-mail."""
    return site_url() + path if path.startswith("/") else path


class SiteAddressMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _request.set(request)
        try:
            return self.get_response(request)
        finally:
            _request.reset(token)
