"""Rater calibration read in SQL: n, Σd and Σd² of d = manager level − self level, grouped by
rater, by the rated person's unit, and by rater and cycle (drift), for `calibration.py`.

Who sees which rows: an HR admin (and the command line) every rater of the people in scope;
a line manager who is not HR only their own ratings (`own_only`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.models import User
from django.db.models import Count

from skillframe.assessments.models import Cycle, Rating
from skillframe.insights.org.calibration import Calibration, Drift, calibrate
from skillframe.insights.org.cells import With, compiled, fetch
from skillframe.insights.org.current import current_sql
from skillframe.insights.org.scope import Scope, hidden_groups
from skillframe.people.access import Viewer, is_hr_admin
from skillframe.people.models import OrgUnit, Person


def own_only(user: Viewer | None) -> bool:
    """A line manager who is not an HR admin sees only their own ratings' calibration."""
    return user is not None and not is_hr_admin(user)


@dataclass
class CalibrationView:
    raters: list[Calibration] = field(default_factory=list)
    units: list[Calibration] = field(default_factory=list)
    drift: list[Drift] = field(default_factory=list)
    hidden_units: int = 0


def _pairs(w: With, scope: Scope, user: Viewer | None) -> str:
    """Adds `cur` and `ppl`; returns the WHERE clause of the calibration pairs."""
    w.add("cur", current_sql())
    people_sql, params = compiled(scope.people.values("pk"))
    w.add("ppl", f"SELECT t.pk AS id FROM ({people_sql}) t", params)
    where = (
        "c.validated_source = 'manager' AND c.validated_level IS NOT NULL "
        "AND c.self_level IS NOT NULL AND c.person_id IN (SELECT id FROM ppl)"
    )
    if own_only(user):
        assert user is not None
        where += f" AND c.validated_by_id = {int(user.pk or 0)}"
    return where


def _label(first: str, last: str, username: str) -> str:
    return f"{first} {last}".strip() or username


def calibration(user: Viewer | None, scope: Scope) -> CalibrationView:
    view = CalibrationView()
    users, person, unit = User._meta.db_table, Person._meta.db_table, OrgUnit._meta.db_table
    d = "(c.validated_level - c.self_level)"
    w = With()
    where = _pairs(w, scope, user)
    rows = fetch(
        w.sql(
            f"SELECT u.username, u.first_name, u.last_name, COUNT(*), SUM({d}), SUM({d} * {d}) "
            f"FROM cur c JOIN {users} u ON u.id = c.validated_by_id WHERE {where} "
            "GROUP BY u.username, u.first_name, u.last_name ORDER BY u.last_name, u.first_name"
        ),
        w.params,
    )
    view.raters = [
        calibrate(username, _label(first, last, username), int(n), float(s), float(q))
        for username, first, last, n, s, q in rows
    ]
    if not own_only(user):
        w = With()
        where = _pairs(w, scope, user)
        rows = fetch(
            w.sql(
                f"SELECT o.id, o.code, o.name, COUNT(*), SUM({d}), SUM({d} * {d}) FROM cur c "
                f"JOIN {person} p ON p.id = c.person_id JOIN {unit} o ON o.id = p.unit_id "
                f"WHERE {where} GROUP BY o.id, o.code, o.name ORDER BY o.name"
            ),
            w.params,
        )
        sizes = _unit_sizes(scope)
        hidden = hidden_groups(user, sizes) if user is not None else set()
        view.hidden_units = sum(1 for r in rows if r[0] in hidden)
        view.units = [
            calibrate(code, name, int(n), float(s), float(q))
            for unit_id, code, name, n, s, q in rows
            if unit_id not in hidden
        ]
    view.drift = drift(user, scope)
    return view


def _unit_sizes(scope: Scope) -> dict[int, int]:
    rows = scope.people.order_by().values("unit_id").annotate(n=Count("pk"))
    return {r["unit_id"]: r["n"] for r in rows}


def drift(user: Viewer | None, scope: Scope) -> list[Drift]:
    """Per rater, the mean difference in each of the last two cycles they rated in: the newest
    manager and self rating of each person and element within a cycle, paired (one query)."""
    rating, users, cycle = Rating._meta.db_table, User._meta.db_table, Cycle._meta.db_table
    people_sql, params = compiled(scope.people.values("pk"))
    mine = f" AND pr.rater_id = {int(user.pk or 0)}" if own_only(user) and user is not None else ""
    ranked = (
        "SELECT r.person_id, r.element_id, r.cycle_id, r.source, r.level, r.rater_id, "
        "ROW_NUMBER() OVER (PARTITION BY r.person_id, r.element_id, r.cycle_id, r.source "
        f"ORDER BY r.created_at DESC, r.id DESC) AS newest FROM {rating} r "
        "WHERE r.cycle_id IS NOT NULL AND r.level IS NOT NULL "
        "AND r.source IN ('self', 'manager') "
        f"AND r.person_id IN (SELECT t.pk FROM ({people_sql}) t)"
    )
    d = "(pr.m - pr.s)"
    # One pass: the newest manager and self rating per person, element and cycle side by side
    # (conditional aggregation, no self-join), then n, Σd, Σd² per rater and cycle.
    pairs = (
        "SELECT MAX(CASE WHEN source = 'manager' THEN level END) AS m, "
        "MAX(CASE WHEN source = 'self' THEN level END) AS s, "
        "MAX(CASE WHEN source = 'manager' THEN rater_id END) AS rater_id, cycle_id "
        "FROM ranked WHERE newest = 1 GROUP BY person_id, element_id, cycle_id"
    )
    rows = fetch(
        f"WITH ranked AS ({ranked}), pairs AS ({pairs}) "
        "SELECT u.username, u.first_name, u.last_name, y.id, y.name, y.ends_on, "
        f"COUNT(*), SUM({d}), SUM({d} * {d}) FROM pairs pr "
        f"JOIN {users} u ON u.id = pr.rater_id JOIN {cycle} y ON y.id = pr.cycle_id "
        f"WHERE pr.m IS NOT NULL AND pr.s IS NOT NULL{mine} "
        "GROUP BY u.username, u.first_name, u.last_name, y.id, y.name, y.ends_on "
        "ORDER BY u.username, y.ends_on, y.id",
        params,
    )
    by_rater: dict[str, list[tuple[str, Calibration]]] = {}
    labels: dict[str, str] = {}
    for username, first, last, _cid, cname, _ends, n, s, q in rows:
        labels[username] = _label(first, last, username)
        by_rater.setdefault(username, []).append(
            (cname, calibrate(username, labels[username], int(n), float(s), float(q)))
        )
    result = []
    for username, cycles in by_rater.items():
        if len(cycles) >= 2:
            (first_name, before), (second_name, after) = cycles[-2], cycles[-1]
            result.append(
                Drift(username, labels[username], (first_name, second_name), before, after)
            )
    return result
