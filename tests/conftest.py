"""Shared fixtures: the seed frameworks and the personas of DESIGN.md §7.

The two real seed frameworks are loaded ONCE per test database (per xdist worker), right after
pytest-django creates it (`django_db_setup`): every database test starts with the catalogue in
place and its own changes roll back with its transaction. Tests that need an empty catalogue say
so with the `empty_catalogue` fixture. A transactional test (`transactional_db`, `live_server`)
ends with Django emptying every table, so the catalogue is loaded again after it
(`pytest_runtest_teardown` below).
"""

from __future__ import annotations

import fcntl
import os
import subprocess
from collections.abc import Generator
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from skillframe.frameworks.spec import FrameworkSpec
from tests.console import DATABASE_FILE, SKILLFRAME, cli_environment, copy_database

# The session's database blocker, kept by `django_db_setup` for the teardown hook below.
_DB_BLOCKER = pytest.StashKey[Any]()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    # Django's default hasher is slow on purpose; tests create many users (Django's own advice).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _static_files_looked_up_per_request(request: pytest.FixtureRequest, settings: Any) -> None:
    # WhiteNoise indexes every static file (through the finders) whenever a middleware chain is
    # built, i.e. once per test client: ~20 ms for each of some thousand tests that fetch no
    # static file. Looking files up when asked serves the same files. The browser tests keep the
    # production setting: their live server builds its chain once.
    if "live_server" not in request.fixturenames:
        settings.WHITENOISE_AUTOREFRESH = True


@pytest.fixture(autouse=True)
def _evidence_dir(settings: Any, tmp_path: Path) -> Path:
    """Evidence files (issue 14) go to the test's own folder, never the real data dir."""
    settings.EVIDENCE_DIR = tmp_path / "evidence-files"
    return Path(settings.EVIDENCE_DIR)


@cache
def _seed_specs() -> tuple[FrameworkSpec, ...]:
    # Parsing is pure and deterministic: do it once per test session.
    from skillframe.frameworks.seeds import seed_specs

    return tuple(seed_specs())


@pytest.fixture
def seed_specs() -> tuple[FrameworkSpec, ...]:
    return _seed_specs()


def _load_seed_frameworks() -> None:
    from skillframe.frameworks.loading import load_framework

    for spec in _seed_specs():
        load_framework(spec)


def _seed_frameworks_loaded() -> bool:
    from skillframe.frameworks.models import Framework

    slugs = {spec.slug for spec in _seed_specs()}
    return Framework.objects.filter(slug__in=slugs).count() == len(slugs)


@pytest.fixture(scope="session")
def django_db_setup(
    django_db_setup: None, django_db_blocker: Any, request: pytest.FixtureRequest
) -> None:
    """pytest-django's test database (migrated as usual), then both seed frameworks in it."""
    request.config.stash[_DB_BLOCKER] = django_db_blocker
    with django_db_blocker.unblock():
        _load_seed_frameworks()


def _flushes_database(item: pytest.Item) -> bool:
    """Whether `item` runs as a Django TransactionTestCase, which empties every table when the
    test ends: a unittest-style class, or a pytest test by the rule of pytest-django's
    `_django_db_helper`."""
    from django.test import TestCase, TransactionTestCase

    cls = getattr(item, "cls", None)
    if cls is not None and issubclass(cls, TransactionTestCase):
        return not issubclass(cls, TestCase)
    names = getattr(item, "fixturenames", ())
    if any(name in names for name in ("transactional_db", "live_server")):
        return True
    marker = item.get_closest_marker("django_db")
    if marker is None:
        return False
    return bool(
        marker.kwargs.get("transaction")
        or marker.kwargs.get("reset_sequences")
        or (marker.args and marker.args[0])
    )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> Generator[None]:
    result = yield
    # After the last test the session fixtures (the test database itself) are gone as well.
    blocker = item.config.stash.get(_DB_BLOCKER, None)
    if nextitem is not None and blocker is not None and _flushes_database(item):
        with blocker.unblock():
            _load_seed_frameworks()
    return result


@pytest.fixture
def seeded(db: None, seed_specs: tuple[FrameworkSpec, ...]) -> tuple[FrameworkSpec, ...]:
    """Both seed frameworks, already in the test database (loaded once by `django_db_setup`)."""
    if not _seed_frameworks_loaded():
        # Say so rather than load them again per test, which would quietly make the suite slow.
        pytest.fail(
            "the seed frameworks are missing from the test database: something emptied it "
            "outside a test's transaction without loading them again (see tests/conftest.py)"
        )
    return seed_specs


@pytest.fixture
def empty_catalogue(db: None) -> None:
    """No framework at all in the database (removed inside the test's transaction)."""
    from skillframe.frameworks.models import Framework

    Framework.objects.all().delete()


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite database migrated by the real console script (no frameworks), made once per test
    session and shared by all xdist workers under a file lock."""
    root = tmp_path_factory.getbasetemp()
    if "PYTEST_XDIST_WORKER" in os.environ:
        root = root.parent  # each worker's base folder sits in the session's one
    template = root / "cli-migrated.sqlite3"
    with (root / "cli-migrated.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not template.exists():
            data_dir = Path(tmp_path_factory.mktemp("cli-migrate"))
            env = cli_environment(data_dir)
            subprocess.run([SKILLFRAME, "migrate", "-v", "0"], env=env, check=True)
            copy_database(data_dir / DATABASE_FILE, root / "cli-migrating")
            (root / "cli-migrating" / DATABASE_FILE).rename(template)
    return template


@pytest.fixture
def cli_env(tmp_path: Path, migrated_sqlite: Path) -> dict[str, str]:
    """The environment of a `skillframe` subprocess whose data dir holds its own copy of a freshly
    migrated SQLite database (no frameworks), whatever database the suite runs on."""
    data_dir = tmp_path / "cli-data"
    copy_database(migrated_sqlite, data_dir)
    return cli_environment(data_dir)


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
    - eve: Operations, current role project-manager, no link to alice;
    - iris: Operations, internal quality assurer (quality.Assurer): samples and reviews
      assessors' decisions, sees only the sampled ones and their context.
    Every persona's password is PERSONA_PASSWORD.
    """
    from types import SimpleNamespace

    from django.contrib.auth.models import User

    from skillframe.authoring.access import grant_role
    from skillframe.frameworks.models import Element
    from skillframe.people.models import OrgUnit, Person, RoleProfile, RoleRequirement
    from skillframe.quality.models import Assurer

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
    grant_role(carol.user)  # HR's "HR framework editors" role may author every framework
    dave = person("dave", "Dave", "Dunn", operations, job_title="NOS assessor")
    dave.learners.add(alice)
    eve = person("eve", "Eve", "Evans", operations, job_title="Service manager", current_role=pm)
    iris = person("iris", "Iris", "Irving", operations, job_title="Internal quality assurer")
    Assurer.objects.create(person=iris)
    return SimpleNamespace(
        alice=alice,
        bob=bob,
        carol=carol,
        dave=dave,
        eve=eve,
        iris=iris,
        org=org,
        delivery=delivery,
        operations=operations,
        pm=pm,
        leader=leader,
        password=PERSONA_PASSWORD,
    )
