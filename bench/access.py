"""Benchmark: the access rule on a large organisation, ours against the same query in raw SQL.

    .venv/bin/python bench/access.py [--people N] [--rounds 5] [--pages 3]

Database: SKILLFRAME_DATABASE_URL if set (default --people 100000, the size of DESIGN.md §8),
else a fresh SQLite file in a temporary data dir (default --people 10000). The organisation is
built with bulk inserts: a CEO with 7 direct reports, spans of 4 to 10 below, heads of the top
three levels of management each with a unit below their manager's (about 400 units at 100,000
people), everyone else in their manager's unit; an HR admin of the whole organisation and one of
the first division. No ratings: the rule filters people, and everything else by person. All of
it is rolled back at the end, so the bench runs again on the same database.

Measured, each against its limit, the same answer from one hand-written SQL statement (two for
the list page: its count and its rows), with the ratio:
- CEO team      the rows of the CEO's /team/ grid (direct reports, by name);
- HR list       HR's /people/ first page: the count and 50 people by name, with unit, manager
                and role (`Person.objects.editable_by`);
- whole org     everyone the CEO sees (`Person.objects.visible_to(...).count()`);
- lookup        `people.access.get_person_for` of a person at the bottom of the tree, by the CEO
                and by the division's HR admin (the check every per-person page and endpoint
                makes), and `people.access.can_see` (the same question, walking up the trees).
The limit walks up from the person in one statement. Runs take turns and the best of --rounds
counts, so load on the machine hits both alike. Then the pages themselves (informative, no
limit): wall time of GET /team/ (CEO), /people/ (HR) and /people/<id>/ (CEO) through Django's
test client, with their number of queries and their longest SQL statement.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from gaps import best

CEO_SPAN, SPANS = 7, (4, 10)
UNIT_LEVELS = 3  # heads of the top three levels below the CEO get a unit of their own
PAGE_SIZE = 50
RELATED = ("user", "unit", "manager__user", "current_role")
SYLLABLES = "ba be bi bo da de di do ka ke ki ko la le li lo ma me mi mo na ne ni no ra re ri ro"


@dataclass
class Org:
    ceo: Any
    hr: Any  # HR admin of the whole organisation
    hr_division: Any  # HR admin of the first division
    deep: Any  # a person on the lowest level, in the first division
    size: int
    units: int
    depth: int


def build_organisation(size: int, rnd: random.Random) -> Org:
    """The tree, level by level: users, units for the heads, then people (bulk inserts)."""
    from django.contrib.auth.models import User

    from skillframe.people.models import OrgUnit, Person, RoleProfile

    syllables = SYLLABLES.split()
    roles = RoleProfile.objects.bulk_create(
        [RoleProfile(code=f"bench-role-{n}", title=f"Bench role {n}") for n in range(5)]
    )
    top = OrgUnit.objects.create(code="bench-top", name="Bench organisation")
    made = 0

    def add(slots: Sequence[tuple[Any, Any]], with_units: bool) -> list[Any]:
        """One new person per (manager, unit) slot, each heading a new unit if `with_units`."""
        nonlocal made
        users = User.objects.bulk_create(
            [
                User(
                    username=f"bench{made + n}",
                    first_name="".join(rnd.choices(syllables, k=2)).title(),
                    last_name="".join(rnd.choices(syllables, k=3)).title(),
                    password="!",
                )
                for n in range(len(slots))
            ],
            batch_size=5000,
        )
        units = [unit for _, unit in slots]
        if with_units:
            units = OrgUnit.objects.bulk_create(
                [
                    OrgUnit(code=f"bench-u{made + n}", name=f"Unit {made + n}", parent=unit)
                    for n, (_, unit) in enumerate(slots)
                ],
                batch_size=5000,
            )
        people = Person.objects.bulk_create(
            [
                Person(
                    user=user,
                    employee_id=f"B{made + n:07d}",
                    unit=unit,
                    manager=manager,
                    current_role=rnd.choice(roles),
                )
                for n, (user, unit, (manager, _)) in enumerate(
                    zip(users, units, slots, strict=True)
                )
            ],
            batch_size=5000,
        )
        made += len(people)
        return people

    (ceo,) = add([(None, top)], with_units=False)
    level, depth, units = [ceo], 0, 1
    while made < size:
        depth += 1
        slots: list[tuple[Any, Any]] = []
        for manager in level:
            span = CEO_SPAN if manager is ceo else rnd.randint(*SPANS)
            slots += [(manager, manager.unit)] * span
        slots = slots[: size - made]
        with_units = depth <= UNIT_LEVELS
        level = add(slots, with_units)
        units += len(level) if with_units else 0
    (hr, hr_division) = add([(None, top), (None, top)], with_units=False)
    hr.hr_units.add(top)
    division = Person.objects.filter(manager=ceo).order_by("pk").first()
    assert division is not None
    hr_division.hr_units.add(division.unit_id)
    # The first person of the last level descends from the first division's head.
    return Org(ceo, hr, hr_division, level[0], made, units, depth)


def raw_queries() -> dict[str, str]:
    """The limits: the same answers, written by hand (placeholders %s, both databases)."""
    person, user, unit = "people_person", "auth_user", "people_orgunit"
    hr, learners, role = "people_person_hr_units", "people_person_learners", "people_roleprofile"
    scope = (
        f"WITH RECURSIVE scope(id) AS (SELECT h.orgunit_id FROM {hr} h "
        f"JOIN {person} me ON me.id = h.person_id WHERE me.user_id = %s "
        f"UNION SELECT u.id FROM {unit} u JOIN scope s ON u.parent_id = s.id) "
    )
    return {
        "team": (
            f"SELECT p.id, p.employee_id, u.first_name, u.last_name, r.title FROM {person} p "
            f"JOIN {user} u ON u.id = p.user_id LEFT JOIN {role} r ON r.id = p.current_role_id "
            "WHERE p.manager_id = %s ORDER BY u.last_name, u.first_name, p.employee_id"
        ),
        "count": f"{scope}SELECT COUNT(*) FROM {person} WHERE unit_id IN (SELECT id FROM scope)",
        "page": (
            f"{scope}SELECT p.id, p.employee_id, p.job_title, u.first_name, u.last_name, "
            "u.is_active, un.name, mu.first_name, mu.last_name, r.title "
            f"FROM {person} p JOIN {user} u ON u.id = p.user_id "
            f"JOIN {unit} un ON un.id = p.unit_id LEFT JOIN {person} m ON m.id = p.manager_id "
            f"LEFT JOIN {user} mu ON mu.id = m.user_id "
            f"LEFT JOIN {role} r ON r.id = p.current_role_id "
            "WHERE p.unit_id IN (SELECT id FROM scope) "
            f"ORDER BY u.last_name, u.first_name, p.employee_id LIMIT {PAGE_SIZE}"
        ),
        "whole": (
            f"WITH RECURSIVE chain(id) AS (SELECT id FROM {person} WHERE user_id = %s "
            f"UNION SELECT p.id FROM {person} p JOIN chain c ON p.manager_id = c.id) "
            "SELECT COUNT(*) FROM chain"
        ),
        # Walk up from the person: their managers and their unit's ancestors.
        "lookup": (
            f"WITH RECURSIVE target(id, manager_id, unit_id, user_id) AS (SELECT id, "
            f"manager_id, unit_id, user_id FROM {person} WHERE employee_id = %s), "
            f"bosses(id) AS (SELECT manager_id FROM target UNION SELECT p.manager_id "
            f"FROM {person} p JOIN bosses b ON p.id = b.id), "
            f"above(id) AS (SELECT unit_id FROM target UNION SELECT u.parent_id FROM {unit} u "
            "JOIN above a ON u.id = a.id) "
            f"SELECT t.id FROM target t JOIN {person} me ON me.user_id = %s "
            "WHERE t.user_id = me.user_id OR me.id IN (SELECT id FROM bosses) "
            f"OR EXISTS (SELECT 1 FROM {hr} h WHERE h.person_id = me.id "
            "AND h.orgunit_id IN (SELECT id FROM above)) "
            f"OR EXISTS (SELECT 1 FROM {learners} l WHERE l.from_person_id = me.id "
            "AND l.to_person_id = t.id)"
        ),
    }


def comparisons(org: Org) -> list[tuple[str, Callable[[], Any], Callable[[], Any]]]:
    """(label, ours, limit), each pair checked to give the same answer before timing."""
    from django.core.paginator import Paginator
    from django.db import connection

    from skillframe.assessments.team import direct_reports
    from skillframe.people import access
    from skillframe.people.models import Person

    sql = raw_queries()

    def raw(name: str, *params: Any) -> list[tuple[Any, ...]]:
        with connection.cursor() as cursor:
            cursor.execute(sql[name], params)
            return cursor.fetchall()

    def hr_page() -> tuple[int, list[int]]:
        people = Person.objects.editable_by(org.hr.user).select_related(*RELATED)
        page = Paginator(people, PAGE_SIZE).get_page(1)
        return page.paginator.count, [p.pk for p in page.object_list]

    def lookup(user: Any) -> Callable[[], int]:
        return lambda: access.get_person_for(user, org.deep.employee_id, related=RELATED).pk

    def raw_lookup(user: Any) -> Callable[[], int]:
        return lambda: raw("lookup", org.deep.employee_id, user.pk)[0][0]

    ceo, hr_division = org.ceo.user, org.hr_division.user
    return [
        (
            "CEO team (/team/ rows)",
            lambda: [p.pk for p in direct_reports(org.ceo)],
            lambda: [row[0] for row in raw("team", org.ceo.pk)],
        ),
        (
            f"HR list (/people/: count + {PAGE_SIZE} rows)",
            hr_page,
            lambda: (
                raw("count", org.hr.user.pk)[0][0],
                [r[0] for r in raw("page", org.hr.user.pk)],
            ),
        ),
        (
            "whole org (CEO visible_to count)",
            lambda: Person.objects.visible_to(ceo).count(),
            lambda: raw("whole", ceo.pk)[0][0],
        ),
        ("lookup by the CEO (get_person_for)", lookup(ceo), raw_lookup(ceo)),
        ("lookup by division HR", lookup(hr_division), raw_lookup(hr_division)),
        (
            "can_see by the CEO (walk up)",
            lambda: access.can_see(ceo, org.deep),
            lambda: bool(raw("lookup", org.deep.employee_id, ceo.pk)),
        ),
    ]


def pages(org: Org, repeat: int) -> None:
    """Whole pages through the test client: wall time, queries, longest statement."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    for label, viewer, path in (
        ("/team/ as the CEO", org.ceo, "/team/"),
        ("/people/ as HR", org.hr, "/people/"),
        ("/people/<id>/ as the CEO", org.ceo, f"/people/{org.deep.employee_id}/"),
    ):
        client = Client()
        client.force_login(viewer.user)
        assert client.get(path).status_code == 200, path  # warm up
        with CaptureQueriesContext(connection) as captured:
            client.get(path)
        queries = [q["sql"] for q in captured.captured_queries]
        (seconds,) = best([lambda p=path, c=client: c.get(p)], repeat)
        print(
            f"    {label:<26} {seconds * 1000:8.1f} ms   {len(queries):3d} queries, "
            f"longest statement {max(len(q) for q in queries):,} characters"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=None)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--pages", type=int, default=3, help="rounds per page (0: skip pages)")
    args = parser.parse_args()
    os.environ.setdefault("SKILLFRAME_DATA_DIR", tempfile.mkdtemp(prefix="skillframe-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "skillframe.settings")
    os.environ.setdefault("SKILLFRAME_ALLOWED_HOSTS", "testserver")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    call_command("migrate", verbosity=0)
    size = args.people or (100_000 if connection.vendor == "postgresql" else 10_000)
    # Everything the bench adds is rolled back, so it runs again on the same database.
    with transaction.atomic():
        started = time.perf_counter()
        org = build_organisation(size, random.Random(9))
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # plans for the tables as they now are
        built = time.perf_counter() - started
        print(
            f"Access rule benchmark on {connection.vendor}: {org.size:,} people, "
            f"{org.units:,} units, {org.depth} levels below the CEO (built in {built:.0f} s)"
        )
        rows = comparisons(org)
        for label, ours, limit in rows:  # same answers first
            assert ours() == limit(), f"{label}: ours and the limit disagree"
        print(f"  best of {args.rounds}: ours, the limit (hand-written SQL), ratio")
        for label, ours, limit in rows:
            t_ours, t_limit = best([ours, limit], args.rounds)
            print(
                f"    {label:<38} ours {t_ours * 1000:8.2f} ms   limit {t_limit * 1000:8.2f} ms"
                f"   ratio {t_ours / t_limit:5.2f}x"
            )
        if args.pages:
            print(f"  pages (best of {args.pages}; informative):")
            pages(org, args.pages)
        transaction.set_rollback(True)


if __name__ == "__main__":
    main()
