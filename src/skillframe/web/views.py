"""The home page, "/": for a visitor the catalogue; for a signed-in person what to do now."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from skillframe.frameworks import views as catalogue_views


def home(request: HttpRequest) -> HttpResponse:
    return catalogue_views.home(request)


def help_page(request: HttpRequest) -> HttpResponse:
    """How the app works, in words (public: it says nothing about anyone's records)."""
    return render(request, "help.html")
