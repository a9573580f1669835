"""What an HR admin may not do to the reporting lines and permissions around themselves.

An HR admin scoped to one unit could, by changing records, climb out of their place: detach
themselves from their manager, become the manager of their own manager or of the admin above
them, and then validate those people's ratings. The rules (issue 10 item 4), one definition for
the HR pages, the API and the people import:

- nobody changes their own unit, manager or permissions: another admin must;
- nobody changes the unit, manager or permissions of someone who administers them (an HR admin
  of their unit or of a unit above it, or a superuser);
- a new manager must be in the admin's HR scope (and the chain must not loop:
  `reporting_lines.check_manager`, checked beside these rules).

Superusers and the system (the command line without --as, the demo loader: actor None) are not
bound: there is nobody above them to protect.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Q

from skillframe.people.access import Viewer, is_active_superuser, person_of
from skillframe.people.models import OrgUnit, Person

OWN = "you cannot change your own unit, manager or permissions: another HR admin must"
ABOVE = "this person is one of your HR admins: you cannot change their unit, manager or permissions"
OUT_OF_SCOPE = "the manager must be someone in your HR scope"


@dataclass(frozen=True)
class AdminGuard:
    """The rules for one acting admin, read once (a form, a request or a whole import)."""

    me: int | None  # the actor's person id (None: an account without a person record)
    above: frozenset[int]  # person ids of everyone who administers the actor
    scope: frozenset[int]  # unit ids the actor administers (with the units below)

    def line_problem(self, person_id: int | None) -> str | None:
        """Why the actor may not change this person's unit, manager or permissions, or None."""
        if person_id is None:
            return None
        if person_id == self.me:
            return OWN
        if person_id in self.above:
            return ABOVE
        return None

    def manager_problem(self, manager_unit_id: int) -> str | None:
        """Why a person of this unit may not be named as a manager by the actor, or None."""
        return None if manager_unit_id in self.scope else OUT_OF_SCOPE

    def change_problems(
        self,
        person_id: int | None,
        *,
        unit_changed: bool,
        manager_changed: bool,
        manager_unit_id: int | None,
    ) -> list[tuple[str, str]]:
        """("unit" or "manager", problem) for a change of a person's record (`person_id` None:
        a new person; `manager_unit_id` None: no manager named). The HR form, the API and the
        people import all ask here."""
        problems: list[tuple[str, str]] = []
        line = self.line_problem(person_id)
        if line and unit_changed:
            problems.append(("unit", line))
        if line and manager_changed:
            problems.append(("manager", line))
        outside = None if manager_unit_id is None else self.manager_problem(manager_unit_id)
        if outside and manager_changed:
            problems.append(("manager", outside))
        return problems


def guard_for(actor: Viewer | None) -> AdminGuard | None:
    """The rules binding `actor`, or None for the system and active superusers."""
    if actor is None or is_active_superuser(actor) or not actor.is_authenticated:
        return None
    scope = frozenset(OrgUnit.objects.administered_by(actor).values_list("pk", flat=True))
    me = person_of(actor)
    if me is None:
        return AdminGuard(None, frozenset(), scope)
    return AdminGuard(me.pk, frozenset(administrators_of(me)), scope)


def administrators_of(person: Person) -> set[int]:
    """Ids of the people who administer `person`: HR admins of their unit or a unit above it,
    and people whose account is an active superuser."""
    superusers = get_user_model().objects.filter(is_superuser=True, is_active=True)
    above = OrgUnit.objects.above(person.unit_id).values("pk")
    admins = Person.objects.filter(Q(hr_units__in=above) | Q(user__in=superusers.values("pk")))
    return set(admins.values_list("pk", flat=True))
