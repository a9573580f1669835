"""Template context: which parts of the navigation the signed-in user has a use for."""

from __future__ import annotations

from functools import cache
from typing import Any

from django.db.models import Exists, OuterRef
from django.http import HttpRequest

from skillframe.people.models import Person
from skillframe.people.querysets import is_active_superuser


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    @cache
    def flags() -> dict[str, bool]:
        # One query for both flags, run only when a full page renders the navigation.
        row = (
            Person.objects.filter(user_id=user.pk)
            .annotate(
                manages=Exists(Person.objects.filter(manager_id=OuterRef("pk"))),
                administers=Exists(
                    Person.hr_units.through.objects.filter(person_id=OuterRef("pk"))
                ),
            )
            .values("manages", "administers")
            .first()
        ) or {"manages": False, "administers": False}
        return {
            "hr": is_active_superuser(user) or row["administers"],
            "manager": row["manages"],
        }

    return {
        "nav_is_hr": lambda: flags()["hr"],
        "nav_is_manager": lambda: flags()["manager"],
    }
