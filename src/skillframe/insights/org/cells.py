"""The heatmap's cells as SQL: one common table expression every organisation query builds on.

`cells` has one row per person of a scope × element of a view that has a value: (person_id,
element_id, value, validated, stale, missing), with the meaning of `kernel.py`: a level, or for
a NOS unit the share of its applicable items competent, the unit's own judgement standing in
for unjudged items (`assessments/attainment.py`). It reads `current.py`'s source, for people
given as a subquery (the access rule's SQL, never a list of ids) and the handful of elements a
view shows, so the database does the walking and the grouping and Python only gets small rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db import connection
from django.db.models import Case, F, IntegerField, QuerySet, When

from skillframe.frameworks.models import Element
from skillframe.insights.org.current import current_sql, history_sql
from skillframe.insights.org.kernel import Column


@dataclass
class With:
    """A WITH RECURSIVE clause under construction: named subqueries and their parameters."""

    parts: list[tuple[str, str]] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)

    def add(
        self, name: str, sql: str, params: Sequence[Any] = (), materialized: bool | None = None
    ) -> None:
        """`materialized`: True, computed once though read several times; False, inlined into
        each reader (PostgreSQL otherwise materializes a subquery read twice: the whole
        current-rating table, without its indexes). SQLite ≥ 3.35 and PostgreSQL ≥ 12 take
        the hint; None leaves the choice to the database."""
        hint = {True: " MATERIALIZED", False: " NOT MATERIALIZED", None: ""}[materialized]
        self.parts.append((f"{name} AS{hint}", sql))
        self.params.extend(params)

    def sql(self, main: str) -> str:
        body = ", ".join(f"{name} ({sql})" for name, sql in self.parts)
        return f"WITH RECURSIVE {body} {main}"


def compiled(queryset: QuerySet[Any]) -> tuple[str, tuple[Any, ...]]:
    sql, params = queryset.order_by().query.sql_with_params()
    return sql, tuple(params)


def _in(ids: Sequence[int]) -> str:
    return ", ".join(["%s"] * len(ids))


def fetch(sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, list(params))
        return list(cursor.fetchall())


def add_cells(
    w: With,
    columns: Sequence[Column],
    people: QuerySet[Any],
    *,
    today: date,
    validated_only: bool = False,
    as_of: datetime | None = None,
) -> None:
    """Add `ppl` (the people's ids) and `cells` (see the module docstring) to `w`."""
    ops = connection.ops
    people_sql, people_params = compiled(people.values("pk"))
    w.add("ppl", f"SELECT t.pk AS id FROM ({people_sql}) t", people_params)
    levels = [c.element_id for c in columns if c.by_level] or [0]
    units = [c.element_id for c in columns if not c.by_level]
    if as_of is None:
        w.add("cur", current_sql(), materialized=False)
    else:
        # The history as it stood, ranked once, for the scope's people and the view's elements
        # (a NOS unit's items included) only.
        element = Element._meta.db_table
        wanted = [*levels, *units] or [0]
        items = (
            f" OR element_id IN (SELECT e.id FROM {element} e LEFT JOIN {element} p "
            f"ON p.id = e.parent_id WHERE e.parent_id IN ({_in(units)}) "
            f"OR p.parent_id IN ({_in(units)}))"
            if units
            else ""
        )
        source = history_sql(
            f" AND person_id IN (SELECT id FROM ppl) AND (element_id IN ({_in(wanted)}){items})"
        )
        params = [ops.adapt_datetimefield_value(as_of), *wanted, *(units * 2 if units else [])]
        w.add("cur", source, params, materialized=True)
    level = "c.validated_level" if validated_only else "c.best_level"
    judged = "c.validated_competence" if validated_only else "c.best_competence"
    stale = "CASE WHEN c.is_validated = 1 AND c.next_review_on < %s THEN 1 ELSE 0 END"
    day = ops.adapt_datefield_value(today)
    in_scope = "c.person_id IN (SELECT id FROM ppl)"
    selects: list[str] = []
    w.add(
        "lv",
        f"SELECT c.person_id, c.element_id, {level} AS value, c.is_validated AS validated, "
        f"{stale} AS stale, 0 AS missing FROM cur c WHERE c.element_id IN ({_in(levels)}) "
        f"AND {in_scope} AND {level} IS NOT NULL",
        [day, *levels],
    )
    selects.append("SELECT person_id, element_id, value, validated, stale, missing FROM lv")
    if units:
        _add_nos(w, units, judged, stale, day, in_scope)
        selects.append(
            "SELECT person_id, element_id, value, validated, stale, missing FROM nos "
            "WHERE value IS NOT NULL"
        )
    w.add("cells", " UNION ALL ".join(selects))


def _items(units: Sequence[int]) -> QuerySet[Any]:
    """(item id, its unit's id) for the items of these NOS units (`Element.objects.items_of`)."""
    owner = Case(
        When(parent_id__in=units, then=F("parent_id")),
        default=F("parent__parent_id"),
        output_field=IntegerField(),
    )
    return Element.objects.items_of(units).annotate(owner=owner).values("pk", "owner")


def _add_nos(
    w: With, units: Sequence[int], judged: str, stale: str, day: Any, in_scope: str
) -> None:
    items_sql, items_params = compiled(_items(units))
    w.add("items", f"SELECT t.pk AS item_id, t.owner AS unit_id FROM ({items_sql}) t", items_params)
    w.add("icount", "SELECT unit_id, COUNT(*) AS n FROM items GROUP BY unit_id")
    kinds = "('competent', 'not-yet', 'not-applicable')"
    w.add(
        "judged",
        "SELECT c.person_id, i.unit_id, "
        f"SUM(CASE WHEN {judged} = 'competent' THEN 1 ELSE 0 END) AS yes, "
        f"SUM(CASE WHEN {judged} = 'not-yet' THEN 1 ELSE 0 END) AS no, "
        f"SUM(CASE WHEN {judged} = 'not-applicable' THEN 1 ELSE 0 END) AS na, "
        f"MIN(c.is_validated) AS validated, MAX({stale}) AS stale "
        f"FROM cur c JOIN items i ON c.element_id = i.item_id WHERE {in_scope} "
        f"AND {judged} IN {kinds} GROUP BY c.person_id, i.unit_id",
        [day],
    )
    w.add(
        "own",
        f"SELECT c.person_id, c.element_id AS unit_id, {judged} AS own, "
        f"c.is_validated AS validated, {stale} AS stale FROM cur c "
        f"WHERE c.element_id IN ({_in(units)}) AND {in_scope} AND {judged} IN {kinds}",
        [day, *units],
    )
    w.add("pairs", "SELECT person_id, unit_id FROM judged UNION SELECT person_id, unit_id FROM own")
    w.add(
        "nos0",
        "SELECT pr.person_id, pr.unit_id, COALESCE(ic.n, 0) AS n, COALESCE(j.yes, 0) AS yes, "
        "COALESCE(j.no, 0) AS no, COALESCE(j.na, 0) AS na, COALESCE(o.own, '') AS own, "
        "CASE WHEN j.person_id IS NULL THEN o.validated WHEN o.person_id IS NULL THEN j.validated "
        "WHEN j.validated < o.validated THEN j.validated ELSE o.validated END AS validated, "
        "CASE WHEN j.person_id IS NULL THEN o.stale WHEN o.person_id IS NULL THEN j.stale "
        "WHEN j.stale > o.stale THEN j.stale ELSE o.stale END AS stale "
        "FROM pairs pr LEFT JOIN judged j ON j.person_id = pr.person_id AND j.unit_id = pr.unit_id "
        "LEFT JOIN own o ON o.person_id = pr.person_id AND o.unit_id = pr.unit_id "
        "LEFT JOIN icount ic ON ic.unit_id = pr.unit_id",
    )
    rest = "(n - yes - no - na)"
    w.add(
        "nos1",
        "SELECT person_id, unit_id, n, own, validated, stale, "
        f"yes + CASE WHEN own = 'competent' THEN {rest} ELSE 0 END AS yes2, "
        f"no + CASE WHEN own = 'not-yet' THEN {rest} ELSE 0 END AS no2, "
        f"na + CASE WHEN own = 'not-applicable' THEN {rest} ELSE 0 END AS na2 FROM nos0",
    )
    w.add(
        "nos",
        "SELECT person_id, unit_id AS element_id, "
        "CASE WHEN n = 0 THEN (CASE WHEN own IN ('competent', 'not-applicable') THEN 1.0 "
        "WHEN own = 'not-yet' THEN 0.0 END) WHEN yes2 + no2 + na2 = 0 THEN NULL "
        "WHEN n - na2 <= 0 THEN 1.0 ELSE yes2 * 1.0 / (n - na2) END AS value, "
        "validated, stale, "
        "CASE WHEN n = 0 THEN (CASE WHEN own = 'not-yet' THEN 1 ELSE 0 END) "
        "WHEN n - na2 <= 0 THEN 0 ELSE n - na2 - yes2 END AS missing FROM nos1",
    )
