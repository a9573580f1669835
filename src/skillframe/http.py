"""Typed requests for views (what the middleware adds to Django's `HttpRequest`), and the
middleware that refuses control characters and deep JSON in any request (`InputGuardMiddleware`).

The request classes are for type-checking only; at run time a view receives Django's own
request object, on which `django_htmx.middleware.HtmxMiddleware` has set `htmx` (the pattern
django-htmx documents).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator

from django.contrib.auth.models import AnonymousUser, User
from django.core import signing
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django_htmx.middleware import HtmxDetails

from skillframe.inputs import JSON_DEPTH_MAX, control_problem, json_problems


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


class InputGuardMiddleware:
    """Refuse control characters in the address, the query string and the posted form fields of
    every request, and in the JSON body of API requests (with its nesting depth), before any view
    or query sees them.

    PostgreSQL cannot hold NUL in a text value: a lookup or a write with one would be a 500 deep
    in a view. One check here covers every page, endpoint and path parameter. API callers get
    the API's 422 shape naming each field as sent (`q`, `path`, `objectives.0.measure`);
    pages get a plain 400. Uploaded (multipart) forms' fields and import cells are checked where
    they are read (forms, importers) with the same rule (`skillframe.inputs`).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        problems = list(request_problems(request))
        if not problems:
            return self.get_response(request)
        if request.path.startswith("/api/"):
            detail = [{"field": field or None, "message": msg} for field, msg in problems]
            return JsonResponse({"detail": detail}, status=422)
        field, message = problems[0]
        text = f"Bad request: {field} {message}"
        return HttpResponseBadRequest(text, content_type="text/plain; charset=utf-8")


def request_problems(request: HttpRequest) -> Iterator[tuple[str, str]]:
    """(field, problem) for what `InputGuardMiddleware` refuses in `request`."""
    if problem := control_problem(request.path):
        yield "path", problem
    yield from _mapping_problems(request.GET.lists())
    if request.path.startswith("/api/") and request.content_type == "application/json":
        yield from _json_body_problems(request)
    elif request.method == "POST" and request.content_type == "application/x-www-form-urlencoded":
        # Every form field of every page at once (HTMX posts too); multipart forms (uploads)
        # are left to their views, which may set upload handlers before the body is read.
        yield from _mapping_problems(request.POST.lists())


def _mapping_problems(items: Iterable[tuple[str, list[str]]]) -> Iterator[tuple[str, str]]:
    for key, values in items:
        for value in (key, *values):
            if problem := control_problem(value):
                yield repr(key) if value is key else key, problem
                break


def _json_body_problems(request: HttpRequest) -> Iterator[tuple[str, str]]:
    if not request.body:
        return
    try:
        data = json.loads(request.body)
    except RecursionError:
        # The decoder recurses: a document nested past Python's limit is refused here.
        yield "", f"nested more than {JSON_DEPTH_MAX} levels deep"
        return
    except ValueError:
        return  # not JSON: the API answers 400 "Cannot parse request body"
    yield from json_problems(data)
