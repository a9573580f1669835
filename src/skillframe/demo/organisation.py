"""The demo organisation: `skillframe demo` and `skillframe serve --demo` load it.

About 40 people of a made-up company (data in `data.py`) with units, managers, an HR admin,
an assessor, four role profiles on the seed frameworks, an organisation goal, last year's closed
cycle and this year's open one, and ratings in every state (`ratings.py`).

Only the demo logins (`data.LOGINS`: alice, bob, carol, dave, eve) get a password; it is
generated here at run time with `secrets`, set on the user (hashed, as always) and returned to the
command, which prints it once. No password is stored anywhere else. The other people have
unusable passwords: they exist so the demo logins have a team, a hierarchy and reports to look at.
"""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from skillframe.assessments.models import Cycle
from skillframe.audit.models import record
from skillframe.demo import evidence as demo_evidence
from skillframe.demo.authoring import give_hr_the_editor_role
from skillframe.demo.data import (
    ASSESSORS,
    GOAL_DESCRIPTION,
    GOAL_TITLE,
    GOAL_WEIGHTS,
    HR_ADMINS,
    LOGINS,
    PEOPLE,
    ROLES,
    ROOT_UNIT,
    SEED,
    UNITS,
)
from skillframe.demo.quality import add_quality
from skillframe.demo.ratings import Storyteller
from skillframe.frameworks.models import Element, Framework
from skillframe.people.models import (
    OrgGoal,
    OrgGoalWeight,
    OrgUnit,
    Person,
    RoleProfile,
    RoleRequirement,
)

FRAMEWORKS = ("axelos", "nos-ml")
EMAIL_DOMAIN = "example.org"  # reserved for examples: demo mail can never reach anyone


class DemoError(Exception):
    """The demo cannot be loaded here; the message says why and what to do."""


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    password: str


@dataclass
class DemoResult:
    created: bool  # False: the demo organisation was already there; nothing changed
    logins: list[DemoLogin] = field(default_factory=list)
    people: int = 0
    units: int = 0
    roles: int = 0
    ratings: int = 0


def demo_exists() -> bool:
    return OrgUnit.objects.filter(code=ROOT_UNIT).exists()


# Letters and digits without look-alikes (0/O, 1/l/I): easy to read off a terminal and to type.
PASSWORD_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_password() -> str:
    # 14 characters from the OS's secure source (about 80 bits); new on every run.
    return "".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(14))


def load_demo(*, today: date | None = None, seed: int = SEED) -> DemoResult:
    """Load the demo organisation in one transaction; does nothing if it is already loaded.

    Raises DemoError (and changes nothing) when the seed frameworks are not loaded or a demo
    username is already taken.
    """
    if demo_exists():
        return DemoResult(created=False)
    today = today or timezone.localdate()
    elements = _elements()
    taken = sorted(
        User.objects.filter(username__in=[p.username for p in PEOPLE]).values_list(
            "username", flat=True
        )
    )
    if taken:
        raise DemoError(f"these demo usernames are already taken: {', '.join(taken)}")
    with transaction.atomic():
        units = _units()
        roles = _roles(elements)
        _goal(elements, today)
        people, logins = _people(units, roles)
        cycle, last_cycle = _cycles(units[ROOT_UNIT], people["carol"].user, today)
        give_hr_the_editor_role(people["carol"].user)
        ratings = Storyteller(people, roles, cycle, last_cycle, today, seed).tell()
        # Last year's story is told while its cycle is open (a closed cycle refuses ratings,
        # issue 11), then the cycle is closed as it would have been a year ago.
        last_cycle.status = Cycle.Status.CLOSED
        last_cycle.save(update_fields=["status"])
        evidence = demo_evidence.tell(people, people["carol"].user, today)
        # After the evidence story: Iris samples the decisions Dave made in it (docs/quality.md).
        add_quality(people, units[ROOT_UNIT], today)
        record(
            None,
            "demo.load",
            "demo organisation",
            people=len(people),
            ratings=ratings,
            evidence=evidence,
        )
    return DemoResult(
        created=True,
        logins=logins,
        people=len(people),
        units=len(units),
        roles=len(roles),
        ratings=ratings,
    )


def reset_passwords() -> list[DemoLogin]:
    """New passwords for the demo logins (those still present); DemoError if no demo."""
    if not demo_exists():
        raise DemoError("the demo organisation is not loaded: run `skillframe demo` first")
    logins: list[DemoLogin] = []
    with transaction.atomic():
        users = User.objects.in_bulk([name for name, _ in LOGINS], field_name="username")
        for username, role in LOGINS:
            user = users.get(username)
            if user is None:
                continue
            password = new_password()
            user.set_password(password)
            user.save(update_fields=["password"])
            logins.append(DemoLogin(username, role, password))
        record(None, "demo.reset-passwords", "demo organisation", users=len(logins))
    return logins


def logins_table(logins: list[DemoLogin]) -> list[str]:
    """The logins as aligned text lines: username, password, who they are."""
    rows = [("username", "password", "role"), *((x.username, x.password, x.role) for x in logins)]
    widths = [max(len(row[i]) for row in rows) for i in range(2)]
    return [f"  {u:<{widths[0]}}  {p:<{widths[1]}}  {r}" for u, p, r in rows]


