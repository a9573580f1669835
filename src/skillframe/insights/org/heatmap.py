"""The heatmap: people (or units of people) × elements, read in a fixed number of queries.

Person rows: the scope's people (one query) and their cells (one query over `cells`). Unit rows:
the people grouped by the child units of the scope's unit (each with its subtree), counted in
SQL by unit, element and value (one query for sizes, one for counts); units smaller than
MIN_GROUP_SIZE are hidden from viewers outside them (`scope.hidden_groups`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Exists, OuterRef
from django.utils import timezone

from skillframe.insights.org import kernel
from skillframe.insights.org.cells import With, add_cells, compiled, fetch
from skillframe.insights.org.kernel import Cell, Column, GroupCell, PersonRow
from skillframe.insights.org.scope import Scope, hidden_groups
from skillframe.people.access import Viewer
from skillframe.people.models import OrgUnit, Person


@dataclass(frozen=True)
class Options:
    validated_only: bool = False
    stale_only: bool = False  # person rows: only people with a rating past its review date
    sort: str = "person"
    sort_element: str = ""


@dataclass
class UnitRow:
    unit_id: int
    code: str
    name: str
    people: int
    cells: list[GroupCell]
    hidden: bool = False
    direct: bool = False  # the scope's unit itself: its own members, not those below


@dataclass
class Heatmap:
    scope: Scope
    columns: list[Column]
    by: str
    people: list[PersonRow] = field(default_factory=list)
    units: list[UnitRow] = field(default_factory=list)


def person_rows(
    scope: Scope, columns: Sequence[Column], options: Options, today: date | None = None
) -> list[PersonRow]:
    today = today or timezone.localdate()
    leads = Exists(Person.objects.filter(manager_id=OuterRef("pk")))
    # Plain values, not model instances: a 500-person heatmap builds no Person, User or OrgUnit.
    people = list(
        scope.people.annotate(leads=leads)
        .order_by("user__last_name", "user__first_name", "employee_id")
        .values_list(
            "pk",
            "employee_id",
            "user__first_name",
            "user__last_name",
            "user__username",
            "unit__name",
            "leads",
        )
    )
    index = {c.element_id: i for i, c in enumerate(columns)}
    cells: dict[int, list[Cell]] = {p[0]: [kernel.UNKNOWN] * len(columns) for p in people}
    if columns and people:
        w = With()
        add_cells(w, columns, scope.people, today=today, validated_only=options.validated_only)
        rows = fetch(
            w.sql("SELECT person_id, element_id, value, validated, stale, missing FROM cells"),
            w.params,
        )
        for person_id, element_id, value, validated, stale, missing in rows:
            if person_id in cells and element_id in index:
                cells[person_id][index[element_id]] = Cell(
                    float(value), bool(validated), bool(stale), float(missing or 0)
                )
    result = [
        PersonRow(pk, employee_id, f"{first} {last}".strip() or username, unit, cells[pk], lead)
        for pk, employee_id, first, last, username, unit, lead in people
    ]
    if options.stale_only:
        result = [r for r in result if any(c.stale for c in r.cells)]
    return kernel.sort_people(result, columns, options.sort, options.sort_element)


# A NOS share grouped into none / some / all (kernel.band), so counts stay small.
_GROUPED = (
    "CASE WHEN cl.element_id IN ({units}) THEN (CASE WHEN cl.value >= 1 THEN 1.0 "
    "WHEN cl.value <= 0 THEN 0.0 ELSE 0.5 END) ELSE cl.value END"
)


def _add_buckets(w: With, scope: Scope) -> None:
    """`buckets` (unit id → row unit id): each child of the scope's root units with its
    subtree, and each root unit alone for the people directly in it."""
    roots_sql, roots_params = compiled(scope.bucket_roots().values("pk"))
    unit = OrgUnit._meta.db_table
    w.add(
        "walk",
        f"SELECT id, id AS bucket FROM {unit} WHERE parent_id IN ({roots_sql}) "
        f"UNION ALL SELECT u.id, walk.bucket FROM {unit} u JOIN walk ON u.parent_id = walk.id",
        roots_params,
    )
    w.add(
        "buckets",
        f"SELECT id, bucket FROM walk UNION ALL SELECT id, id FROM {unit} "
        f"WHERE id IN ({roots_sql})",
        roots_params,
    )


def unit_rows(
    user: Viewer | None,
    scope: Scope,
    columns: Sequence[Column],
    options: Options,
    today: date | None = None,
) -> list[UnitRow]:
    today = today or timezone.localdate()
    person = Person._meta.db_table
    w = With()
    add_cells(w, columns, scope.people, today=today, validated_only=options.validated_only)
    _add_buckets(w, scope)
    sizes = dict(
        fetch(
            w.sql(
                f"SELECT b.bucket, COUNT(*) FROM {person} p JOIN buckets b ON b.id = p.unit_id "
                "WHERE p.id IN (SELECT id FROM ppl) GROUP BY b.bucket"
            ),
            w.params,
        )
    )
    nos_ids = [c.element_id if not c.by_level else 0 for c in columns] or [0]
    grouped = _GROUPED.format(units=", ".join(["%s"] * len(nos_ids)))
    counts = fetch(
        w.sql(
            f"SELECT b.bucket, cl.element_id, {grouped} AS v, COUNT(*), SUM(cl.validated) "
            f"FROM cells cl JOIN {person} p ON p.id = cl.person_id "
            "JOIN buckets b ON b.id = p.unit_id "
            "GROUP BY 1, 2, 3"
        ),
        [*w.params, *nos_ids],
    )
    by_cell: dict[tuple[int, int], list[tuple[float, int, int]]] = {}
    for bucket, element_id, value, n, validated in counts:
        by_cell.setdefault((bucket, element_id), []).append(
            (float(value), int(n), int(validated or 0))
        )
    units = OrgUnit.objects.filter(pk__in=list(sizes)).only("code", "name", "parent_id")
    roots = set(scope.bucket_roots().values_list("pk", flat=True))
    hidden = hidden_groups(user, sizes) if user is not None else set()
    rows = []
    for unit in units:
        people = int(sizes[unit.pk])
        cells = [
            kernel.group_cell(c, people, by_cell.get((unit.pk, c.element_id), ())) for c in columns
        ]
        secret = unit.pk in hidden
        rows.append(
            UnitRow(
                unit.pk,
                unit.code,
                unit.name,
                people,
                [] if secret else cells,
                hidden=secret,
                direct=unit.pk in roots,
            )
        )
    return sorted(rows, key=lambda r: (r.direct, r.name))


def build(
    user: Viewer | None,
    scope: Scope,
    columns: Sequence[Column],
    by: str = "person",
    options: Options | None = None,
) -> Heatmap:
    options = options or Options()
    heatmap = Heatmap(scope, list(columns), by)
    if by == "unit":
        heatmap.units = unit_rows(user, scope, columns, options)
    else:
        heatmap.people = person_rows(scope, columns, options)
    return heatmap
