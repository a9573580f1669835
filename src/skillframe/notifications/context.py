"""Template context: the unread count shown on the bell in the page header."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from skillframe.notifications.models import Notification


def unread_count(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    # Lazy: the query runs only on pages that render the bell.
    return {"unread_notifications": lambda: Notification.objects.for_user(user).unread().count()}
