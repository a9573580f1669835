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

# openpyxl ships no type information.
from skillframe.audit.models import record
from skillframe.frameworks.formats.base import FormatError, Problem
from skillframe.frameworks.models import Element, ElementLookupError, Framework, choose_element
from skillframe.people.models import GOAL_KINDS, OrgGoal, OrgGoalWeight
from skillframe.people.roles_import import cell_text, header_name, parse_weight, read_rows

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
class GoalPlan:
    """What the file says about one goal, gathered from all of its rows."""

    title: str
    starts_on: date
    ends_on: date
    first_row: int
    description: str | None = None  # None: the file has no description column
    description_row: int = 0
    weights: list[WeightRow] = field(default_factory=list)

    @property
    def key(self) -> GoalKey:
        return (self.title, self.starts_on, self.ends_on)


@dataclass(frozen=True)
class ImportResult:
    created: list[OrgGoal]
    updated: list[OrgGoal]
    weights: int


def _text(value: object) -> str:
    """A cell as the person sees it; a date cell (XLSX) as YYYY-MM-DD."""
    if isinstance(value, datetime) and value.time() == datetime.min.time():
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return cell_text(value)


def parse_date(value: object) -> date | None:
    """A date cell, ISO `YYYY-MM-DD` or `DD/MM/YYYY` (day first, as in the UK); None if it is
    none of these or no real day (31/02/2025)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = cell_text(value)
    iso, dmy = _ISO.match(text), _DMY.match(text)
    try:
        if iso:
            return date(int(iso[1]), int(iso[2]), int(iso[3]))
        if dmy:
            return date(int(dmy[3]), int(dmy[2]), int(dmy[1]))
    except ValueError:
        return None
    return None


def _columns(header_row: int, header: list[object]) -> dict[str, int]:
    problems: list[Problem] = []
    columns: dict[str, int] = {}
    for index, value in enumerate(header):
        name = header_name(value)
        if not name:
            continue
        where = f"row {header_row}"
        if name not in COLUMNS:
            message = f"unknown column; use {', '.join(COLUMNS)}"
            problems.append(Problem(where, name, _text(value), message))
        elif name in columns:
            problems.append(Problem(where, name, _text(value), "column repeated"))
        else:
            columns[name] = index
    for name in REQUIRED:
        if name not in columns:
            problems.append(Problem(f"row {header_row}", name, "", "required column missing"))
    if problems:
        raise FormatError(problems)
    return columns


def parse(data: BinaryIO) -> list[GoalPlan]:
    """Read and validate the whole file; raise FormatError listing every problem found."""
    rows = read_rows(data, sheet=SHEET_TITLE)
    first = next(rows, None)
    if first is None:
        raise FormatError([Problem("row 1", "", "", "the file is empty: no header row")])
    header_row, header = first
    columns = _columns(header_row, header)
    body = [
        (number, {name: cells[i] if i < len(cells) else None for name, i in columns.items()})
        for number, cells in rows
    ]
    if not body:
        raise FormatError([Problem(f"row {header_row + 1}", "", "", "no rows below the header")])
    candidates = Element.objects.by_codes(_text(raw["element code"]) for _, raw in body)
    frameworks = set(Framework.objects.values_list("slug", flat=True))
    plans: dict[GoalKey, GoalPlan] = {}
    seen: dict[tuple[GoalKey, int], int] = {}  # (goal, element id) → row
    problems: list[Problem] = []

    for number, raw in body:
        values = {name: _text(value) for name, value in raw.items()}

        def problem(
            column: str, message: str, *, at: str = f"row {number}", row: dict[str, str] = values
        ) -> None:
            problems.append(Problem(at, column, row.get(column, ""), message))

        plan = _goal_plan(plans, raw, values, number, problem)
        element = None
        try:
            element = choose_element(
                values["element code"],
                values.get("framework") or None,
                candidates.get(values["element code"].upper(), []),
                frameworks,
            )
        except ElementLookupError as exc:
            problem("element code" if exc.field == "element" else "framework", str(exc))
        if element is not None and element.kind not in GOAL_KINDS:
            problem("element code", f"{element.code} is a {element.kind}; use {_KINDS_IN_WORDS}")
            element = None
        weight = parse_weight(values.get("weight", ""), problem)
        if element is None or plan is None:
            continue
        key = (plan.key, element.pk)
        if key in seen:
            problem(
                "element code",
                f"goal {plan.title!r} already weights {element.code} on row {seen[key]}",
            )
            continue
        seen[key] = number
        if weight is not None:
            plan.weights.append(WeightRow(number, element, weight))

    existing = _existing(list(plans))
    for plan in plans.values():
        if len(existing.get(plan.key, [])) > 1:
            problems.append(
                Problem(
                    f"row {plan.first_row}",
                    "goal title",
                    plan.title,
                    "several goals already have this title and period; make their titles "
                    "different on the goals pages first",
                )
            )
    if problems:
        problems.sort(key=_row_order)
        raise FormatError(problems)
    return list(plans.values())


def _row_order(problem: Problem) -> tuple[int, int]:
    # Problems found per row and per goal come out in file order; "file" would come last.
    where = problem.where
    return (0, int(where[4:])) if where.startswith("row ") else (1, 0)


def _goal_plan(
    plans: dict[GoalKey, GoalPlan],
    raw: dict[str, object],
    values: dict[str, str],
    number: int,
    problem: Any,
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
        day = parse_date(raw[column])
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
        plan = plans[key] = GoalPlan(title, starts_on, ends_on, number)
    if "goal description" not in values:
        return plan  # no such column: descriptions stay as they are
    description = values["goal description"]
    if plan.description is None:
        plan.description = ""  # the column is there: an empty description clears the old one
    if description and plan.description_row and description != plan.description:
        problem(
            "goal description",
            f"goal {title!r} has a different description on row {plan.description_row}",
        )
    elif description and not plan.description_row:
        plan.description, plan.description_row = description, number
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


def apply(plans: list[GoalPlan], *, actor: Any = None, source: str = "") -> ImportResult:
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


def import_goals(data: BinaryIO, *, actor: Any = None, source: str = "") -> ImportResult:
    """Validate the whole file, then save it atomically; raise FormatError on any problem."""
    return apply(parse(data), actor=actor, source=source)
