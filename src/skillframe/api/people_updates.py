"""Changing a person's record through the API: who may change which field, and the checks.

HR admins (people in `Person.objects.editable_by(user)`) may change job title, unit, manager and
roles; a person may change only their own target role (a career move), as on the target-role
page. Codes sent by the client are resolved here (a code nobody has is a ValidationError naming
the field); the rules themselves (HR scope, job title length, no reporting loop, and
`admin_guard`: no change to one's own reporting line or to an admin's above, managers from the
admin's scope) and the change are the people domain's (`records.update_person`,
`roles.set_target_role`), which raises ValidationError naming each field, so a change is
checked, saved and audited exactly as from the HR pages.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email

from skillframe.people.access import Reach, Viewer, administers
from skillframe.people.models import OrgUnit, Person, RoleProfile
from skillframe.people.records import PersonFields, update_person
from skillframe.people.roles import set_target_role

HR_FIELDS = (
    "first_name",
    "last_name",
    "email",
    "job_title",
    "unit",
    "manager",
    "current_role",
    "target_role",
)
SELF_FIELDS = ("target_role",)


def _role(field: str, code: str | None) -> RoleProfile | None:
    if code is None:
        return None
    role = RoleProfile.objects.filter(code=code).first()
    if role is None:
        raise ValidationError({field: f"no role profile with code {code!r}"})
    return role


def _unit(code: str | None) -> OrgUnit:
    if code is None:
        raise ValidationError({"unit": "a person must belong to a unit"})
    unit = OrgUnit.objects.filter(code=code).first()
    if unit is None:
        raise ValidationError({"unit": f"no org unit with code {code!r}"})
    return unit


def _text(changes: dict[str, Any], field: str, old: str, *, required: bool = False) -> str:
    if field not in changes:
        return old
    value = (changes[field] or "").strip()
    if required and not value:
        raise ValidationError({field: "This field is required."})
    return str(value)


def _email(changes: dict[str, Any], old: str) -> str:
    # The HR form's field: an address, required; another account's is the domain's refusal.
    value = _text(changes, "email", old, required=True)
    try:
        validate_email(value)
    except ValidationError as error:
        raise ValidationError({"email": error.messages}) from error
    return value


def _manager(user: Viewer, employee_id: str | None) -> Person | None:
    if employee_id is None:
        return None
    # Only people the caller may see can be named, so the answer leaks nobody's existence.
    named = Person.objects.filter(employee_id=employee_id)
    manager = named.reached_by(user, Reach.everything()).first()
    if manager is None:
        raise ValidationError({"manager": f"no person with employee id {employee_id!r}"})
    return manager


def patch_person(user: Viewer, person: Person, changes: dict[str, Any]) -> list[str]:
    """Apply `changes` (API field name -> value sent) to a person the user can see.

    Raises PermissionDenied when the user may not change a field sent, ValidationError (with the
    field) when a value is wrong, and then changes nothing; returns the fields changed.
    """
    editable = administers(user, person)
    allowed = HR_FIELDS if editable else SELF_FIELDS if person.user_id == user.pk else ()
    refused = [field for field in changes if field not in allowed]
    if refused and allowed:
        raise PermissionDenied(
            f"you may change only your own {', '.join(allowed)}, not {', '.join(refused)}"
        )
    if refused:
        raise PermissionDenied("only an HR admin of this person's unit may change their record")
    if set(changes) <= set(SELF_FIELDS):
        role = _role("target_role", changes.get("target_role"))
        if "target_role" not in changes or role == person.target_role:
            return []
        set_target_role(user, person, role)
        return ["target_role"]
    current = person.current_role
    target = person.target_role
    if "current_role" in changes:
        current = _role("current_role", changes["current_role"])
    if "target_role" in changes:
        target = _role("target_role", changes["target_role"])
    title = person.job_title
    if "job_title" in changes:
        title = (changes["job_title"] or "").strip()
    fields = PersonFields(
        first_name=_text(changes, "first_name", person.user.first_name, required=True),
        last_name=_text(changes, "last_name", person.user.last_name),
        email=_email(changes, person.user.email),
        job_title=title,
        unit=_unit(changes["unit"]) if "unit" in changes else person.unit,
        manager=_manager(user, changes["manager"]) if "manager" in changes else person.manager,
        current_role_id=current.pk if current else None,
        target_role_id=target.pk if target else None,
    )
    return update_person(person, fields, actor=user)
