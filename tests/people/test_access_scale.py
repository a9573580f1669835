"""The access rule at size: the same queries, of the same shape, whatever the organisation's size.

Issue 9: the rule used to build Python sets of ids (one query per level of the trees, growing
`IN`/`NOT IN` lists) and pass them back to the database, so list pages slowed with the size of
the organisation and answered 500 once a list passed SQLite's limit on SQL variables. Now each
scope is one subquery (people/querysets.py). These tests build a small and a bigger, deeper
organisation and compare what the database is asked.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.db import connection
from django.http import Http404
from django.test import Client
from django.test.utils import CaptureQueriesContext

from skillframe.assessments.models import Rating
from skillframe.development.models import Plan
from skillframe.people import access
from skillframe.people.models import OrgUnit, Person
from skillframe.people.querysets import Reach
from tests.people.org_builder import Org, build_org

SMALL = (3, 3)  # 40 people, 3 levels below the CEO
BIG = (4, 5)  # 1,365 people, 5 levels: more than SQLite's old limit of 999 variables
# A literal list `IN (1, 2, 3)` may hold a handful of values (a few codes, a role's elements),
# never one per person or unit.
MAX_IN_LIST = 10
IN_LIST = re.compile(r"\bIN \((?!\s*(?:SELECT|WITH)\b)([^()]*)\)", re.IGNORECASE)


def in_lists(sql: str) -> list[int]:
    return [len(items.split(",")) for items in IN_LIST.findall(sql)]


def shapes(org: Org, client: Client) -> dict[str, list[str]]:
    """The SQL each page and access question sends, for one organisation."""
    first_unit = org.division.code
    checks: dict[str, tuple[Person, Callable[[], Any]]] = {
        "ceo sees": (org.ceo, lambda: Person.objects.visible_to(org.ceo.user).count()),
        "hr edits": (org.hr, lambda: Person.objects.editable_by(org.hr.user).count()),
        "reports": (org.ceo, lambda: Person.objects.reports_of(org.ceo).count()),
        "can_see": (org.ceo, lambda: access.can_see(org.ceo.user, org.deepest)),
        "manages": (org.ceo, lambda: access.manages(org.ceo.user, org.deepest)),
        "administers": (org.hr_one, lambda: access.administers(org.hr_one.user, org.deepest)),
        "plans": (org.ceo, lambda: Plan.objects.visible_to(org.ceo.user).count()),
        "ratings": (org.hr, lambda: Rating.objects.visible_to(org.hr.user).count()),
        "units": (org.hr_one, lambda: OrgUnit.objects.administered_by(org.hr_one.user).count()),
        "/people/": (org.hr, lambda: client.get("/people/")),
        "/people/?unit": (org.hr, lambda: client.get(f"/people/?unit={first_unit}&q=P")),
        "/team/": (org.ceo, lambda: client.get("/team/")),
        "person page": (org.ceo, lambda: client.get(f"/people/{org.deepest.employee_id}/")),
        "person page hr": (org.hr, lambda: client.get(f"/people/{org.deepest.employee_id}/")),
        "/api/people": (org.hr, lambda: client.get("/api/people?limit=20")),
        "/api/person": (
            org.hr_one,
            lambda: client.get(f"/api/people/{org.deepest.employee_id}"),
        ),
    }
    found: dict[str, list[str]] = {}
    for name, (viewer, check) in checks.items():
        client.force_login(viewer.user)
        with CaptureQueriesContext(connection) as captured:
            result = check()
        status = getattr(result, "status_code", 200)
        assert status == 200, f"{name}: {status}"
        found[name] = [query["sql"] for query in captured.captured_queries]
    return found


@pytest.mark.django_db
def test_queries_do_not_grow_with_the_organisation(client: Client) -> None:
    small = shapes(build_org(*SMALL, prefix="s"), client)
    big = shapes(build_org(*BIG, prefix="b"), client)
    for name, queries in big.items():
        counts = (len(small[name]), len(queries))
        assert counts[0] == counts[1], f"{name}: {counts[0]} queries small, {counts[1]} big"
        for sql in queries:
            longest = max(in_lists(sql), default=0)
            assert longest <= MAX_IN_LIST, f"{name}: an IN list of {longest} values: {sql[:300]}"
        # Same statements, but for ids of other lengths: no per-person or per-unit text.
        for before, after in zip(small[name], queries, strict=True):
            assert abs(len(after) - len(before)) < 100, f"{name}: {before}\n{after}"


@pytest.mark.django_db
def test_scopes_answer_as_the_trees_say() -> None:
    org = build_org(*BIG, prefix="t")
    assert Person.objects.visible_to(org.ceo.user).count() == org.size
    assert Person.objects.reports_of(org.ceo).count() == org.size - 1
    # HR of the top unit changes everyone (the tree, the other admins and the assessor).
    assert Person.objects.editable_by(org.hr.user).count() == org.size + 3
    # HR of the first division: its head and everyone below (a quarter of the rest).
    assert Person.objects.editable_by(org.hr_one.user).count() == (org.size - 1) // 4
    assert access.manages(org.ceo.user, org.deepest)
    assert not access.manages(org.deepest.user, org.ceo)
    assert access.administers(org.hr_one.user, org.deepest)
    assert not access.administers(org.hr_one.user, org.ceo)
    assert access.can_see(org.assessor.user, org.deepest)  # one of the assessor's learners
    assert Person.objects.visible_to(org.assessor.user).count() == 4  # self and three learners


@pytest.mark.django_db
def test_walking_up_and_down_give_the_same_answers() -> None:
    """`reaches` / `get_person_for` (up from one person) agree with `reachable_by` (down from
    the viewer) for every viewer, person and way of reaching them."""
    org = build_org(*SMALL, prefix="w")
    mid = Person.objects.filter(manager=org.ceo).first()
    assert mid is not None
    viewers = [org.ceo, mid, org.deepest, org.hr, org.hr_one, org.assessor]
    everyone = list(Person.objects.all())
    ways = [*Reach, Reach.everything(), Reach.SELF | Reach.REPORTS | Reach.HR]
    for viewer in viewers:
        for reach in ways:
            down = set(Person.objects.reachable_by(viewer.user, reach).values_list("pk", flat=True))
            up = {p.pk for p in everyone if access.reaches(viewer.user, p, reach)}
            assert up == down, (viewer, reach)
            rows = set(Person.objects.reached_by(viewer.user, reach).values_list("pk", flat=True))
            assert rows == down, (viewer, reach)
        seen = set(Person.objects.visible_to(viewer.user).values_list("pk", flat=True))
        for person in everyone:
            try:
                found = access.get_person_for(viewer.user, person.employee_id)
            except Http404:
                assert person.pk not in seen
            else:
                assert found.pk == person.pk and person.pk in seen


@contextmanager
def sqlite_variable_limit(limit: int) -> Iterator[None]:
    connection.ensure_connection()
    raw: Any = connection.connection
    old = raw.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, limit)
    try:
        yield
    finally:
        raw.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, old)


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's limit on SQL variables")
def test_the_rule_works_under_a_999_variable_limit(client: Client) -> None:
    org = build_org(*BIG, prefix="v")
    assert Person.objects.editable_by(org.hr.user).count() > 999
    with sqlite_variable_limit(999):
        client.force_login(org.hr.user)
        page = client.get("/people/")
        assert page.status_code == 200
        assert f"{org.size + 3} people" in page.content.decode()
        assert client.get("/api/people?limit=5").json()["count"] == org.size + 3
        assert client.get(f"/api/people/{org.deepest.employee_id}").status_code == 200
        # HR's gaps for one person: refused for want of a role (422), no longer a 500.
        assert client.get(f"/api/people/{org.deepest.employee_id}/gaps").status_code == 422
        assert client.get(f"/people/{org.deepest.employee_id}/").status_code == 200
        assert Rating.objects.visible_to(org.hr.user).count() == 0
        assert Plan.objects.visible_to(org.ceo.user).count() == 0
        client.force_login(org.ceo.user)
        assert client.get("/team/").status_code == 200
        assert client.get(f"/people/{org.deepest.employee_id}/ratings/").status_code == 200
