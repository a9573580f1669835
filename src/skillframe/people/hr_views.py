"""What the HR pages share: fetching a person an HR admin may change, and bound form data.

The HR-admin gate itself is `people.access.hr_required`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.http import HttpRequest

from skillframe.people.access import administers, get_person_for
from skillframe.people.models import Person


def editable_person(
    request: HttpRequest,
    employee_id: str,
    related: Sequence[str] = ("user", "unit", "manager__user"),
    refusal: str = "this person is outside your HR scope",
) -> Person:
    """The person, if the user may change their record.

    404 when the user may not even see them (they must not learn the person exists), 403 when
    they can see them but the person is outside their HR scope.
    """
    return get_person_for(
        request.user, employee_id, related=related, allowed=administers, refusal=refusal
    )


def form_data(request: HttpRequest) -> Any:
    """The POST data to bind a form to (even when empty, so a blank post shows its errors)."""
    return request.POST if request.method == "POST" else None


def form_files(request: HttpRequest) -> Any:
    return request.FILES if request.method == "POST" else None
