"""What the command line shares: the user a command acts as, and people found by key.

The CLI is run by whoever operates the server, so a command sees and changes everything
(as `people import` always has) unless `--as USERNAME` names the user whose access rule, and
name in the audit trail, it should use: the same `visible_to` / `editable_by` rules as the web
pages. Commands that act for someone (rating, reviewing, a plan) need `--as`.
"""

from __future__ import annotations

from argparse import ArgumentParser
from collections.abc import Iterable, Mapping

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.management.base import CommandError
from django.db.models import Q, QuerySet

from skillframe.people.models import OrgUnit, Person, RoleProfile

AS_HELP = "act as this user: their access rule and their name in the audit trail"


def add_as_argument(parser: ArgumentParser, *, required: bool = False) -> None:
    parser.add_argument(
        "--as",
        dest="as_user",
        metavar="USERNAME",
        required=required,
        help=AS_HELP + ("" if required else " (default: the operator, who sees everyone)"),
    )


def acting_user(username: str | None) -> User | None:
    """The active user named by --as, or None for the operator."""
    if not username:
        return None
    found = get_user_model().objects.filter(username=username).first()
    if found is None:
        raise CommandError(f"--as: no user named {username!r}")
    if not found.is_active:
        raise CommandError(f"--as: {username!r} is not an active user")
    return found


def required_user(username: str | None, why: str) -> User:
    user = acting_user(username)
    if user is None:
        raise CommandError(f"--as USERNAME is required: {why}")
    return user


def people_for(viewer: User | None) -> QuerySet[Person]:
    """Every person (operator) or those `viewer` may see."""
    return Person.objects.all() if viewer is None else Person.objects.visible_to(viewer)


def find_person(key: str, viewer: User | None = None) -> Person:
    """A person by employee id (preferred) or username, among those `viewer` may see.

    Hidden and missing people answer alike, as on the web (404).
    """
    people = Person.objects.all() if viewer is None else Person.objects.visible_to(viewer)
    found = list(
        people.filter(Q(employee_id=key) | Q(user__username=key))
        .select_related("user", "unit", "manager__user", "current_role", "target_role")
        .order_by("pk")[:2]
    )
    exact = [p for p in found if p.employee_id == key]
    if exact:
        return exact[0]
    if not found:
        raise CommandError(f"no person with employee id or username {key!r}")
    return found[0]


def find_role(code: str) -> RoleProfile:
    role = RoleProfile.objects.filter(code=code).first()
    if role is None:
        raise CommandError(f"no role profile with code {code!r}")
    return role


def find_unit(code: str) -> OrgUnit:
    unit = OrgUnit.objects.filter(code=code).first()
    if unit is None:
        raise CommandError(f"no unit with code {code!r}")
    return unit


def errors_line(messages: Mapping[str, Iterable[object]]) -> str:
    """A ValidationError's message_dict (or a form's errors) as one line: "unit: outside your
    HR scope; …"."""
    return "; ".join(
        f"{field}: {' '.join(str(t) for t in texts)}" for field, texts in messages.items()
    )
