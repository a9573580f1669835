"""Import organisation goals from a CSV or XLSX file: one row per weighted element.

Columns (header row, any order, case and `_`/`-` ignored): `goal title`, `starts on`, `ends on`,
`element code` (required); `goal description`, `framework`, `weight` (optional, default 1). Rows
with the same goal title and period (starts on, ends on) form one goal. The whole file is
validated first; every problem is reported with its row, column and value, and nothing is saved
unless there is none. A goal already present (same title and period) keeps its identity, has its
description updated (when the file has that column) and its weights replaced by the file's;
goals not in the file are left alone. See docs/roles.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, BinaryIO

from django.db import transaction

from skillframe.audit.models import record
from skillframe.frameworks.models import Element
from skillframe.importing.problems import FormatError, Problem
from skillframe.importing.spreadsheets import cell_text, read_rows
from skillframe.importing.tables import Columns, Record, read_table
from skillframe.people.access import Viewer
from skillframe.people.import_rows import Described, ElementRows, Report, reporter, row_values
from skillframe.people.models import GOAL_KINDS, OrgGoal, OrgGoalWeight
from skillframe.people.roles_import import parse_weight

COLUMNS = (
    "goal title",
    "goal description",
    "starts on",
    "ends on",
    "element code",
    "framework",
    "weight",
)
REQUIRED = ("goal title", "starts on", "ends on", "element code")
GOAL_COLUMNS = Columns(COLUMNS, REQUIRED, missing_shows_header=False)
SHEET_TITLE = "goals"
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DMY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_KINDS_IN_WORDS = "a skill family, group, skill or NOS standard (unit)"

GoalKey = tuple[str, date, date]  # (title, starts on, ends on)


@dataclass(frozen=True)
class WeightRow:
    row: int
    element: Element
    weight: float


@dataclass
class GoalPlan(Described):
    """What the file says about one goal, gathered from all of its rows."""

    title: str
    starts_on: date
    ends_on: date
    first_row: int
    weights: list[WeightRow] = field(default_factory=list)

    @property
    def key(self) -> GoalKey:
        return (self.title, self.starts_on, self.ends_on)


@dataclass(frozen=True)
class ImportResult:
    created: list[OrgGoal]
    updated: list[OrgGoal]
    weights: int

    @property
    def details(self) -> str:
        return f"{self.weights} weight(s)"


def parse_date(value: object) -> date | None:
    """A date cell, ISO `YYYY-MM-DD` or `DD/MM/YYYY` (day first, as in the UK); None if it is
    none of these or no real day (31/02/2025)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = cell_text(value).strip()
    iso, dmy = _ISO.match(text), _DMY.match(text)
    try:
        if iso:
            return date(int(iso[1]), int(iso[2]), int(iso[3]))
        if dmy:
            return date(int(dmy[3]), int(dmy[2]), int(dmy[1]))
    except ValueError:
        return None
    return None


def parse(data: BinaryIO) -> list[GoalPlan]:
    """Read and validate the whole file; raise FormatError listing every problem found."""
    table = read_table(read_rows(data, sheet=SHEET_TITLE), GOAL_COLUMNS)
    body = list(table.records())
    if not body:
        raise table.no_rows()
    elements = ElementRows(body)
    plans: dict[GoalKey, GoalPlan] = {}
    problems = table.problems

    for row in body:
        values = row_values(row)
        problem = reporter(table, problems, row, values)
        plan = _goal_plan(plans, row, values, problem)
        element = elements.element(values, problem)
        if element is not None and element.kind not in GOAL_KINDS:
            problem("element code", f"{element.code} is a {element.kind}; use {_KINDS_IN_WORDS}")
            element = None
        weight = parse_weight(values.get("weight", ""), problem)
        if element is None or plan is None:
            continue
        earlier = elements.earlier_row(plan.key, element, row.number)
        if earlier is not None:
            message = f"goal {plan.title!r} already weights {element.code} on row {earlier}"
            problem("element code", message)
            continue
        if weight is not None:
            plan.weights.append(WeightRow(row.number, element, weight))

    existing = _existing(list(plans))
    for plan in plans.values():
        if len(existing.get(plan.key, [])) > 1:
            message = (
                "several goals already have this title and period; make their titles "
                "different on the goals pages first"
            )
            problems.append(table.problem(plan.first_row, "goal title", plan.title, message))
    if problems:
        problems.sort(key=_row_order)
        raise FormatError(problems)
    return list(plans.values())


def _row_order(problem: Problem) -> tuple[int, int]:
    # Problems found per row and per goal come out in file order; "file" would come last.
    where = problem.where
    return (0, int(where[4:])) if where.startswith("row ") else (1, 0)


