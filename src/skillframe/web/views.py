"""The home page, "/": for a visitor the catalogue; for a signed-in person what to do now.

The catalogue itself lives at /frameworks/ (`frameworks:home`) and stays one click away, in the
Catalogue menu and on this page.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from skillframe.frameworks import views as catalogue_views
from skillframe.frameworks.models import Framework
from skillframe.web.tasks import tasks_for


def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return catalogue_views.home(request)
    today = timezone.localdate()
    context = {
        "tasks": tasks_for(request.user, today),
        "frameworks": list(Framework.objects.order_by("title").values("slug", "title")),
        "today": today,
    }
    return render(request, "home.html", context)


def help_page(request: HttpRequest) -> HttpResponse:
    """How the app works, in words (public: it says nothing about anyone's records)."""
    return render(request, "help.html")
