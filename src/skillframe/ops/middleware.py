"""Response headers every page gets, and the idle-session timeout.

- Content-Security-Policy: scripts only from our own static files (no inline script, no eval),
  so injected markup cannot run code; inline *styles* stay allowed (a few templates set a CSS
  variable or an indent with `style=`, and Swagger UI sets styles from script), which cannot run
  code. `tests/test_templates_csp.py` keeps templates free of inline script.
- Permissions-Policy: the app uses no camera, microphone, location or payment API.
- Cache-Control: no-store on every API response and every page shown to a signed-in user, so
  personal data is not kept by the browser's or a proxy's cache (the back button after sign-out,
  a shared computer). Public catalogue pages and static files keep their caching.
- Idle sessions end after settings.SESSION_IDLE_SECONDS without a request.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "camera",
        "microphone",
        "geolocation",
        "payment",
        "usb",
        "interest-cohort",
    )
)
# Key of the last request's time in the session. Stored at most once a minute, so a signed-in
# user's every click does not rewrite the session row.
LAST_SEEN = "_skillframe_last_seen"
_TOUCH_EVERY = 60


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        personal = user is not None and user.is_authenticated
        already = "no-store" in response.get("Cache-Control", "")
        if (personal or request.path_info.startswith("/api/")) and not already:
            add_never_cache_headers(response)
        return response


def start_idle_clock(sender: object, request: HttpRequest, **kwargs: object) -> None:
    """user_logged_in receiver: the session starts with its last-seen time, so the first
    request after signing in does not write the session again."""
    request.session[LAST_SEEN] = int(time.time())


class IdleSessionMiddleware:
    """Signs out a user whose last request was more than SESSION_IDLE_SECONDS ago. Django's own
    expiry (SESSION_COOKIE_AGE) is the same length and slides with each stored touch, so an
    abandoned session also disappears from the database."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            seen = request.session.get(LAST_SEEN)
            if isinstance(seen, int) and now - seen > settings.SESSION_IDLE_SECONDS:
                logout(request)
            elif not isinstance(seen, int) or now - seen >= _TOUCH_EVERY:
                request.session[LAST_SEEN] = now
        return self.get_response(request)
