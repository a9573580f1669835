"""Benchmark: gaps + development priorities, ours against the same arithmetic as a numpy kernel.

    .venv/bin/python bench/gaps.py [--team 200] [--rounds 7]

Database: SKILLFRAME_DATABASE_URL if set, else a fresh SQLite file in a temporary data dir (both
seed frameworks loaded). A role of 60 requirements (45 AXELOS skills, 15 NOS standards whose
criteria and knowledge items roll up) is held by a team of --team people with self, manager and
assessor ratings (some stale), interests and an active organisation goal. All of it is rolled back
at the end, so the bench runs again on the same database.

Two comparisons, each for one person and for the team:
- end to end (the target): `insights.data.team_insights` — database reads, gap reports with
  every Gap, ranked Priority objects with their reasons — against the limit: the same rows read
  with the same queries as plain columns, packed into arrays, and `insights.kernel.analyse`
  (numbers only). Target (issue 6): the team within 3x of the kernel.
- compute only (informative, no target): `gaps.analyse` + `priorities.rank` on inputs already in
  memory against `kernel.analyse` on arrays already built. This is Python objects and words
  against vectorised arithmetic; it shows where the time goes.
Runs take turns and the best of --rounds counts, so load on the machine hits both alike.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

SKILLS, UNITS = 45, 15


def best(runs: list[Callable[[], Any]], rounds: int) -> list[float]:
    times: list[list[float]] = [[] for _ in runs]
    for _ in range(rounds):
        for run, measured in zip(runs, times, strict=True):
            started = time.perf_counter()
            run()
            measured.append(time.perf_counter() - started)
    return [min(measured) for measured in times]


def build_organisation(team_size: int) -> tuple[Any, list[Any]]:
    """The role, the team and their ratings (bulk inserts: the bench measures reading)."""
    import random

    from django.contrib.auth.models import User

    from skillframe.assessments.latest import refresh_people
    from skillframe.assessments.models import Interest, Rating
    from skillframe.frameworks.models import Element
    from skillframe.people.models import (
        OrgGoal,
        OrgGoalWeight,
        OrgUnit,
        Person,
        RoleProfile,
        RoleRequirement,
    )

    rnd = random.Random(6)
    today = date.today()
    skills = list(Element.objects.filter(framework__slug="axelos", kind="skill")[:SKILLS])
    units = list(Element.objects.filter(framework__slug="nos-ml", kind="unit")[:UNITS])
    role = RoleProfile.objects.create(code="bench-role", title="Bench role")
    RoleRequirement.objects.bulk_create(
        [
            RoleRequirement(
                role=role,
                element=e,
                target_level=rnd.randint(2, 4) if e.kind == "skill" else None,
                importance=rnd.choice(["essential", "essential", "desirable"]),
                weight=rnd.choice([1.0, 1.0, 2.0]),
                position=i,
            )
            for i, e in enumerate(skills + units, start=1)
        ]
    )
    goal = OrgGoal.objects.create(
        title="Bench goal", starts_on=today - timedelta(10), ends_on=today + timedelta(300)
    )
    OrgGoalWeight.objects.bulk_create(
        [OrgGoalWeight(goal=goal, element=e, weight=2.0) for e in skills[:5] + units[:2]]
    )
    unit = OrgUnit.objects.create(code="bench", name="Bench")
    users = User.objects.bulk_create(
        [User(username=f"bench{i}", password="!") for i in range(team_size + 1)]
    )
    boss = Person.objects.create(user=users[0], employee_id="B-0", unit=unit)
    Person.objects.bulk_create(
        [
            Person(user=u, employee_id=f"B-{i}", unit=unit, manager=boss, current_role=role)
            for i, u in enumerate(users[1:], start=1)
        ]
    )
    team = list(Person.objects.filter(manager=boss).order_by("pk"))
    items = list(
        Element.objects.filter(
            framework__slug="nos-ml",
            kind__in=("performance-criterion", "knowledge-item"),
            code__regex=r"^(" + "|".join(u.code for u in units) + r")\.",
        ).values_list("pk", flat=True)
    )
    ratings: list[Rating] = []
    interests: list[Interest] = []
    past, future = today - timedelta(5), today + timedelta(200)
    for person in team:
        for skill in skills:
            if rnd.random() < 0.8:
                level = rnd.randint(1, 5)
                ratings.append(Rating(person=person, element=skill, level=level, source="self"))
                if rnd.random() < 0.5:
                    ratings.append(
                        Rating(
                            person=person,
                            element=skill,
                            level=max(1, level - rnd.randint(0, 1)),
                            source="manager",
                            next_review_on=past if rnd.random() < 0.2 else future,
                        )
                    )
            if rnd.random() < 0.1:
                interests.append(Interest(person=person, element=skill, wants_to_develop=True))
        for item in items:
            if rnd.random() < 0.5:
                judgement = rnd.choice(["competent", "competent", "not-yet", "not-applicable"])
                ratings.append(
                    Rating(person=person, element_id=item, competence=judgement, source="self")
                )
                if rnd.random() < 0.3:
                    ratings.append(
                        Rating(
                            person=person,
                            element_id=item,
                            competence="competent",
                            source="assessor",
                            next_review_on=future,
                        )
                    )
    Rating.objects.bulk_create(ratings, batch_size=5000)
    # bulk_create bypasses Rating.save: derive these people's current ratings in one statement.
    refresh_people(person.pk for person in team)
    Interest.objects.bulk_create(interests)
    return role, team


def limit_factory(role: Any) -> Callable[[list[Any]], Any]:
    """The limit: the same reads as plain columns, arrays, and the numpy kernel."""
    import numpy as np

    from skillframe.assessments.models import VALIDATING_SOURCES, Interest, Rating
    from skillframe.insights import data, kernel
    from skillframe.insights.models import PriorityWeightSettings

    def run(team: list[Any]) -> Any:
        today = date.today()
        roles = data.load_roles([role.pk])
        reqs = roles.requirements[role.pk]
        column = {r.element_id: j for j, r in enumerate(reqs)}
        item_ids = [i for r in reqs for i in r.item_ids]
        item_col = {i: k for k, i in enumerate(item_ids)}
        row = {p.pk: n for n, p in enumerate(team)}
        shape = (len(team), len(reqs))
        level = np.full(shape, np.nan)
        own = np.zeros(shape, dtype=np.int8)
        stale = np.zeros(shape, dtype=bool)
        items = np.zeros((len(team), len(item_ids)), dtype=np.int8)
        item_stale = np.zeros((len(team), len(item_ids)), dtype=bool)
        rank = np.full(shape, -1, dtype=np.int8)
        item_rank = np.full(items.shape, -1, dtype=np.int8)
        rows = (
            Rating.objects.filter(person_id__in=list(row), element_id__in=roles.element_ids())
            .latest_per_source()
            .order_by("created_at", "pk")  # ascending: a later row of equal rank overwrites
            .values_list("person_id", "element_id", "source", "level", "competence",
                         "next_review_on")
        )  # fmt: skip
        for person_id, element_id, source, lvl, competence, review_on in rows:
            validated = source in VALIDATING_SOURCES
            r = 2 if validated else (1 if source == "self" else 0)
            old = validated and review_on is not None and review_on < today
            p = row[person_id]
            j = column.get(element_id)
            if j is not None:
                if r >= rank[p, j]:
                    rank[p, j] = r
                    level[p, j] = np.nan if lvl is None else lvl
                    own[p, j] = kernel.CODES[competence]
                    stale[p, j] = old
            else:
                k = item_col[element_id]
                if r >= item_rank[p, k]:
                    item_rank[p, k] = r
                    items[p, k] = kernel.CODES[competence]
                    item_stale[p, k] = old
        interest = np.zeros(shape, dtype=bool)
        for person_id, element_id, wants in (
            Interest.objects.filter(person_id__in=list(row))
            .order_by("created_at", "id")
            .values_list("person_id", "element_id", "wants_to_develop")
        ):
            j = column.get(element_id)
            if j is not None:
                interest[row[person_id], j] = wants
        goals = data.goal_weights(roles.ancestors, today)
        order = sorted(range(len(reqs)), key=lambda j: (reqs[j].code, reqs[j].element_id))
        code_rank = np.empty(len(reqs), dtype=np.intp)
        code_rank[order] = np.arange(len(reqs))
        profile = kernel.Profile(
            target=np.array(
                [np.nan if r.target_level is None else r.target_level for r in reqs], dtype=float
            ),
            weight=np.array([r.weight for r in reqs], dtype=float),
            essential=np.array([r.essential for r in reqs], dtype=bool),
            item_unit=np.array(
                [column[r.element_id] for r in reqs for _ in r.item_ids], dtype=np.intp
            ),
            code_rank=code_rank,
            goal=np.array([goals.get(r.element_id, 0.0) for r in reqs], dtype=float),
        )
        team_arrays = kernel.Team(level, own, stale, items, item_stale, interest)
        return kernel.analyse(profile, team_arrays, PriorityWeightSettings.current()), (
            profile,
            team_arrays,
        )

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--team", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    os.environ.setdefault("SKILLFRAME_DATA_DIR", tempfile.mkdtemp(prefix="skillframe-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "skillframe.settings")
    import django

    django.setup()
    import numpy as np
    from django.core.management import call_command
    from django.db import connection

    from skillframe.assessments.models import Rating
    from skillframe.frameworks.loading import load_framework
    from skillframe.frameworks.seeds import seed_specs
    from skillframe.insights import data, kernel
    from skillframe.insights.gaps import analyse
    from skillframe.insights.priorities import DEFAULT_WEIGHTS, rank

    call_command("migrate", verbosity=0)
    for spec in seed_specs():
        load_framework(spec)
    from django.db import transaction

    # Everything the bench adds is rolled back, so it runs again on the same database.
    with transaction.atomic():
        role, team = build_organisation(args.team)
        limit = limit_factory(role)
        one = team[:1]

        # Same answers first: the kernel's ranking is ours, person by person.
        ours = data.team_insights(team, weights=DEFAULT_WEIGHTS)
        result, (profile, arrays) = limit(team)
        reqs = data.load_roles([role.pk]).requirements[role.pk]
        for n, person in enumerate(team):
            current, _, priorities = ours[person.pk]
            assert current is not None
            assert abs(current.role_fit - result.role_fit[n]) < 1e-9
            ids = [reqs[j].element_id for j in result.order[n, : result.unmet[n]]]
            assert ids == [p.element_id for p in priorities], f"ranking differs for {person}"

        rows = Rating.objects.count()
        items = sum(len(r.item_ids) for r in reqs)
        print(
            f"Gaps and priorities benchmark on {connection.vendor}: role of {len(reqs)} "
            f"requirements ({SKILLS} skills, {UNITS} standards with {items} items), "
            f"{rows} rating rows"
        )
        print("  end to end (database reads + gaps + ranked priorities with reasons):")
        for label, people in (("one person", one), (f"team of {len(team)}", team)):
            t_ours, t_limit = best(
                [lambda p=people: data.team_insights(p, weights=DEFAULT_WEIGHTS),
                 lambda p=people: limit(p)],
                args.rounds,
            )  # fmt: skip
            target = " target <= 3x:" if people is team else ""
            verdict = ("met" if t_ours <= 3 * t_limit else "MISSED") if people is team else ""
            print(
                f"    {label:<13} ours {t_ours * 1000:8.1f} ms   limit (same reads + numpy kernel) "
                f"{t_limit * 1000:8.1f} ms   ratio {t_ours / t_limit:5.2f}x{target} {verdict}"
            )

        # Compute only: inputs already in memory on both sides.
        observed = data.observations([p.pk for p in team], None, date.today())
        goals = data.goal_weights(data.load_roles([role.pk]).ancestors, date.today())
        wants = data.interests([p.pk for p in team])

        def python_compute(people: list[Any]) -> None:
            for person in people:
                report = analyse(reqs, observed.get(person.pk, {}))
                rank(report, None, goals, wants.get(person.pk, {}), DEFAULT_WEIGHTS)

        def kernel_compute(size: int) -> None:
            part = kernel.Team(*(np.ascontiguousarray(a[:size]) for a in (
                arrays.level, arrays.own, arrays.stale, arrays.items, arrays.item_stale,
                arrays.interest)))  # fmt: skip
            kernel.analyse(profile, part, DEFAULT_WEIGHTS)

        print("  compute only (inputs in memory; informative, no target):")
        for label, people in (("one person", one), (f"team of {len(team)}", team)):
            size = len(people)
            t_py, t_np = best(
                [lambda p=people: python_compute(p), lambda n=size: kernel_compute(n)],
                args.rounds,
            )
            print(
                f"    {label:<13} python {t_py * 1000:8.2f} ms   numpy kernel {t_np * 1000:8.2f} ms"
                f"   ratio {t_py / t_np:6.1f}x"
            )

        transaction.set_rollback(True)


if __name__ == "__main__":
    main()
