"""HTTP rules every CASE 1.1 provider endpoint shares: methods, CORS, who may read, identifiers,
and the imsx_StatusInfo bodies of the refusals.

- GET and HEAD read; OPTIONS answers a CORS preflight (204); anything else is 405.
- CORS: `settings.CASE_CORS_ORIGINS` (SKILLFRAME_CASE_CORS_ORIGINS; any origin by default when
  the catalogue is public, none when it is private) may read responses, `X-Total-Count`
  included; no cookies cross origins (no Allow-Credentials): foreign pages send a Bearer token.
- Reading follows the catalogue rule (`access.can_read_catalogue`). Callers authenticate with the
  session or `Authorization: Bearer <token>`, the same tokens as /api: the api app registers its
  token check with `register_token_authenticator` (it sits above this app). A token that does
  not authenticate, or an anonymous caller of a private catalogue, gets 401 with an
  imsx_StatusInfo body (`unauthorised_request`), never a redirect to the sign-in page.
- Identifiers are canonical lowercase UUIDs; any other spelling (upper case, braces, no hyphens,
  `urn:uuid:`) is `invalid_uuid` (404), as the binding asks.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.http import HttpRequest, HttpResponse, JsonResponse

from skillframe.frameworks.access import can_read_catalogue

View = Callable[..., HttpResponse]
TokenAuthenticator = Callable[[HttpRequest, str], "User | None"]
CANONICAL_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\Z")
ALLOWED_METHODS = "GET, HEAD, OPTIONS"
_authenticators: list[TokenAuthenticator] = []


def register_token_authenticator(authenticate: TokenAuthenticator) -> None:
    """Let an app above this one check Bearer tokens (the api app: its API tokens)."""
    if authenticate not in _authenticators:
        _authenticators.append(authenticate)


def status_info(
    status: int, description: str, minor: str, field: str = "sourcedId"
) -> JsonResponse:
    """A CASE refusal: imsx_StatusInfo with code major failure, severity error."""
    body = {
        "imsx_codeMajor": "failure",
        "imsx_severity": "error",
        "imsx_description": description,
        "imsx_codeMinor": {
            "imsx_codeMinorField": [
                {"imsx_codeMinorFieldName": field, "imsx_codeMinorFieldValue": minor}
            ]
        },
    }
    return JsonResponse(body, status=status)


def unknown(kind: str, identifier: str) -> JsonResponse:
    return status_info(404, f"Unknown Object: no {kind} {identifier}", "unknownobject")


def _allowed_origin(request: HttpRequest) -> str | None:
    origin = request.headers.get("Origin")
    allowed: list[str] = settings.CASE_CORS_ORIGINS
    if origin is None or not allowed:
        return None
    if "*" in allowed:
        return "*"
    return origin if origin in allowed else None


def _with_cors(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    allowed = _allowed_origin(request)
    if settings.CASE_CORS_ORIGINS and "*" not in settings.CASE_CORS_ORIGINS:
        response["Vary"] = ", ".join(filter(None, [response.get("Vary"), "Origin"]))
    if allowed is not None:
        response["Access-Control-Allow-Origin"] = allowed
        response["Access-Control-Expose-Headers"] = "X-Total-Count, Link"
    return response


def _preflight(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(status=204)
    response["Allow"] = ALLOWED_METHODS
    if _allowed_origin(request) is not None:
        response["Access-Control-Allow-Methods"] = ALLOWED_METHODS
        asked = request.headers.get("Access-Control-Request-Headers", "")
        headers = {h.strip().lower() for h in asked.split(",") if h.strip()}
        response["Access-Control-Allow-Headers"] = ", ".join(
            sorted(headers & {"authorization", "accept", "content-type"}) or ["authorization"]
        )
        response["Access-Control-Max-Age"] = "86400"
    return response


def _unauthorised(description: str) -> HttpResponse:
    response = status_info(401, description, "unauthorised_request")
    response["WWW-Authenticate"] = 'Bearer realm="skillframe CASE"'
    return response


def _refusal(request: HttpRequest) -> HttpResponse | None:
    """401 for a Bearer token that does not authenticate, or when the caller may not read."""
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if header:
        if scheme.lower() != "bearer" or not token.strip():
            return _unauthorised("Send Authorization: Bearer <token>")
        user = next(
            (u for check in _authenticators if (u := check(request, token.strip())) is not None),
            None,
        )
        if user is None:
            return _unauthorised("The Bearer token is unknown, revoked or of an inactive user")
        request.user = user
    reader: User | AnonymousUser = request.user
    if not can_read_catalogue(reader):
        return _unauthorised("This catalogue is private: sign in or send a Bearer token")
    return None


def case_endpoint(view: View) -> View:
    """The shared rules above around one provider view; `identifier` arrives as canonical text."""

    @wraps(view)
    def wrapper(request: HttpRequest, **kwargs: Any) -> HttpResponse:
        if request.method == "OPTIONS":
            return _with_cors(request, _preflight(request))
        if request.method not in ("GET", "HEAD"):
            response: HttpResponse = status_info(
                405, f"{request.method} is not supported: this provider is read-only", "forbidden"
            )
            response["Allow"] = ALLOWED_METHODS
            return _with_cors(request, response)
        refused = _refusal(request)
        if refused is not None:
            return _with_cors(request, refused)
        identifier = kwargs.get("identifier")
        if identifier is not None and not CANONICAL_UUID.match(identifier):
            message = f"Invalid UUID: {identifier[:80]!r} (lowercase, hyphenated)"
            return _with_cors(request, status_info(404, message, "invalid_uuid"))
        return _with_cors(request, view(request, **kwargs))

    return wrapper
