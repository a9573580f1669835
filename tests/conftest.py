"""Shared fixtures: the seed frameworks and the personas of DESIGN.md §7."""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest

from skillframe.frameworks.spec import FrameworkSpec


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    # Django's default hasher is slow on purpose; tests create many users (Django's own advice).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@cache
def _seed_specs() -> tuple[FrameworkSpec, ...]:
    # Parsing is pure and deterministic: do it once per test session.
    from skillframe.frameworks.seeds import seed_specs

    return tuple(seed_specs())


@pytest.fixture
def seed_specs() -> tuple[FrameworkSpec, ...]:
    return _seed_specs()


@pytest.fixture
def seeded(db: None, seed_specs: tuple[FrameworkSpec, ...]) -> tuple[FrameworkSpec, ...]:
    """Both seed frameworks loaded into the test database (inside the test's transaction)."""
    from skillframe.frameworks.loading import load_framework

    for spec in seed_specs:
        load_framework(spec)
    return seed_specs


PERSONA_PASSWORD = "correct-horse-battery-staple"


@pytest.fixture
def personas(seeded: tuple[FrameworkSpec, ...]) -> Any:
    """DESIGN.md §7 personas in a small organisation (frameworks loaded):

    - org "Skillframe Ltd" with units Delivery and Operations below it;
    - role `project-manager` (AXELOS PPM-PPL L3 essential, BACM-SMC L3 essential, LP-LTW L3
      desirable) and role `team-leader` (NOS INSML005 and INSML011, essential);
    - alice: Delivery, manager bob, current role project-manager, target role team-leader;
    - bob: Delivery, Alice's line manager, current role project-manager;
    - carol: HR admin of the whole organisation (unit org);
    - dave: Operations, assessor of alice;
    - eve: Operations, current role project-manager, no link to alice.
    Every persona's password is PERSONA_PASSWORD.
    """
    from types import SimpleNamespace

    from django.contrib.auth.models import User

    from skillframe.frameworks.models import Element
    from skillframe.people.models import OrgUnit, Person, RoleProfile, RoleRequirement

    org = OrgUnit.objects.create(code="org", name="Skillframe Ltd")
    delivery = OrgUnit.objects.create(code="delivery", name="Delivery", parent=org)
    operations = OrgUnit.objects.create(code="operations", name="Operations", parent=org)

    def element(code: str) -> Element:
        return Element.objects.get(code=code)

    pm = RoleProfile.objects.create(code="project-manager", title="Project manager")
    for position, (code, level, importance) in enumerate(
        [("PPM-PPL", 3, "essential"), ("BACM-SMC", 3, "essential"), ("LP-LTW", 3, "desirable")],
        start=1,
    ):
        RoleRequirement.objects.create(
            role=pm,
            element=element(code),
            target_level=level,
            importance=importance,
            position=position,
        )
    leader = RoleProfile.objects.create(code="team-leader", title="Team leader")
    for position, code in enumerate(["INSML005", "INSML011"], start=1):
        RoleRequirement.objects.create(role=leader, element=element(code), position=position)

    def person(username: str, first: str, last: str, unit: OrgUnit, **fields: Any) -> Person:
        user = User.objects.create_user(
            username, f"{username}@example.org", PERSONA_PASSWORD, first_name=first, last_name=last
        )
        return Person.objects.create(user=user, employee_id=f"E-{username}", unit=unit, **fields)

    bob = person("bob", "Bob", "Baker", delivery, job_title="Delivery lead", current_role=pm)
    alice = person(
        "alice",
        "Alice",
        "Archer",
        delivery,
        job_title="Project manager",
        manager=bob,
        current_role=pm,
        target_role=leader,
    )
    carol = person("carol", "Carol", "Clark", org, job_title="HR business partner")
    carol.hr_units.add(org)
    dave = person("dave", "Dave", "Dunn", operations, job_title="NOS assessor")
    dave.learners.add(alice)
    eve = person("eve", "Eve", "Evans", operations, job_title="Service manager", current_role=pm)
    return SimpleNamespace(
        alice=alice,
        bob=bob,
        carol=carol,
        dave=dave,
        eve=eve,
        org=org,
        delivery=delivery,
        operations=operations,
        pm=pm,
        leader=leader,
        password=PERSONA_PASSWORD,
    )
