"""The maintained current-rating table (`LatestRating`): one set-based SQL statement derives it.

`Rating.objects.current` ranks a person's history at every read. Organisation-wide aggregates
(100,000 people × their requirements, 27M ratings) cannot: ranking the whole history took 8 s
on PostgreSQL and 13 s on SQLite. So the same rule is applied on write and kept as one row per
(person, element):

- the newest (created_at, id) row per person, element and source group — self, validated
  (manager and assessor together: the newest of either is the validated one) and import;
- self = the newest self row; where there is none, the newest import row stands in when it is
  newer than every validated row (as `current`, which walks the rows newest first);
- best = validated, else self; `next_review_on` is the best row's.

One statement computes that for any slice of the history (`WHERE` over assessments_rating):
a pair on each `Rating.save`, some people after a bulk load or back-dating, or everything for
`skillframe current-ratings rebuild`. It is plain SQL that SQLite (3.25+: window functions,
3.24+: upsert) and PostgreSQL both run, without a per-row Python loop.

This module imports no model (models.py imports it for `Rating.save`): table and column names
are spelled out here and checked against the models by the tests.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connections, router
from django.utils import timezone

HISTORY = "assessments_rating"
TABLE = "assessments_latestrating"
CHUNK = 500  # ids per IN (…) list: well under SQLite's 999 host parameters

# Columns written, in order; `updated_at` last (not compared by `check`).
COLUMNS = (
    "person_id",
    "element_id",
    "self_rating_id",
    "self_level",
    "self_competence",
    "self_at",
    "validated_rating_id",
    "validated_level",
    "validated_competence",
    "validated_source",
    "validated_by_id",
    "validated_at",
    "best_level",
    "best_competence",
    "is_validated",
    "next_review_on",
)

# Source values (assessments.models.Source) grouped as `current` groups them.
_GROUP = (
    "CASE r.source WHEN 'self' THEN 's' WHEN 'manager' THEN 'v' WHEN 'assessor' THEN 'v'"
    " WHEN 'import' THEN 'i' END"
)


def _pick(group: str, column: str) -> str:
    # One row per group survives the ranking, so MAX picks that row's value.
    return f"MAX(CASE WHEN grp = '{group}' THEN {column} END)"


def _derived(where: str, *, stamped: bool = False) -> str:
    """SELECT of the current-rating rows for the history rows matching `where` (on alias r).

    Columns as COLUMNS (then updated_at when `stamped`). Parameters: is_validated's true and
    false (booleans for PostgreSQL, 1/0 for SQLite, adapted by the driver), then updated_at
    when `stamped`, then those of `where`."""
    stamp = ",\n      %s AS updated_at" if stamped else ""
    picks = ",\n".join(
        f"{_pick(g, c)} AS {g}_{c}"
        for g in ("s", "v", "i")
        for c in ("id", "level", "competence", "created_at", "next_review_on")
    )
    self_ = "CASE WHEN use_i = 1 THEN i_{c} ELSE s_{c} END"
    return f"""
    SELECT person_id, element_id,
      {self_.format(c="id")} AS self_rating_id,
      {self_.format(c="level")} AS self_level,
      COALESCE({self_.format(c="competence")}, '') AS self_competence,
      {self_.format(c="created_at")} AS self_at,
      v_id AS validated_rating_id,
      v_level AS validated_level,
      COALESCE(v_competence, '') AS validated_competence,
      COALESCE(v_source, '') AS validated_source,
      v_rater_id AS validated_by_id,
      v_created_at AS validated_at,
      CASE WHEN v_id IS NOT NULL THEN v_level ELSE {self_.format(c="level")} END AS best_level,
      COALESCE(CASE WHEN v_id IS NOT NULL THEN v_competence
        ELSE {self_.format(c="competence")} END, '') AS best_competence,
      CASE WHEN v_id IS NOT NULL THEN %s ELSE %s END AS is_validated,
      CASE WHEN v_id IS NOT NULL THEN v_next_review_on
        ELSE {self_.format(c="next_review_on")} END AS next_review_on{stamp}
    FROM (
      SELECT agg.*,
        CASE WHEN s_id IS NULL AND i_id IS NOT NULL AND (v_id IS NULL OR i_created_at > v_created_at
          OR (i_created_at = v_created_at AND i_id > v_id)) THEN 1 ELSE 0 END AS use_i
      FROM (
        SELECT person_id, element_id,
          {picks},
          {_pick("v", "source")} AS v_source,
          {_pick("v", "rater_id")} AS v_rater_id
        FROM (
          SELECT r.id, r.person_id, r.element_id, r.source, r.level, r.competence,
            r.rater_id, r.created_at, r.next_review_on, {_GROUP} AS grp,
            ROW_NUMBER() OVER (
              PARTITION BY r.person_id, r.element_id, {_GROUP}
              ORDER BY r.created_at DESC, r.id DESC
            ) AS rn
          FROM {HISTORY} r
          WHERE {where}
        ) ranked
        WHERE rn = 1
        GROUP BY person_id, element_id
      ) agg
    ) picked
    WHERE 1 = 1"""


def _upsert(where: str, params: Sequence[Any], using: str, *, replace: bool) -> int:
    connection = connections[using]
    columns = ", ".join((*COLUMNS, "updated_at"))
    sql = f"INSERT INTO {TABLE} ({columns})\n{_derived(where, stamped=True)}"
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    if replace:
        updates = ", ".join(f"{c} = excluded.{c}" for c in (*COLUMNS[2:], "updated_at"))
        sql += f"\n    ON CONFLICT (person_id, element_id) DO UPDATE SET {updates}"
    with connection.cursor() as cursor:
        cursor.execute(sql, [True, False, now, *params])
        return int(cursor.rowcount)


def _db(using: str | None) -> str:
    return using or router.db_for_write(_model())


def _model() -> Any:
    from django.apps import apps

    return apps.get_model("assessments", "LatestRating")


def refresh_pairs(pairs: Iterable[tuple[int, int]], using: str | None = None) -> int:
    """Recompute the rows of these (person id, element id) pairs from the history."""
    db, done = _db(using), 0
    wanted = list(dict.fromkeys(pairs))
    for start in range(0, len(wanted), CHUNK // 2):
        chunk = wanted[start : start + CHUNK // 2]
        where = " OR ".join(["(r.person_id = %s AND r.element_id = %s)"] * len(chunk))
        done += _upsert(f"({where})", [x for pair in chunk for x in pair], db, replace=True)
    return done


def refresh_people(person_ids: Iterable[int], using: str | None = None) -> int:
    """Recompute every row of these people from the history (after a bulk load or back-dating:
    writes that bypass `Rating.save`)."""
    db, done = _db(using), 0
    ids = sorted(set(person_ids))
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        marks = ", ".join(["%s"] * len(chunk))
        done += _upsert(f"r.person_id IN ({marks})", chunk, db, replace=True)
    return done


def rebuild(using: str | None = None) -> int:
    """Replace the whole table by what the history says, in one INSERT … SELECT (call inside
    a transaction: readers then never see it empty). Returns the number of rows."""
    db = _db(using)
    with connections[db].cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE}")
    _upsert("1 = 1", [], db, replace=False)
    with connections[db].cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {TABLE}")
        return int(cursor.fetchone()[0])


@dataclass
class Check:
    """How the table differs from the history: rows the history derives that the table lacks
    or holds otherwise (`missing`), and table rows the history does not derive (`extra`)."""

    rows: int = 0
    missing: int = 0
    extra: int = 0
    examples: list[tuple[int, int]] = field(default_factory=list)  # (person id, element id)

    @property
    def ok(self) -> bool:
        return not self.missing and not self.extra


def check(using: str | None = None, limit: int = 10) -> Check:
    """Compare the table with the history in SQL (two EXCEPTs over the compared columns)."""
    db = _db(using)
    columns = ", ".join(COLUMNS)
    derived = f"SELECT {columns} FROM ({_derived('1 = 1')}) d"
    stored = f"SELECT {columns} FROM {TABLE}"
    result = Check()
    with connections[db].cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {TABLE}")
        result.rows = int(cursor.fetchone()[0])
        for name, sql, params in (
            ("missing", f"{derived} EXCEPT {stored}", [True, False]),
            ("extra", f"{stored} EXCEPT {derived}", [True, False]),
        ):
            cursor.execute(f"SELECT COUNT(*) FROM ({sql}) x", params)
            setattr(result, name, int(cursor.fetchone()[0]))
            cursor.execute(f"SELECT person_id, element_id FROM ({sql}) x LIMIT {limit}", params)
            for person_id, element_id in cursor.fetchall():
                if len(result.examples) < limit:
                    result.examples.append((int(person_id), int(element_id)))
    return result
