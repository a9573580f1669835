"""Trends across cycles and alignment with the organisation's goals.

Capability per element across the last cycles: the validated ratings as they stood at the end of
each cycle (`current_sql(as_of=…)` over the append-only history), for the people of the scope
now, counted in SQL per element (one query per cycle: the number of cycles, not of people, sets
the count). Per element and cycle: people with a validated value, the mean value and the share at
target (of the scope's people).

Goal alignment: the share of the scope's open plan objectives whose element an active
organisation goal weights (itself, or its family/group or NOS unit above it), one query.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Q
from django.utils import timezone

from skillframe.assessments.models import Cycle
from skillframe.development.models import Objective
from skillframe.insights.org import kernel
from skillframe.insights.org.cells import With, add_cells, fetch
from skillframe.insights.org.charts import Point, chart_id, line_chart
from skillframe.insights.org.kernel import Column
from skillframe.insights.org.scope import Scope
from skillframe.people.models import OrgGoalWeight

MAX_CYCLES = 8


@dataclass(frozen=True)
class TrendPoint:
    cycle: str
    ends_on: date
    people: int
    known: int
    mean: float | None
    share_at_target: float | None


@dataclass(frozen=True)
class Trend:
    column: Column
    points: list[TrendPoint]

    def svg(self) -> str:
        top = 5.0 if self.column.by_level else 1.0
        points = [
            Point(
                p.cycle,
                p.mean,
                "—"
                if p.mean is None
                else (f"{p.mean:.1f}" if self.column.by_level else f"{p.mean:.0%}"),
            )
            for p in self.points
        ]
        title = f"{self.column.code}: mean validated value per cycle"
        return line_chart(title, points, top, chart_id(self.column.code))


def cycles(limit: int = MAX_CYCLES) -> list[Cycle]:
    """The last cycles that have ended or are running, oldest first."""
    latest = Cycle.objects.order_by("-ends_on", "-pk")[:limit]
    return sorted(latest, key=lambda c: (c.ends_on, c.pk))


def _end(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


def trends(scope: Scope, columns: Sequence[Column], limit: int = MAX_CYCLES) -> list[Trend]:
    people = scope.people.count()
    points: dict[int, list[TrendPoint]] = {c.element_id: [] for c in columns}
    for cycle in cycles(limit):
        counts: dict[int, list[tuple[float, int, int]]] = {}
        if columns and people:
            w = With()
            add_cells(
                w,
                columns,
                scope.people,
                today=cycle.ends_on,
                validated_only=True,
                as_of=_end(cycle.ends_on),
            )
            rows = fetch(
                w.sql("SELECT element_id, value, COUNT(*) FROM cells GROUP BY element_id, value"),
                w.params,
            )
            for element_id, value, n in rows:
                counts.setdefault(element_id, []).append((float(value), int(n), int(n)))
        for column in columns:
            found = counts.get(column.element_id, [])
            cell = kernel.group_cell(column, people, found)
            total = sum(v * n for v, n, _ in found)
            points[column.element_id].append(
                TrendPoint(
                    cycle.name,
                    cycle.ends_on,
                    people,
                    cell.known,
                    total / cell.known if cell.known else None,
                    cell.share_at_target() if column.has_target else None,
                )
            )
    return [Trend(c, points[c.element_id]) for c in columns]


@dataclass(frozen=True)
class Alignment:
    objectives: int
    aligned: int

    @property
    def share(self) -> float | None:
        return self.aligned / self.objectives if self.objectives else None


def alignment(scope: Scope, today: date | None = None) -> Alignment:
    """Open objectives of the scope's people's plans, and those an active goal weights."""
    today = today or timezone.localdate()
    goals = OrgGoalWeight.objects.filter(
        goal__starts_on__lte=today, goal__ends_on__gte=today
    ).values("element_id")
    objectives = Objective.objects.filter(
        plan__person__in=scope.people.values("pk"), status=Objective.Status.OPEN
    )
    aligned = (
        Q(element_id__in=goals)
        | Q(element__parent_id__in=goals)
        | Q(element__parent__parent_id__in=goals)
    )
    totals = objectives.aggregate(n=Count("pk"), aligned=Count("pk", filter=aligned))
    return Alignment(int(totals["n"]), int(totals["aligned"]))
