"""`skillframe demo --people N [--seed S]`: an organisation of N people, for measuring at scale.

Realistic in shape, made up in content (docs/demo.md, Demo at scale):

- a management tree with teams of about eight (5–11 direct reports, mean 8): every manager
  heads a unit, units nest as the reporting lines do (organisation → divisions → departments →
  teams), so 100,000 people make about 12,500 units;
- role profiles on both seed frameworks: AXELOS roles of 6–9 skills with target levels the
  skills define, NOS roles of one or two units judged item by item (criteria and knowledge);
- three yearly cycles (two closed, this year's open): self ratings and the line manager's
  review of them — mostly agreeing, more often tempering than raising, with a comment when
  adjusting — people growing a little from one cycle to the next; this year's cycle has every
  state (not started, draft, submitted, reviewed); the maintained current-rating table
  (LatestRating) is rebuilt from that history at the end.

Rows are written set-based: explicit ids (the sequences are reset at the end), tuples built in
Python per chunk of people and written by PostgreSQL's COPY or SQLite's executemany — not one
`record_rating` per rating as the small demo does (that is ~4 queries a rating: hours at this
size). The values obey the same rules `record_rating` checks (levels the skill defines, items of
the role's units, the rater is the line manager, a comment when the manager adjusts).
"""

from __future__ import annotations

import random
import secrets
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from typing import Any

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import timezone

from skillframe.assessments import latest
from skillframe.assessments.models import Cycle, Rating, SelfAssessment
from skillframe.audit.models import record
from skillframe.demo.data import ADJUST_COMMENTS, PROJECTS
from skillframe.frameworks.kinds import ElementKind
from skillframe.frameworks.models import Element
from skillframe.people.models import OrgUnit, Person, RoleProfile, RoleRequirement

ROOT = "scale-org"
PREFIX = "scale"
CHUNK_PEOPLE = 2000  # people whose rows are built and written at a time (bounded memory)
FANOUT = (5, 11)  # direct reports of a manager: mean 8

Progress = Callable[[str, int, int], None]  # (stage, done, total)

FIRST = [
    "Amira", "Ben", "Chloe", "Dev", "Ella", "Femi", "Grace", "Hugo", "Isla", "Jonah", "Kai",
    "Leah", "Mateo", "Nia", "Oscar", "Priya", "Quinn", "Rosa", "Sami", "Tara", "Umar", "Vera",
    "Will", "Xin", "Yusuf", "Zara",
]  # fmt: skip
LAST = [
    "Adams", "Bello", "Chen", "Dubois", "Evans", "Fischer", "Garcia", "Hughes", "Ito", "Jones",
    "Khan", "Lopez", "Murphy", "Novak", "Okafor", "Patel", "Quist", "Rossi", "Singh", "Taylor",
    "Usman", "Vargas", "Wong", "Young", "Zielinski",
]  # fmt: skip
DEPTH_NAMES = ["Division", "Department", "Group", "Team"]

# AXELOS roles: (code, title, skill code prefixes to draw from).
AXELOS_ROLES = [
    ("project-manager", "Project manager", ("PPM-", "LP-")),
    ("programme-manager", "Programme manager", ("PPM-", "BC-")),
    ("business-analyst", "Business analyst", ("BACM-",)),
    ("change-manager", "Change manager", ("BACM-", "LP-")),
    ("service-desk-analyst", "Service desk analyst", ("ITSM-",)),
    ("incident-manager", "Incident manager", ("ITSM-", "LP-")),
    ("service-owner", "Service owner", ("ITSM-", "BC-")),
    ("commercial-manager", "Commercial manager", ("BC-", "LP-")),
]
NOS_ROLES = [
    ("scale-team-leader", "Team leader (NOS)", 2),
    ("scale-operations-lead", "Operations lead (NOS)", 1),
]


class ScaleError(Exception):
    """The organisation cannot be built here; the message says why."""


@dataclass
class ScaleResult:
    people: int = 0
    units: int = 0
    roles: int = 0
    assessments: int = 0
    ratings: int = 0
    current: int = 0  # LatestRating rows
    seconds: float = 0.0
    logins: list[tuple[str, str, str]] = field(default_factory=list)  # (username, what, password)