def write_password_file(path: Path, logins: list[DemoLogin]) -> None:
    """Write {username: password} as JSON, readable by its owner only (mode 0600)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)  # also when the file existed with wider permissions
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump({x.username: x.password for x in logins}, out, indent=2)
        out.write("\n")


# --- building the rows ----------------------------------------------------------------------


def _elements() -> dict[str, Element]:
    """Every element the demo refers to, by code; DemoError naming what is missing."""
    present = set(Framework.objects.filter(slug__in=FRAMEWORKS).values_list("slug", flat=True))
    missing = [slug for slug in FRAMEWORKS if slug not in present]
    if missing:
        raise DemoError(
            f"the demo needs the seed frameworks {' and '.join(FRAMEWORKS)} "
            f"(missing: {', '.join(missing)}); run `skillframe frameworks load-seeds` first"
        )
    codes = {r.code for role in ROLES for r in role.requirements} | {c for c, _ in GOAL_WEIGHTS}
    # A target level must be one the source defines for the skill: its level element exists.
    levels = {f"{r.code}.L{r.level}" for role in ROLES for r in role.requirements if r.level}
    found = {
        e.code: e
        for e in Element.objects.filter(
            framework__slug__in=FRAMEWORKS, code__in=codes | levels
        ).select_related("framework")
    }
    unknown = sorted((codes | levels) - set(found))
    if unknown:
        raise DemoError(
            "the loaded frameworks lack elements the demo uses (reload them with "
            f"`skillframe frameworks load-seeds`): {', '.join(unknown)}"
        )
    return found


def _units() -> dict[str, OrgUnit]:
    units: dict[str, OrgUnit] = {}
    for code, name, parent in UNITS:
        units[code] = OrgUnit.objects.create(
            code=code, name=name, parent=units[parent] if parent else None
        )
    return units


def _roles(elements: dict[str, Element]) -> dict[str, RoleProfile]:
    roles: dict[str, RoleProfile] = {}
    for spec in ROLES:
        role = RoleProfile.objects.create(
            code=spec.code, title=spec.title, description=spec.description
        )
        for position, r in enumerate(spec.requirements, start=1):
            requirement = RoleRequirement(
                role=role,
                element=elements[r.code],
                target_level=r.level,
                importance=r.importance,
                weight=r.weight,
                position=position,
            )
            requirement.full_clean()  # the same checks as the role editor
            requirement.save()
        roles[spec.code] = role
    return roles


def _goal(elements: dict[str, Element], today: date) -> OrgGoal:
    goal = OrgGoal.objects.create(
        title=f"{GOAL_TITLE} {today.year}",
        description=GOAL_DESCRIPTION,
        starts_on=date(today.year, 1, 1),
        ends_on=date(today.year, 12, 31),
    )
    for code, weight in GOAL_WEIGHTS:
        row = OrgGoalWeight(goal=goal, element=elements[code], weight=weight)
        row.full_clean()
        row.save()
    return goal


def _people(
    units: dict[str, OrgUnit], roles: dict[str, RoleProfile]
) -> tuple[dict[str, Person], list[DemoLogin]]:
    passwords = {username: new_password() for username, _ in LOGINS}
    people: dict[str, Person] = {}
    for number, p in enumerate(PEOPLE, start=1):
        if p.manager is not None and p.manager not in people:
            raise DemoError(f"demo data: {p.username}'s manager {p.manager} must come first")
        # create_user with password None sets an unusable password: not a demo login.
        user = User.objects.create_user(
            p.username,
            f"{p.username}@{EMAIL_DOMAIN}",
            passwords.get(p.username),
            first_name=p.first,
            last_name=p.last,
        )
        people[p.username] = Person.objects.create(
            user=user,
            employee_id=f"SF-{number:04d}",
            job_title=p.title,
            unit=units[p.unit],
            manager=people[p.manager] if p.manager else None,
            current_role=roles[p.current_role] if p.current_role else None,
            target_role=roles[p.target_role] if p.target_role else None,
        )
    for username, unit_codes in HR_ADMINS.items():
        people[username].hr_units.add(*(units[code] for code in unit_codes))
    for username, learners in ASSESSORS.items():
        people[username].learners.add(*(people[name] for name in learners))
    logins = [DemoLogin(name, role, passwords[name]) for name, role in LOGINS]
    return people, logins


def _cycles(root: OrgUnit, hr: User, today: date) -> tuple[Cycle, Cycle]:
    """This year's open cycle (started three weeks ago) and last year's, still open: load_demo
    closes it once its ratings are recorded."""
    cycle = Cycle.objects.create(
        name=f"Skills review {today.year}",
        starts_on=today - timedelta(days=21),
        ends_on=today + timedelta(days=39),
        created_by=hr,
    )
    cycle.units.add(root)
    last = Cycle.objects.create(
        name=f"Skills review {today.year - 1}",
        starts_on=today - timedelta(days=450),
        ends_on=today - timedelta(days=380),
        created_by=hr,
    )
    last.units.add(root)
    return cycle, last
