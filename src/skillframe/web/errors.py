"""Branded refusal and error pages (handler403/404/500 in skillframe/urls.py).

403 and 404 render with the request, so they carry the navigation and say, in a plain sentence,
why the page is refused. The 404 never tells a hidden object from a missing one (the refusal
convention of people/access.py). The 500 page renders without the request's context processors:
nothing on it reads the database, which may be what failed.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader

# Http404 messages Django writes itself name models, not reasons: they are not shown.
_DJANGO_404 = "matches the given query."


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    reason = str(exception).strip().rstrip(".")
    context = {"reason": reason, "changing": request.method not in ("GET", "HEAD")}
    return render(request, "403.html", context, status=403)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    message = exception.args[0] if exception.args and isinstance(exception.args[0], str) else ""
    reason = "" if message.endswith(_DJANGO_404) else message.strip().rstrip(".")
    return render(request, "404.html", {"reason": reason, "path": request.path}, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # No RequestContext: no context processor (unread count, navigation) runs a query here.
    return HttpResponseServerError(loader.get_template("500.html").render())
