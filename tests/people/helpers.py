"""Small helpers shared by the people tests."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User

from skillframe.people.models import OrgUnit, Person


def make_person(
    username: str, unit: OrgUnit, *, hr_of: OrgUnit | None = None, **fields: Any
) -> Person:
    user = User.objects.create_user(
        username, f"{username}@example.org", "x", first_name=username.title(), last_name="Test"
    )
    person = Person.objects.create(user=user, employee_id=f"E-{username}", unit=unit, **fields)
    if hr_of is not None:
        person.hr_units.add(hr_of)
    return person


def ops_hr(personas: Any) -> Person:
    """Olga: HR admin of Operations only (Dave and Eve), not of Delivery (Alice and Bob)."""
    return make_person("olga", personas.operations, hr_of=personas.operations)