def _goal_plan(
    plans: dict[GoalKey, GoalPlan], row: Record, values: dict[str, str], problem: Report
) -> GoalPlan | None:
    """The goal this row belongs to, or None (after reporting why) when it names none."""
    title = values["goal title"]
    if not title:
        problem("goal title", "required")
    elif len(title) > 255:
        problem("goal title", "longer than 255 characters")
        title = ""
    dates: list[date | None] = []
    for column in ("starts on", "ends on"):
        if not values[column]:
            problem(column, "required: a date such as 2025-01-31 or 31/01/2025")
            dates.append(None)
            continue
        day = parse_date(row.raw(column))
        if day is None:
            problem(column, "not a date: use YYYY-MM-DD or DD/MM/YYYY (e.g. 2025-01-31)")
        dates.append(day)
    starts_on, ends_on = dates
    if starts_on is None or ends_on is None or not title:
        return None
    if ends_on < starts_on:
        problem("ends on", f"the goal ends before it starts ({starts_on.isoformat()})")
        return None
    key = (title, starts_on, ends_on)
    plan = plans.get(key)
    if plan is None:
        plan = plans[key] = GoalPlan(title, starts_on, ends_on, row.number)
    plan.take_description(values, "goal description", f"goal {title!r}", row.number, problem)
    return plan


def _existing(keys: list[GoalKey]) -> dict[GoalKey, list[OrgGoal]]:
    """{(title, starts on, ends on): goals already saved with it}, in one query. Nothing makes a
    goal's title and period unique, so there may be several: the import then cannot tell
    which one the file means."""
    found: dict[GoalKey, list[OrgGoal]] = {}
    wanted = set(keys)
    rows = OrgGoal.objects.filter(title__in={title for title, _, _ in wanted}).order_by("pk")
    for goal in rows:
        key = (goal.title, goal.starts_on, goal.ends_on)
        if key in wanted:
            found.setdefault(key, []).append(goal)
    return found


def apply(plans: list[GoalPlan], *, actor: Viewer | None = None, source: str = "") -> ImportResult:
    """Save validated plans in one transaction: create or update each goal, replace its
    weights and record one audit event."""
    created: list[OrgGoal] = []
    updated: list[OrgGoal] = []
    count = 0
    with transaction.atomic():
        existing = _existing([plan.key for plan in plans])
        for plan in plans:
            found = existing.get(plan.key, [])
            if len(found) > 1:  # made ambiguous since the file was checked (--dry-run first)
                message = "several goals already have this title and period"
                raise FormatError(
                    [Problem(f"row {plan.first_row}", "goal title", plan.title, message)]
                )
            if not found:
                goal = OrgGoal.objects.create(
                    title=plan.title,
                    description=plan.description or "",
                    starts_on=plan.starts_on,
                    ends_on=plan.ends_on,
                )
                created.append(goal)
            else:
                goal = found[0]
                if plan.description is not None and plan.description != goal.description:
                    goal.description = plan.description
                    goal.save(update_fields=["description"])
                goal.weights.all().delete()
                updated.append(goal)
            OrgGoalWeight.objects.bulk_create(
                OrgGoalWeight(goal=goal, element=row.element, weight=row.weight)
                for row in plan.weights
            )
            count += len(plan.weights)
        record(
            actor,
            "goals.import",
            source or "organisation goals file",
            created=[_summary(goal) for goal in created],
            updated=[_summary(goal) for goal in updated],
            weights=count,
        )
    return ImportResult(created, updated, count)


def _summary(goal: OrgGoal) -> dict[str, Any]:
    return {
        "id": goal.pk,
        "title": goal.title,
        "starts_on": goal.starts_on.isoformat(),
        "ends_on": goal.ends_on.isoformat(),
    }


def preview(plans: list[GoalPlan]) -> ImportResult:
    """What `apply` would do with validated plans, changing nothing: the goals it would
    create are not saved (no id)."""
    existing = _existing([plan.key for plan in plans])
    created: list[OrgGoal] = []
    updated: list[OrgGoal] = []
    for plan in plans:
        found = existing.get(plan.key)
        if found:
            updated.append(found[0])
        else:
            goal = OrgGoal(title=plan.title, starts_on=plan.starts_on, ends_on=plan.ends_on)
            created.append(goal)
    return ImportResult(created, updated, sum(len(plan.weights) for plan in plans))


def import_goals(
    data: BinaryIO, *, actor: Viewer | None = None, source: str = "", dry_run: bool = False
) -> ImportResult:
    """Validate the whole file, then save it atomically (`dry_run`: only say what it would
    do); raise FormatError on any problem."""
    plans = parse(data)
    return preview(plans) if dry_run else apply(plans, actor=actor, source=source)
