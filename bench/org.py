"""Benchmark: pages and aggregates over an organisation of N people (`skillframe demo --people`).

    .venv/bin/python bench/org.py [--sizes 1000,10000] [--rounds 5] [--seed 1] [--only NAME…]
    SKILLFRAME_DATABASE_URL=postgresql://…/skillframe_bench .venv/bin/python bench/org.py \
        --sizes 1000,10000,100000

Database: SQLite by default, one file per size kept under <tmp>/skillframe-bench-org/ (the
build is the slow part: a second run reuses it); with SKILLFRAME_DATABASE_URL (PostgreSQL), one
database per size named `<that database>_org<N>`, created when missing and reused likewise.
Each size runs in its own process (the database is chosen when Django starts).

For each entry of ENTRIES it prints the server time (best and median of --rounds; pages through
Django's test client, so middleware included), the number of queries of one run, and the ratio
to its floor: the same answer as one raw SQL statement (`floor`). Entries without a floor print
no ratio. The org-wide unit × skill aggregate is measured both from the maintained current-rating
table (LatestRating) and as one raw statement over the append-only history; the issue's target
is the former within 1.5× of a raw floor, and here the "floor" over the history is what the
table replaces (a ratio below 1 is the gain).

Adding a view (the organisation views of issue 13): append an Entry to ENTRIES — a name, a
callable taking the Context (use ctx.hr / ctx.manager, test clients signed in as the HR admin of
the whole organisation and as a line manager) and optionally a floor callable. `--only` runs the
entries whose names contain one of the words given.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))


@dataclass
class Context:
    hr: Any  # django.test.Client signed in as the HR admin of the whole organisation
    manager: Any  # … as a line manager of a team of specialists
    manager_person: Any  # Person
    person: Any  # a specialist in that team with ratings
    team_ids: list[int]
    cycle_id: int  # this year's open cycle
    size: int


@dataclass
class Entry:
    name: str
    run: Callable[[Context], Any]
    floor: Callable[[Context], Any] | None = None


def get(client: Any, url: str) -> Any:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    if getattr(response, "streaming", False):
        b"".join(response.streaming_content)
    return response


def sql(query: str, params: list[Any] | None = None) -> list[Any]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(query, params or [])
        return list(cursor.fetchall())


# The current ratings of some people, ranked over the history in one statement (self and
# validated: newest per group), as Rating.objects.current does.
CURRENT_SQL = """
SELECT person_id, element_id, source, level, competence FROM (
  SELECT r.person_id, r.element_id, r.source, r.level, r.competence,
    ROW_NUMBER() OVER (PARTITION BY r.person_id, r.element_id,
      CASE WHEN r.source IN ('manager', 'assessor') THEN 'v' ELSE r.source END
      ORDER BY r.created_at DESC, r.id DESC) AS rn
  FROM assessments_rating r WHERE r.person_id IN ({ids})
) x WHERE rn = 1
"""


def current_floor(ids: list[int]) -> list[Any]:
    return sql(CURRENT_SQL.format(ids=", ".join(["%s"] * len(ids))), ids)


# Org-wide: per unit and required skill, people rated, validated, mean level, at target.
ORG_FROM_LATEST = """
SELECT p.unit_id, l.element_id, COUNT(*),
  SUM(CASE WHEN l.is_validated THEN 1 ELSE 0 END), AVG(l.best_level),
  SUM(CASE WHEN l.best_level >= rr.target_level THEN 1 ELSE 0 END)
FROM assessments_latestrating l
JOIN people_person p ON p.id = l.person_id
JOIN people_rolerequirement rr ON rr.role_id = p.current_role_id AND rr.element_id = l.element_id
GROUP BY p.unit_id, l.element_id
"""
ORG_FROM_HISTORY = """
SELECT p.unit_id, b.element_id, COUNT(*),
  SUM(CASE WHEN b.source IN ('manager', 'assessor') THEN 1 ELSE 0 END), AVG(b.level),
  SUM(CASE WHEN b.level >= rr.target_level THEN 1 ELSE 0 END)
