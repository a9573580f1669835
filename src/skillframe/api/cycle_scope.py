"""Which assessment cycles a caller may see through the API, and opening one.

HR admins see every cycle, as on the HR cycle pages. Anyone else sees the cycles that reach
someone they may see (the access rule: themselves, their reports, their learners). A cycle's
scope is people in its units (or units below them) or holding one of its roles, so it reaches a
person when one of its units is the person's unit or an ancestor of it, or a role is theirs.
Opening is the assessments domain's (`cycles.open_cycle`: audit and notifications); the checks
here are those of the HR form (`forms_cycles.CycleForm`), with every problem naming its field.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet

from skillframe.assessments import cycles
from skillframe.assessments.models import Cycle
from skillframe.people import access
from skillframe.people.access import Viewer
from skillframe.people.models import OrgUnit, Person, RoleProfile


def visible_cycles(user: Viewer) -> QuerySet[Cycle]:
    all_cycles = Cycle.objects.prefetch_related("units", "roles").order_by("-starts_on", "name")
    if access.is_hr_admin(user):
        return all_cycles
    people = Person.objects.visible_to(user).order_by()
    reach = (
        Q(units__in=OrgUnit.objects.above(people.values("unit_id")))
        | Q(roles__in=people.values("current_role_id"))
        | Q(created_by_id=user.pk)
    )
    return all_cycles.filter(pk__in=Cycle.objects.filter(reach).values("pk"))


def open_cycle(
    user: Viewer, *, name: str, starts_on: date, ends_on: date, units: list[str], roles: list[str]
) -> Cycle:
    """Open a cycle scoped by unit and role codes (HR admins; units in their own scope)."""
    access.ensure_hr_admin(user, "only HR admins may open assessment cycles")
    assert user.is_authenticated  # an HR admin is signed in: the cycle records who opened it
    name = name.strip()
    if not name:
        raise ValidationError({"name": "give the cycle a name"})
    if ends_on < starts_on:
        raise ValidationError({"ends_on": "the cycle ends before it starts"})
    unit_rows = {unit.code: unit for unit in OrgUnit.objects.filter(code__in=units)}
    if unknown := [code for code in units if code not in unit_rows]:
        raise ValidationError({"units": f"no org unit with code {', '.join(unknown)}"})
    mine = OrgUnit.objects.administered_by(user).filter(code__in=units)
    mine_codes = set(mine.values_list("code", flat=True))
    if outside := [code for code in unit_rows if code not in mine_codes]:
        raise ValidationError({"units": f"outside your HR scope: {', '.join(outside)}"})
    role_rows = {role.code: role for role in RoleProfile.objects.filter(code__in=roles)}
    if unknown := [code for code in roles if code not in role_rows]:
        raise ValidationError({"roles": f"no role profile with code {', '.join(unknown)}"})
    if not unit_rows and not role_rows:
        raise ValidationError({"units": "choose at least one unit or role for the cycle's scope"})
    return cycles.open_cycle(
        user,
        name=name,
        starts_on=starts_on,
        ends_on=ends_on,
        units=unit_rows.values(),
        roles=role_rows.values(),
    )


def progress(user: Viewer, cycle: Cycle) -> dict[str, Any]:
    """Self-assessment stages of the people in scope the caller administers (HR admins)."""
    access.ensure_hr_admin(user, "only HR admins may see a cycle's progress")
    result = cycles.progress(cycle, user)
    codes: dict[int | None, str] = dict(  # the total row has no unit: None, no code
        OrgUnit.objects.filter(pk__in=[row.unit_id for row in result.units]).values_list(
            "pk", "code"
        )
    )

    def counts(row: cycles.UnitProgress) -> dict[str, Any]:
        return {
            "people": row.people,
            "not_started": row.not_started,
            "in_progress": row.in_progress,
            "submitted": row.submitted,
            "reviewed": row.reviewed,
            "done_percent": row.done_percent,
        }

    return {
        "cycle": cycle.pk,
        "name": cycle.name,
        "status": cycle.status,
        **counts(result.total),
        "units": [
            {"unit": codes.get(row.unit_id), "unit_name": row.unit_name, **counts(row)}
            for row in result.units
        ],
    }
