"""Bench strength, succession and single points of failure, counted in SQL.

For a role: every person of the scope who does not hold it is a candidate; `fit` counts per
person the role's requirements met and near (one level or one NOS item short) in one query
grouped by person. Single points of failure: the elements the roles held in the scope require,
with the people of the scope at target (the highest target any of those roles sets), kept
where at most one person holds it (one query grouped by element).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Max
from django.utils import timezone

from skillframe.insights.org import kernel
from skillframe.insights.org.cells import With, add_cells, fetch
from skillframe.insights.org.columns import role_columns
from skillframe.insights.org.kernel import Bench, Candidate, Column, Spof
from skillframe.insights.org.scope import Scope
from skillframe.people.models import RoleProfile, RoleRequirement

DEFAULT_THRESHOLD = 0.8

# met / near for one cell against its column's target (t: the target; NOS targets are 1).
_MET = (
    "CASE WHEN (t.nos = 0 AND cl.value >= t.target) OR (t.nos = 1 AND cl.value >= 1) "
    "THEN 1 ELSE 0 END"
)
_NEAR = (
    "CASE WHEN t.nos = 0 AND cl.value < t.target AND t.target - cl.value <= 1 THEN 1 "
    "WHEN t.nos = 1 AND cl.value < 1 AND cl.missing <= 1 THEN 1 ELSE 0 END"
)


def _targets(w: With, columns: list[Column]) -> None:
    rows = " UNION ALL ".join(["SELECT %s AS element_id, %s AS target, %s AS nos"] * len(columns))
    params: list[object] = []
    for c in columns:
        params += [c.element_id, c.target or 0, 0 if c.by_level else 1]
    w.add("t", rows, params)


def candidates(scope: Scope, role: RoleProfile, today: date | None = None) -> list[Candidate]:
    """Everyone in the scope but the role's holders, ranked by fit (kernel.rank_candidates)."""
    today = today or timezone.localdate()
    columns = role_columns(role)
    pool = scope.people.exclude(current_role=role)
    people = list(
        pool.order_by("employee_id").values_list(
            "pk",
            "employee_id",
            "user__first_name",
            "user__last_name",
            "user__username",
            "unit__name",
        )
    )
    counts: dict[int, tuple[int, int, int]] = {}
    if columns and people:
        w = With()
        add_cells(w, columns, pool, today=today)
        _targets(w, columns)
        rows = fetch(
            w.sql(
                f"SELECT cl.person_id, SUM({_MET}), SUM({_NEAR}), "
                f"SUM(CASE WHEN cl.validated = 1 THEN {_MET} ELSE 0 END) "
                "FROM cells cl JOIN t ON t.element_id = cl.element_id GROUP BY cl.person_id"
            ),
            w.params,
        )
        counts = {pid: (int(m), int(n), int(v)) for pid, m, n, v in rows}
    found = []
    for pk, employee_id, first, last, username, unit in people:
        met, near, validated = counts.get(pk, (0, 0, 0))
        name = f"{first} {last}".strip() or username
        found.append(Candidate(pk, employee_id, name, unit, met, near, len(columns), validated))
    return kernel.rank_candidates(found)


@dataclass(frozen=True)
class RoleBench:
    role: RoleProfile
    holders: int
    bench: Bench


def roles_in(scope: Scope) -> list[RoleProfile]:
    """Roles held by people of the scope (one query)."""
    held = scope.people.exclude(current_role__isnull=True).values("current_role_id")
    return list(RoleProfile.objects.filter(pk__in=held).order_by("title"))


def bench_by_role(scope: Scope, threshold: float = DEFAULT_THRESHOLD) -> list[RoleBench]:
    """Bench strength of each role held in the scope, counted in SQL: one query per role (the
    roles, not the people, set the count), no candidate fetched."""
    today = timezone.localdate()
    result = []
    for role in roles_in(scope):
        columns = role_columns(role)
        pool = scope.people.exclude(current_role=role)
        holders = scope.people.filter(current_role=role).count()
        now = one = 0
        if columns:
            w = With()
            add_cells(w, columns, pool, today=today)
            _targets(w, columns)
            total = len(columns)
            row = fetch(
                w.sql(
                    f"SELECT SUM(CASE WHEN f.met >= %s THEN 1 ELSE 0 END), "
                    f"SUM(CASE WHEN f.met < %s AND f.met + f.near = {total} THEN 1 ELSE 0 END) "
                    f"FROM (SELECT cl.person_id, SUM({_MET}) AS met, SUM({_NEAR}) AS near "
                    "FROM cells cl JOIN t ON t.element_id = cl.element_id "
                    "GROUP BY cl.person_id) f"
                ),
                # kernel.Candidate.readiness: fit = met / total >= threshold
                [*w.params, threshold * total - 1e-9, threshold * total - 1e-9],
            )[0]
            now, one = int(row[0] or 0), int(row[1] or 0)
        result.append(RoleBench(role, holders, Bench(now, one, pool.count())))
    return result


def single_points(scope: Scope, today: date | None = None) -> list[Spof]:
    """Elements required by the roles held in the scope that at most one person holds."""
    today = today or timezone.localdate()
    held = scope.people.exclude(current_role__isnull=True).values("current_role_id")
    required = (
        RoleRequirement.objects.filter(role_id__in=held)
        .values("element_id", "element__code", "element__title", "element__kind")
        .annotate(target=Max("target_level"))
        .order_by("element__code")
    )
    columns = [
        Column(
            r["element_id"],
            r["element__code"],
            r["element__title"],
            "",
            r["element__kind"] == "skill",
            r["target"] if r["element__kind"] == "skill" else 1,
        )
        for r in required
    ]
    if not columns:
        return []
    w = With()
    add_cells(w, columns, scope.people, today=today)
    _targets(w, columns)
    rows = fetch(
        w.sql(
            "SELECT t.element_id, COUNT(cl.person_id), MIN(cl.person_id) FROM t "
            f"LEFT JOIN cells cl ON cl.element_id = t.element_id AND {_MET} = 1 "
            "GROUP BY t.element_id HAVING COUNT(cl.person_id) <= 1"
        ),
        w.params,
    )
    single = {element_id: (int(n), pid) for element_id, n, pid in rows}
    holders_of = scope.people.select_related("user").in_bulk(
        [pid for _, pid in single.values() if pid is not None]
    )
    spec = {c.code: (c.title, c.target if c.by_level else None) for c in columns}
    holders: dict[str, list[tuple[str, str]]] = {}
    for column in columns:
        if column.element_id not in single:
            holders[column.code] = [("", ""), ("", "")]  # two or more: not a single point
            continue
        n, pid = single[column.element_id]
        if n and pid in holders_of:
            holders[column.code] = [(holders_of[pid].employee_id, holders_of[pid].name)]
        else:
            holders[column.code] = []
    return kernel.spofs(spec, holders)
