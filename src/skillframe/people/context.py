"""Template context: which parts of the navigation the signed-in user has a use for."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from skillframe.people import access
from skillframe.people.models import Person


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    # Lazy: evaluated only when a template asks (full pages, not HTMX fragments).
    return {
        "nav_is_hr": lambda: access.is_hr_admin(user),
        "nav_is_manager": lambda: Person.objects.filter(manager__user_id=user.pk).exists(),
    }