FROM (
  SELECT r.person_id, r.element_id, r.source, r.level,
    ROW_NUMBER() OVER (PARTITION BY r.person_id, r.element_id
      ORDER BY CASE WHEN r.source IN ('manager', 'assessor') THEN 0 ELSE 1 END,
        r.created_at DESC, r.id DESC) AS rn
  FROM assessments_rating r
) b
JOIN people_person p ON p.id = b.person_id
JOIN people_rolerequirement rr ON rr.role_id = p.current_role_id AND rr.element_id = b.element_id
WHERE b.rn = 1
GROUP BY p.unit_id, b.element_id
"""

PEOPLE_PAGE_SQL = """
SELECT p.id, p.employee_id, u.first_name, u.last_name, o.name
FROM people_person p JOIN auth_user u ON u.id = p.user_id JOIN people_orgunit o ON o.id = p.unit_id
ORDER BY u.last_name, u.first_name, p.employee_id LIMIT 50
"""
CYCLE_PROGRESS_SQL = """
SELECT p.unit_id, s.status, COUNT(*) FROM people_person p
LEFT JOIN assessments_selfassessment s ON s.person_id = p.id AND s.cycle_id = %s
GROUP BY p.unit_id, s.status
"""


def _emp(ctx: Context) -> str:
    return str(ctx.person.employee_id)


# --- the entries: add yours here ----------------------------------------------------------
ENTRIES: list[Entry] = [
    Entry(
        "person gaps page",
        lambda c: get(c.manager, f"/people/{_emp(c)}/gaps/"),
        lambda c: current_floor([c.person.pk]),
    ),
    Entry(
        "person report page",
        lambda c: get(c.manager, f"/people/{_emp(c)}/report/"),
        lambda c: current_floor([c.person.pk]),
    ),
    Entry(
        "person report pdf",
        lambda c: get(c.manager, f"/people/{_emp(c)}/report.pdf"),
        lambda c: current_floor([c.person.pk]),
    ),
    Entry("team grid", lambda c: get(c.manager, "/team/"), lambda c: current_floor(c.team_ids)),
    Entry("people list (HR)", lambda c: get(c.hr, "/people/"), lambda c: sql(PEOPLE_PAGE_SQL)),
    Entry(
        "cycle progress (HR)",
        lambda c: get(c.hr, f"/cycles/{c.cycle_id}/"),
        lambda c: sql(CYCLE_PROGRESS_SQL, [c.cycle_id]),
    ),
    Entry(
        "org unit x skill, LatestRating vs history",
        lambda c: sql(ORG_FROM_LATEST),
        lambda c: sql(ORG_FROM_HISTORY),
    ),
]


# --- organisation views (issue 13, insights/org) -------------------------------------------
_ORG: dict[int, dict[str, Any]] = {}


def _org(ctx: Context) -> dict[str, Any]:
    """A unit of about 500 people (the issue's heatmap target; fewer at N = 1,000), 60 AXELOS
    skills as columns, and the organisation's most held role."""
    found = _ORG.get(id(ctx))
    if found is not None:
        return found
    from skillframe.frameworks.models import Element
    from skillframe.insights.org.columns import default_role
    from skillframe.people.models import OrgUnit, Person

    want = min(500, ctx.size // 2)
    best, best_n = None, 0
    for unit in OrgUnit.objects.filter(children__isnull=False).distinct():
        n = Person.objects.in_unit_subtree(unit).count()
        if best is None or abs(n - want) < abs(best_n - want):
            best, best_n = unit, n
        if best_n == want:
            break
    skills = list(
        Element.objects.filter(framework__slug="axelos", kind="skill")
        .order_by("ordinal")
        .values_list("pk", "code")[:60]
    )
    role = default_role(Person.objects.all())
    found = {
        "unit": best.code if best else "",
        "unit_id": best.pk if best else 0,
        "people": best_n,
        "ids": [pk for pk, _ in skills],
        "codes": ",".join(code for _, code in skills),
        "role": role.code if role else "",
        "role_id": role.pk if role else 0,
    }
    _ORG[id(ctx)] = found
    print(f"  (heatmap unit {found['unit']}: {best_n} people × {len(skills)} skills)", flush=True)
    return found


def _in(ids: list[int]) -> str:
    return ", ".join(str(int(i)) for i in ids)


def heatmap_floor(c: Context) -> Any:
    """The 500 × 60 cells in one statement: the unit's subtree, the current ratings."""
    o = _org(c)
    return sql(
        "WITH RECURSIVE sub(id) AS (SELECT id FROM people_orgunit WHERE id = %s "
        "UNION SELECT u.id FROM people_orgunit u "
        "JOIN sub ON u.parent_id = sub.id) SELECT l.person_id, l.element_id, l.best_level, "
        "l.is_validated FROM assessments_latestrating l JOIN people_person p ON p.id = l.person_id "
        f"WHERE p.unit_id IN (SELECT id FROM sub) AND l.element_id IN ({_in(o['ids'])})",
        [o["unit_id"]],
    )


def units_floor(c: Context) -> Any:
    """Org-wide, per unit × the role's requirements (a NOS unit's items included) × value:
    counts in one statement."""
    o = _org(c)
    return sql(
        "WITH req AS (SELECT element_id FROM people_rolerequirement WHERE role_id = %s), "
        "els AS (SELECT e.id FROM frameworks_element e "
        "LEFT JOIN frameworks_element p ON p.id = e.parent_id WHERE e.id IN (SELECT * FROM req) "
        "OR e.parent_id IN (SELECT * FROM req) OR p.parent_id IN (SELECT * FROM req)) "
        "SELECT p.unit_id, l.element_id, l.best_level, l.best_competence, COUNT(*), "
        "SUM(CASE WHEN l.is_validated THEN 1 ELSE 0 END) FROM assessments_latestrating l "
        "JOIN people_person p ON p.id = l.person_id WHERE l.element_id IN (SELECT id FROM els) "
        "GROUP BY p.unit_id, l.element_id, l.best_level, l.best_competence",
        [o["role_id"]],
    )


def who_floor(c: Context) -> Any:
    return sql(
        "SELECT l.person_id, COUNT(*) FROM assessments_latestrating l JOIN frameworks_element e "
        "ON e.id = l.element_id WHERE e.code IN ('BACM-SMC', 'PPM-PPL') AND "
        "l.validated_level >= 3 GROUP BY l.person_id ORDER BY 2 DESC LIMIT 200"
    )


def calibration_floor(c: Context) -> Any:
    return sql(
        "SELECT validated_by_id, COUNT(*), SUM(validated_level - self_level), "
        "SUM((validated_level - self_level) * (validated_level - self_level)) "
        "FROM assessments_latestrating WHERE validated_source = 'manager' AND "
        "validated_level IS NOT NULL AND self_level IS NOT NULL GROUP BY validated_by_id"
    )


def _heatmap_url(c: Context, fmt: str = "") -> str:
    o = _org(c)
    path = f"/insights/org/heatmap.{fmt}" if fmt else "/insights/org/heatmap/"
    return f"{path}?unit={o['unit']}&elements={o['codes']}"


ENTRIES += [
    Entry(
        "org heatmap 500x60 (API JSON)",
        lambda c: get(c.hr, "/api/insights/heatmap?unit={unit}&elements={codes}".format(**_org(c))),
        heatmap_floor,
    ),
    Entry("org heatmap 500x60 (page)", lambda c: get(c.hr, _heatmap_url(c)), heatmap_floor),
    Entry("org heatmap 500x60 (CSV)", lambda c: get(c.hr, _heatmap_url(c, "csv")), heatmap_floor),
    Entry(
        "org heatmap units org-wide (page)",
        lambda c: get(c.hr, "/insights/org/heatmap/?org=1&by=unit&role={role}".format(**_org(c))),
        units_floor,
    ),
    Entry(
        "org heatmap manager's team (page)",
        lambda c: get(c.manager, "/insights/org/heatmap/"),
        lambda c: current_floor(c.team_ids),
    ),
    Entry(
        "org who BACM-SMC>=3 PPM-PPL>=3 (page)",
        lambda c: get(c.hr, "/insights/org/who/?q=BACM-SMC%3E%3D3+PPM-PPL%3E%3D3&validated=1"),
        who_floor,
    ),
    Entry(
        "org bench + SPOF, organisation (page)", lambda c: get(c.hr, "/insights/org/bench/?org=1")
    ),
    Entry(
        "org calibration (page)",
        lambda c: get(c.hr, "/insights/org/calibration/"),
        calibration_floor,
    ),
    Entry(
        "org trends, role, organisation (page)",
        lambda c: get(c.hr, "/insights/org/trends/?org=1&role={role}".format(**_org(c))),
    ),
]


def measure(entry: Entry, ctx: Context, rounds: int) -> str:
    from django.db import connection

    entry.run(ctx)  # warm up (templates, caches)
    # Counted by an execute wrapper: CaptureQueriesContext loses the queries of a test-client
    # request (request_started resets the connection's query log).
    captured: list[str] = []

    def count(execute: Any, query: str, *rest: Any) -> Any:
        captured.append(query)
        return execute(query, *rest)

    with connection.execute_wrapper(count):
        entry.run(ctx)
    times, floors = [], []
    for _ in range(rounds):  # taking turns: load on the machine hits both alike
        started = time.perf_counter()
        entry.run(ctx)
        times.append(time.perf_counter() - started)
        if entry.floor is not None:
            started = time.perf_counter()
            entry.floor(ctx)
            floors.append(time.perf_counter() - started)
    best = min(times)
    line = (
        f"  {entry.name:<42} best {best * 1000:9.1f} ms  median "
        f"{statistics.median(times) * 1000:9.1f} ms  queries {len(captured):4d}"
    )
    if floors:
        floor = min(floors)
        line += f"  floor {floor * 1000:8.1f} ms  ratio {best / floor:7.2f}x"
    return line


def prepare(size: int, seed: int) -> tuple[Context, str]:
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db.models import Count
    from django.test import Client

    from skillframe.assessments.models import Cycle, LatestRating, Rating
    from skillframe.demo.scale import ROOT, build
    from skillframe.frameworks.loading import load_framework
    from skillframe.frameworks.models import Framework
    from skillframe.frameworks.seeds import seed_specs
    from skillframe.people.models import OrgUnit, Person

    call_command("migrate", verbosity=0)
    built = ""
    if not OrgUnit.objects.filter(code=ROOT).exists():
        if not Framework.objects.exists():
            for spec in seed_specs():
                load_framework(spec)
        result = build(size, seed)
        built = f", built in {result.seconds:.0f} s"
    people = Person.objects.filter(employee_id__startswith="SC-")
    # A line manager of specialists only, and one of their reports with current ratings.
    manager = (
        people.annotate(n=Count("reports"))
        .filter(n__gte=5)
        .exclude(reports__reports__isnull=False)  # a team of specialists only
        .order_by("-employee_id")
        .first()
    )
    assert manager is not None
    team = list(manager.reports.order_by("employee_id"))
    rated = set(LatestRating.objects.filter(person__in=team).values_list("person_id", flat=True))
    person = next(p for p in team if p.pk in rated)
    hr_user = people.get(employee_id="SC-000000").user
    clients = []
    for user in (hr_user, manager.user):
        client = Client()
        client.force_login(User.objects.get(pk=user.pk))
        clients.append(client)
    cycle = Cycle.objects.get(status=Cycle.Status.OPEN, name__startswith="Scale review")
    summary = (
        f"{people.count()} people, {OrgUnit.objects.count()} units, "
        f"{Rating.objects.count()} ratings, {LatestRating.objects.count()} current{built}"
    )
    ctx = Context(clients[0], clients[1], manager, person, [p.pk for p in team], cycle.pk, size)
    return ctx, summary


def one_size(args: argparse.Namespace) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "skillframe.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    ctx, summary = prepare(args.size, args.seed)
    print(f"N = {args.size} on {connection.vendor}: {summary}", flush=True)
    for entry in ENTRIES:
        if args.only and not any(word in entry.name for word in args.only):
            continue
        print(measure(entry, ctx, args.rounds), flush=True)


def database_for(size: int, seed: int) -> dict[str, str]:
    """Environment for the child process of one size: its own database."""
    env = dict(os.environ)
    url = env.get("SKILLFRAME_DATABASE_URL", "").strip()
    if url:
        import psycopg

        parts = urlsplit(url)
        name = f"{parts.path.lstrip('/')}_org{size}_s{seed}"
        with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as c:
            if not c.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
                c.execute(f'CREATE DATABASE "{name}"')
        env["SKILLFRAME_DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{name}"))
    else:
        data = Path(tempfile.gettempdir()) / "skillframe-bench-org" / f"{size}-s{seed}"
        data.mkdir(parents=True, exist_ok=True)
        env["SKILLFRAME_DATA_DIR"] = str(data)
    return env


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated N")
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)  # one size (child process)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--only", nargs="*", default=[], help="entries whose name contains …")
    args = parser.parse_args()
    if args.size is not None:
        one_size(args)
        return
    for size in (int(s) for s in args.sizes.split(",")):
        command = [sys.executable, __file__, "--size", str(size), "--rounds", str(args.rounds)]
        command += ["--seed", str(args.seed)]
        if args.only:
            command += ["--only", *args.only]
        subprocess.run(command, env=database_for(size, args.seed), check=True)


if __name__ == "__main__":
    main()