@dataclass
class RoleSpec:
    pk: int
    skills: list[tuple[int, int, list[int]]]  # (skill id, target, defined levels)
    items: list[int]  # NOS item ids (criteria and knowledge items of the role's units)
    titles: dict[int, str] = field(default_factory=dict)  # element id → what comments name


@dataclass
class Tree:
    """The people in breadth-first order: index 0 is the head of the organisation."""

    manager: list[int]  # index of the line manager (-1 for the head)
    unit: list[int]  # index of the unit each person belongs to
    heads: list[int]  # unit index → the person heading it
    parent: list[int]  # unit index → parent unit index (-1 for the root)
    depth: list[int]  # unit index → depth (0: the organisation)


def build_tree(n: int, rng: random.Random) -> Tree:
    """Managers with 5–11 reports each (breadth first): every manager heads a unit; a person
    who manages nobody belongs to their manager's unit."""
    manager = [-1] * n
    reports: list[list[int]] = [[] for _ in range(n)]
    nxt, queue = 1, 0
    while nxt < n:
        count = min(rng.randint(*FANOUT), n - nxt)
        for child in range(nxt, nxt + count):
            manager[child] = queue
            reports[queue].append(child)
        nxt += count
        queue += 1
    unit = [-1] * n
    heads: list[int] = []
    parent: list[int] = []
    depth: list[int] = []
    for person in range(n):  # breadth first: a manager's unit exists before their reports'
        boss = manager[person]
        if reports[person] or person == 0:
            heads.append(person)
            parent.append(unit[boss] if boss >= 0 else -1)
            depth.append(depth[unit[boss]] + 1 if boss >= 0 else 0)
            unit[person] = len(heads) - 1
        else:
            unit[person] = unit[boss]
    return Tree(manager, unit, heads, parent, depth)


