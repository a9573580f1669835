"""Changing a role profile's requirements through the API: HR admins only.

Codes are resolved here; the values are checked by the model's own rules (`RoleRequirement.clean`:
the element is ratable, the level is on its framework's scale, the weight > 0, one requirement per
element), as on the HR pages, and every problem names its field; saving,
ordering, moving the profile's `updated_at` and the audit event are the people domain's
(`people.roles.save_requirement` / `remove_requirement`), shared with the HR pages.
"""

from __future__ import annotations

from typing import Any

from skillframe.frameworks.models import Element
from skillframe.people import roles
from skillframe.people.access import Viewer, ensure_hr_admin
from skillframe.people.models import RoleProfile, RoleRequirement


def check_may_edit_roles(user: Viewer) -> None:
    ensure_hr_admin(user, "only HR admins may change role profiles")


def add_requirement(user: Viewer, role: RoleProfile, data: dict[str, Any]) -> RoleRequirement:
    check_may_edit_roles(user)
    element = Element.objects.find(data["element"], data["framework"])
    requirement = RoleRequirement(
        role=role,
        element=element,
        target_level=data["target_level"],
        importance=data["importance"],
        weight=data["weight"],
    )
    requirement.clean()  # target, weight and no second requirement on it, each naming its field
    roles.save_requirement(user, requirement, created=True)  # goes to the end of the list
    return requirement


def change_requirement(
    user: Viewer, requirement: RoleRequirement, data: dict[str, Any]
) -> RoleRequirement:
    check_may_edit_roles(user)
    requirement.target_level = data["target_level"]
    requirement.importance = data["importance"]
    requirement.weight = data["weight"]
    requirement.clean()
    roles.save_requirement(user, requirement, created=False)
    return requirement


def remove_requirement(user: Viewer, requirement: RoleRequirement) -> None:
    check_may_edit_roles(user)
    roles.remove_requirement(user, requirement)
