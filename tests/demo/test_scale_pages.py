"""Existing pages over organisations of two sizes (demo --people): the same number of queries.

Issue 13 item 7: per-person pages (gaps, report, PDF), a manager's team grid, HR's people list
and cycle progress must not grow with the organisation. Each page is requested over a
40-person and a 400-person organisation (the larger ten times the people, units and ratings),
as the HR admin of the whole organisation or a line manager of a team of specialists.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import connection, transaction
from django.test import Client

from skillframe.assessments.models import Cycle, LatestRating
from skillframe.demo.scale import NOS_ROLES, build
from skillframe.people.models import Person

PAGES: dict[str, Callable[[Any], tuple[str, str]]] = {
    # name: (who asks, url) for the organisation's context
    "gaps": lambda c: ("manager", f"/people/{c['person']}/gaps/"),
    "report": lambda c: ("manager", f"/people/{c['person']}/report/"),
    "report pdf": lambda c: ("manager", f"/people/{c['person']}/report.pdf"),
    "team grid": lambda c: ("manager", "/team/"),
    "people list": lambda c: ("hr", "/people/"),
    "people list, next page": lambda c: ("hr", f"/people/?after={c['after']}"),
    "cycle progress": lambda c: ("hr", f"/cycles/{c['cycle']}/"),
    "cycle progress, a unit": lambda c: ("hr", f"/cycles/{c['cycle']}/?unit={c['unit']}"),
}


def queries_per_page(size: int) -> dict[str, int]:
    build(size, seed=3)
    people = Person.objects.filter(employee_id__startswith="SC-")
    # The same shape of person at both sizes (what a page asks depends on it, not on N): a
    # specialist with current ratings, an AXELOS role and no target role.
    person = (
        people.filter(reports__isnull=True, target_role__isnull=True, manager__isnull=False)
        .exclude(current_role__code__in=[code for code, _, _ in NOS_ROLES])
        .filter(pk__in=LatestRating.objects.values("person_id"))
        .order_by("employee_id")
        .first()
    )
    assert person is not None and person.manager is not None
    manager = person.manager
    context = {
        "person": person.employee_id,
        "after": people.order_by("user__last_name", "user__first_name", "employee_id")[
            10
        ].employee_id,
        "cycle": Cycle.objects.get(status="open", name__startswith="Scale review").pk,
        "unit": manager.unit.code,
    }
    clients = {"hr": Client(), "manager": Client()}
    clients["hr"].force_login(people.get(employee_id="SC-000000").user)
    clients["manager"].force_login(manager.user)
    counts = {}
    for name, page in PAGES.items():
        who, url = page(context)
        clients[who].get(url)  # warm: sessions, caches
        seen: list[str] = []

        def count(execute: Any, sql: str, *rest: Any, seen: list[str] = seen) -> Any:
            seen.append(sql)
            return execute(sql, *rest)

        with connection.execute_wrapper(count):
            response = clients[who].get(url)
        assert response.status_code == 200, (name, url)
        counts[name] = len(seen)
    return counts


def test_page_queries_do_not_grow_with_the_organisation(seeded: Any) -> None:
    sizes = []
    for size in (40, 400):
        with transaction.atomic():
            sizes.append(queries_per_page(size))
            transaction.set_rollback(True)
    small, large = sizes
    assert large == small, {name: (small[name], large[name]) for name in small}