class Writer:
    """Rows into a table with explicit ids: COPY on PostgreSQL, executemany on SQLite."""

    def __init__(self) -> None:
        self.postgres = connection.vendor == "postgresql"
        self.ops = connection.ops

    def when(self, value: datetime | None) -> Any:
        if value is None or self.postgres:
            return value
        # What Django's SQLite adapter stores (naive UTC, ISO with a space), without its
        # per-value checks: this runs for every rating.
        return str(value.astimezone(UTC).replace(tzinfo=None))

    def day(self, value: date | None) -> Any:
        if value is None or self.postgres:
            return value
        return self.ops.adapt_datefield_value(value)

    def write(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
        names = ", ".join(columns)
        count = 0
        with connection.cursor() as cursor:
            if self.postgres:
                raw = cursor.cursor
                with raw.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
                        count += 1
                return count
            marks = ", ".join(["%s"] * len(columns))
            sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"
            batch: list[Sequence[Any]] = []
            for row in rows:
                batch.append(row)
                if len(batch) >= 5000:
                    cursor.executemany(sql, batch)
                    count += len(batch)
                    batch = []
            if batch:
                cursor.executemany(sql, batch)
                count += len(batch)
        return count


def _next_id(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}")
        return int(cursor.fetchone()[0])


def _roles(rng: random.Random) -> list[RoleSpec]:
    skills = list(Element.objects.filter(framework__slug="axelos", kind=ElementKind.SKILL))
    units = list(Element.objects.filter(framework__slug="nos-ml", kind=ElementKind.UNIT))
    if not skills or not units:
        raise ScaleError("load the seed frameworks first: skillframe frameworks load-seeds")
    defined = Element.objects.defined_levels(s.pk for s in skills)
    items_by_unit = Element.objects.item_ids_by_unit(u.pk for u in units)
    # The NOS units with the fewest items: a person judges every item of their role's units.
    small_units = sorted((u for u in units if items_by_unit.get(u.pk)), key=lambda u: (
        len(items_by_unit[u.pk]), u.code))  # fmt: skip
    specs: list[RoleSpec] = []
    for code, title, prefixes in AXELOS_ROLES:
        pool = [s for s in skills if s.code.startswith(prefixes) and defined.get(s.pk)]
        chosen = rng.sample(pool, min(len(pool), rng.randint(6, 9)))
        role = RoleProfile.objects.create(
            code=f"{PREFIX}-{code}", title=title, description="Demo at scale (made up)."
        )
        entries = []
        for s in chosen:
            levels = sorted(defined[s.pk])
            target = min(levels, key=lambda n: (abs(n - rng.choice([2, 3, 3, 4])), n))
            entries.append((s.pk, target, levels))
        RoleRequirement.objects.bulk_create(
            RoleRequirement(
                role=role,
                element_id=pk,
                target_level=target,
                importance="essential" if i < 5 else "desirable",
                position=i,
            )
            for i, (pk, target, _) in enumerate(entries, start=1)
        )
        specs.append(RoleSpec(role.pk, entries, [], {s.pk: s.title for s in chosen}))
    offset = 0
    for code, title, count in NOS_ROLES:
        chosen_units = small_units[offset : offset + count]
        offset += count
        role = RoleProfile.objects.create(
            code=code, title=title, description="Demo at scale (made up)."
        )
        RoleRequirement.objects.bulk_create(
            RoleRequirement(role=role, element=u, position=i)
            for i, u in enumerate(chosen_units, start=1)
        )
        items = [item for u in chosen_units for item in items_by_unit[u.pk]]
        titles = {item: u.title for u in chosen_units for item in items_by_unit[u.pk]}
        specs.append(RoleSpec(role.pk, [], items, titles))
    return specs


class Builder:
    def __init__(self, people: int, seed: int, today: date, progress: Progress) -> None:
        self.n, self.rng, self.today, self.progress = people, random.Random(seed), today, progress
        self.w = Writer()
        self.result = ScaleResult()

    def run(self) -> ScaleResult:
        started = time.perf_counter()
        if OrgUnit.objects.filter(code=ROOT).exists():
            raise ScaleError(
                f"an organisation at scale is already loaded (unit {ROOT!r}); use a new database"
            )
        self.roles = _roles(self.rng)
        self.result.roles = len(self.roles)
        tree = build_tree(self.n, self.rng)
        self._units(tree)
        self._people(tree)
        self._cycles()
        self._history(tree)
        self.progress("current ratings", 0, 1)
        self.result.current = latest.rebuild()
        self.progress("current ratings", 1, 1)
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(
                no_style(), [User, Person, OrgUnit, SelfAssessment, Rating]
            ):
                cursor.execute(sql)
        self._logins(tree)
        self.result.seconds = time.perf_counter() - started
        return self.result

    # --- organisation --------------------------------------------------------------------

    def _units(self, tree: Tree) -> None:
        self.unit_base = _next_id("people_orgunit")
        counters: dict[int, int] = {}

        def rows() -> Iterator[tuple[Any, ...]]:
            for index, depth in enumerate(tree.depth):
                counters[depth] = counters.get(depth, 0) + 1
                kind = DEPTH_NAMES[min(depth, len(DEPTH_NAMES)) - 1] if depth else ""
                name = f"{kind} {counters[depth]}" if depth else "Scale Organisation"
                parent = tree.parent[index]
                code = ROOT if index == 0 else f"{PREFIX}-u{index}"
                yield (
                    self.unit_base + index,
                    code,
                    name,
                    self.unit_base + parent if parent >= 0 else None,
                )

        self.result.units = self.w.write(
            "people_orgunit", ["id", "code", "name", "parent_id"], rows()
        )

    def _people(self, tree: Tree) -> None:
        self.user_base = _next_id("auth_user")
        self.person_base = _next_id("people_person")
        rng, now = self.rng, self.w.when(timezone.now())
        # Each person's role (an index into self.roles) and target role (or -1).
        axelos = [i for i, r in enumerate(self.roles) if r.skills]
        nos = [i for i, r in enumerate(self.roles) if r.items]
        self.role_of = [rng.choice(nos) if rng.random() < 0.2 else rng.choice(axelos)
                        for _ in range(self.n)]  # fmt: skip
        target_of = [rng.randrange(len(self.roles)) if rng.random() < 0.15 else -1
                     for _ in range(self.n)]  # fmt: skip
        users, persons = [], []
        for i in range(self.n):
            first, last = FIRST[i % len(FIRST)], LAST[(i // len(FIRST)) % len(LAST)]
            username = f"{PREFIX}{i:06d}"
            users.append(
                (self.user_base + i, "!", False, username, first, last,
                 f"{username}@example.org", False, True, now)
            )  # fmt: skip
            role = self.roles[self.role_of[i]].pk
            target = self.roles[target_of[i]].pk if target_of[i] >= 0 else None
            boss = tree.manager[i]
            persons.append(
                (self.person_base + i, self.user_base + i, f"SC-{i:06d}",
                 "Manager" if tree.heads[tree.unit[i]] == i else "Specialist",
                 self.unit_base + tree.unit[i], self.person_base + boss if boss >= 0 else None,
                 role, target if target != role else None)
            )  # fmt: skip
        self.w.write(
            "auth_user",
            ["id", "password", "is_superuser", "username", "first_name", "last_name", "email",
             "is_staff", "is_active", "date_joined"],
            users,
        )  # fmt: skip
        self.result.people = self.w.write(
            "people_person",
            ["id", "user_id", "employee_id", "job_title", "unit_id", "manager_id",
             "current_role_id", "target_role_id"],
            persons,
        )  # fmt: skip
        self.progress("people", self.n, self.n)

    def _cycles(self) -> None:
        root = OrgUnit.objects.get(code=ROOT)
        today = self.today
        self.cycles: list[Cycle] = []
        for back in (2, 1, 0):
            starts = today - timedelta(days=365 * back + (30 if back == 0 else 60))
            cycle = Cycle.objects.create(
                name=f"Scale review {today.year - back}",
                starts_on=starts,
                ends_on=starts + timedelta(days=90),
                status=Cycle.Status.CLOSED if back else Cycle.Status.OPEN,
            )
            cycle.units.add(root)
            self.cycles.append(cycle)

    # --- history -------------------------------------------------------------------------

    def _history(self, tree: Tree) -> None:
        self.assessment_id = _next_id("assessments_selfassessment")
        self.rating_id = _next_id("assessments_rating")
        ability = [self.rng.choice([-1, 0, 0, 0, 1]) for _ in range(self.n)]
        for start in range(0, self.n, CHUNK_PEOPLE):
            people = range(start, min(start + CHUNK_PEOPLE, self.n))
            assessments: list[tuple[Any, ...]] = []
            ratings: list[tuple[Any, ...]] = []
            for i in people:
                self._person_history(tree, i, ability[i], assessments, ratings)
            self.result.assessments += self.w.write(
                "assessments_selfassessment",
                ["id", "person_id", "cycle_id", "role_id", "status", "started_at",
                 "submitted_at", "reviewed_at"],
                assessments,
            )  # fmt: skip
            self.result.ratings += self.w.write(
                "assessments_rating",
                ["id", "person_id", "element_id", "level", "competence", "source", "rater_id",
                 "comment", "confidence", "statements_met", "cycle_id", "assessment_id",
                 "next_review_on", "created_at"],
                ratings,
            )  # fmt: skip
            self.progress("ratings", people.stop, self.n)

    def _person_history(
        self,
        tree: Tree,
        i: int,
        ability: int,
        assessments: list[tuple[Any, ...]],
        ratings: list[tuple[Any, ...]],
    ) -> None:
        rng, w = self.rng, self.w
        spec = self.roles[self.role_of[i]]
        person, user = self.person_base + i, self.user_base + i
        boss = tree.manager[i]
        for number, cycle in enumerate(self.cycles):
            is_open = cycle.status == Cycle.Status.OPEN
            roll = rng.random()
            if is_open:
                status = (None if roll < 0.25 else "draft" if roll < 0.45
                          else "submitted" if roll < 0.7 else "reviewed")  # fmt: skip
            else:
                status = None if roll < 0.1 else "reviewed"
            if status is None:
                continue
            if status == "reviewed" and boss < 0:
                status = "submitted"  # the head of the organisation has no line manager
            latest_day = self.today - timedelta(days=1)
            started = min(cycle.starts_on + timedelta(days=rng.randint(0, 20)), latest_day)
            submitted = min(started + timedelta(days=rng.randint(1, 10)), latest_day)
            reviewed = min(submitted + timedelta(days=rng.randint(1, 14)), latest_day)
            at = _at(submitted, 10, rng.randint(0, 50))
            manager_at = _at(reviewed, 14, rng.randint(0, 50))
            assessment = self.assessment_id
            self.assessment_id += 1
            assessments.append(
                (assessment, person, cycle.pk, spec.pk, status, w.when(_at(started, 9, 0)),
                 w.when(at + timedelta(hours=1)) if status != "draft" else None,
                 w.when(manager_at + timedelta(hours=1)) if status == "reviewed" else None)
            )  # fmt: skip
            due = w.day(reviewed + timedelta(days=365))
            growth = number // 2  # people stand a little higher in later cycles
            steps: list[tuple[int, int | None, str]] = []  # (element, level, competence)
            for pk, target, levels in spec.skills:
                wanted = target + ability + growth - 1 + rng.choice([-1, 0, 0, 1])
                steps.append((pk, min(levels, key=lambda n: (abs(n - wanted), n)), ""))
            readiness = rng.choice([0.95, 0.85, 0.7])
            for pk in spec.items:
                steps.append((pk, None, "competent" if rng.random() < readiness else "not-yet"))
            if status == "draft":
                steps = steps[: max(1, len(steps) // 2)]
            for pk, level, competence in steps:
                at += timedelta(seconds=rng.randint(20, 300))
                ratings.append(
                    (self.rating_id, person, pk, level, competence, "self", user, "",
                     rng.randint(2, 5) if level is not None else None, "[]", cycle.pk,
                     assessment, None, w.when(at))
                )  # fmt: skip
                self.rating_id += 1
                if status != "reviewed":
                    continue
                manager_at += timedelta(seconds=rng.randint(20, 240))
                new_level, new_competence, comment = self._review(spec, pk, level, competence)
                ratings.append(
                    (self.rating_id, person, pk, new_level, new_competence, "manager",
                     self.user_base + boss, comment, None, "[]", cycle.pk, assessment, due,
                     w.when(manager_at))
                )  # fmt: skip
                self.rating_id += 1

    def _review(
        self, spec: RoleSpec, pk: int, level: int | None, competence: str
    ) -> tuple[int | None, str, str]:
        """The manager's value: mostly agreeing; adjusting (more often down) with a comment."""
        rng = self.rng
        if level is not None:
            levels = next(defined for skill, _, defined in spec.skills if skill == pk)
            roll = rng.random()
            down = [n for n in levels if n < level]
            up = [n for n in levels if n > level]
            if roll < 0.25 and down:
                return down[-1], "", self._comment("lower", spec.titles[pk], down[-1])
            if roll < 0.35 and up:
                return up[0], "", self._comment("higher", spec.titles[pk], up[0])
            return level, "", ""
        if rng.random() < 0.04:
            flipped = "not-yet" if competence == "competent" else "competent"
            return None, flipped, self._comment(flipped, spec.titles[pk], None)
        return None, competence, ""

    def _comment(self, kind: str, title: str, level: int | None) -> str:
        text = self.rng.choice(ADJUST_COMMENTS[kind])
        return text.format(skill=title, level=level, project=self.rng.choice(PROJECTS))

    def _logins(self, tree: Tree) -> None:
        """Two logins to look around with: the head of the organisation (HR admin of all of
        it) and a division head (a manager with a deep reporting subtree)."""
        chosen = [(0, "HR admin of the whole organisation")]
        if len(tree.heads) > 1:
            chosen.append((tree.heads[1], "manager of a division"))
        root = OrgUnit.objects.get(code=ROOT)
        for index, what in chosen:
            password = secrets.token_urlsafe(12)
            User.objects.filter(pk=self.user_base + index).update(password=make_password(password))
            if index == 0:
                Person.objects.get(pk=self.person_base).hr_units.add(root)
            self.result.logins.append((f"{PREFIX}{index:06d}", what, password))


def _at(day: date, hour: int, minute: int) -> datetime:
    return datetime.combine(day, clock(hour, minute), tzinfo=UTC)


def build(
    people: int,
    seed: int = 1,
    *,
    today: date | None = None,
    progress: Progress | None = None,
) -> ScaleResult:
    """Build the organisation in one transaction (all or nothing)."""
    if people < 1:
        raise ScaleError(f"--people must be at least 1, not {people}")
    builder = Builder(people, seed, today or timezone.localdate(), progress or _quiet)
    with transaction.atomic():
        result = builder.run()
        record(
            None,
            "demo.scale",
            people=result.people,
            units=result.units,
            ratings=result.ratings,
            seed=seed,
        )
    return result


def _quiet(stage: str, done: int, total: int) -> None:
    return None
