"""Skills inventory search: "who has BACM-SMC at 3 or above (validated)", several conditions.

A query is a list of conditions `CODE>=LEVEL` (a NOS unit: `CODE`, meaning competent, i.e.
every applicable item). People of the scope who meet at least one condition are ranked by fit:
conditions met, then levels above the asked ones, then validated evidence, then name. One query
grouped by person; names come with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.utils import timezone

from skillframe.insights.org.cells import With, add_cells, fetch
from skillframe.insights.org.columns import element_columns
from skillframe.insights.org.kernel import Column
from skillframe.insights.org.scope import Scope
from skillframe.people.models import OrgUnit, Person

MAX_CONDITIONS = 10
LIMIT = 200
_CONDITION = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:>=\s*(\d+))?\s*$")


@dataclass(frozen=True)
class Condition:
    code: str
    level: int | None  # None: a NOS unit, competent

    def __str__(self) -> str:
        return self.code if self.level is None else f"{self.code}>={self.level}"


def parse(text: str) -> list[Condition]:
    """Conditions from "BACM-SMC>=3, PPM-PPL>=2 INSML005" (commas or spaces between);
    ValidationError({"query": …}) naming the part at fault."""
    parts = text.replace(",", " ").split()
    conditions = []
    for part in _join_levels(parts):
        match = _CONDITION.match(part)
        if match is None:
            raise ValidationError({"query": f"{part!r} is not CODE>=LEVEL (or CODE for NOS)"})
        level = int(match.group(2)) if match.group(2) else None
        conditions.append(Condition(match.group(1), level))
    if not conditions:
        raise ValidationError({"query": "give at least one condition, e.g. BACM-SMC>=3"})
    if len(conditions) > MAX_CONDITIONS:
        raise ValidationError({"query": f"{len(conditions)} conditions; at most {MAX_CONDITIONS}"})
    return conditions


def _join_levels(parts: list[str]) -> list[str]:
    """["A", ">=", "3"] and ["A>=", "3"] → ["A>=3"]."""
    joined: list[str] = []
    for part in parts:
        if joined and (joined[-1].endswith(">=") or part.startswith(">=")):
            joined[-1] += part
        else:
            joined.append(part)
    return joined


@dataclass(frozen=True)
class Match:
    employee_id: str
    name: str
    unit: str
    met: int
    conditions: int
    surplus: float
    validated: int
    values: tuple[float | None, ...]  # per condition, the person's value

    @property
    def fit(self) -> float:
        return self.met / self.conditions if self.conditions else 0.0


def resolve(conditions: list[Condition]) -> list[tuple[Condition, Column]]:
    """Each condition's element; a level for a skill, none for a NOS unit. ValidationError
    names the condition at fault."""
    try:
        columns = element_columns([c.code for c in conditions])
    except ValidationError as exc:
        raise ValidationError({"query": exc.messages}) from None
    by_code = {c.code.casefold(): c for c in columns}
    pairs = []
    for condition in conditions:
        column = by_code.get(condition.code.casefold())
        if column is None:
            raise ValidationError({"query": f"{condition.code} is not a skill or NOS unit"})
        if column.by_level and condition.level is None:
            raise ValidationError(
                {"query": f"{condition.code} is rated by level: {condition.code}>=N"}
            )
        pairs.append((condition, column))
    return pairs


def who(
    scope: Scope,
    conditions: list[Condition],
    *,
    validated_only: bool = True,
    today: date | None = None,
) -> list[Match]:
    """People of the scope meeting at least one condition, best fit first (at most LIMIT)."""
    today = today or timezone.localdate()
    pairs = resolve(conditions)
    columns = list({column.element_id: column for _, column in pairs}.values())
    w = With()
    add_cells(w, columns, scope.people, today=today, validated_only=validated_only)
    rows = " UNION ALL ".join(["SELECT %s AS pos, %s AS element_id, %s AS least"] * len(pairs))
    params: list[object] = []
    for pos, (condition, column) in enumerate(pairs):
        least = 1.0 if not column.by_level else float(condition.level or 0)
        params += [pos, column.element_id, least]
    w.add("q", rows, params)
    values = ", ".join(
        f"MAX(CASE WHEN q.pos = {pos} THEN cl.value END)" for pos in range(len(pairs))
    )
    person, unit, user = Person._meta.db_table, OrgUnit._meta.db_table, User._meta.db_table
    found = fetch(
        w.sql(
            "SELECT p.employee_id, u.first_name, u.last_name, u.username, o.name, "
            "SUM(CASE WHEN cl.value >= q.least THEN 1 ELSE 0 END) AS met, "
            "SUM(CASE WHEN cl.value >= q.least THEN cl.value - q.least ELSE 0 END) AS surplus, "
            "SUM(CASE WHEN cl.value >= q.least THEN cl.validated ELSE 0 END) AS checked, "
            f"{values} FROM cells cl JOIN q ON q.element_id = cl.element_id "
            f"JOIN {person} p ON p.id = cl.person_id JOIN {user} u ON u.id = p.user_id "
            f"JOIN {unit} o ON o.id = p.unit_id "
            "GROUP BY p.employee_id, u.first_name, u.last_name, u.username, o.name "
            "HAVING SUM(CASE WHEN cl.value >= q.least THEN 1 ELSE 0 END) > 0 "
            "ORDER BY met DESC, surplus DESC, checked DESC, u.last_name, u.first_name, "
            f"p.employee_id LIMIT {LIMIT}"
        ),
        w.params,
    )
    result = []
    for employee_id, first, last, username, unit_name, met, surplus, checked, *vals in found:
        name = f"{first} {last}".strip() or username
        result.append(
            Match(
                employee_id,
                name,
                unit_name,
                int(met),
                len(pairs),
                float(surplus),
                int(checked or 0),
                tuple(None if v is None else float(v) for v in vals),
            )
        )
    return result
