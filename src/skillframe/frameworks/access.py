"""Who may read the catalogue: anyone if SKILLFRAME_PUBLIC_CATALOGUE is on, else signed-in users."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse


def can_read_catalogue(user: User | AnonymousUser) -> bool:
    return bool(settings.PUBLIC_CATALOGUE or user.is_authenticated)


def catalogue_reader(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not can_read_catalogue(request.user):
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapper
