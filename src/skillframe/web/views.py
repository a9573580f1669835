"""The home page, "/": for a visitor the catalogue; for a signed-in person what to do now."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from skillframe.frameworks import views as catalogue_views


def home(request: HttpRequest) -> HttpResponse:
    return catalogue_views.home(request)
