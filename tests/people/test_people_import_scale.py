"""A large people file: updates are joined in from a temporary table in one statement, not
Django's bulk_update, whose CASE WHEN per batch made a 2.9 MB workbook run for minutes (and
all of it inside the import's write transaction)."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from skillframe.database.bulk import update_rows
from skillframe.people.models import OrgUnit, Person
from skillframe.people.people_import import import_people
from tests.people.test_people_import import csv_file

pytestmark = pytest.mark.django_db


def people_file(count: int, title: str = "Engineer") -> Any:
    # Everyone reports to the person ten places before them: managers set after creation.
    return csv_file(
        *(
            f"S{n:05d},Person {n},p{n}@example.org,{title},delivery,"
            + (f"S{(n - 1) // 10:05d}" if n else "")
            for n in range(count)
        ),
        header="employee id,name,email,job title,unit,manager employee id",
    )


def test_a_large_import_sets_managers_and_updates_without_case_expressions(
    personas: Any,
) -> None:
    with CaptureQueriesContext(connection) as first:
        summary = import_people(people_file(1500), actor=None, scope_user=None)
    assert summary.created == 1500
    person = Person.objects.select_related("manager").get(employee_id="S01234")
    assert person.manager is not None and person.manager.employee_id == "S00123"
    account = User.objects.get(username=person.user.username)
    assert not account.has_usable_password()
    assert account.is_active and not account.is_staff and account.date_joined is not None
    assert (account.email, account.first_name, account.last_name) == (
        "p1234@example.org",
        "Person",
        "1234",
    )
    assert person.unit.code == "delivery" and person.job_title == "Engineer"

    with CaptureQueriesContext(connection) as again:  # every job title changes
        summary = import_people(people_file(1500, "Lead"), actor=None, scope_user=None)
    assert summary.updated == 1500
    assert Person.objects.filter(employee_id__startswith="S", job_title="Lead").count() == 1500
    for queries in (first, again):
        sql = [query["sql"] for query in queries]
        assert not any("CASE WHEN" in statement for statement in sql)
        updates = [s for s in sql if s.startswith('UPDATE "people_person"')]
        assert len(updates) <= 2  # one per kind of change, whatever the number of people


def test_update_rows_writes_only_the_named_fields(personas: Any) -> None:
    alice, bob = personas.alice, personas.bob
    alice.job_title, alice.unit = "Changed", OrgUnit.objects.get(code="operations")
    bob.job_title = "Also changed"
    assert update_rows(Person, ["job_title"], [alice, bob]) == 2
    alice.refresh_from_db()
    bob.refresh_from_db()
    assert (alice.job_title, alice.unit.code, bob.job_title) == (
        "Changed",
        "delivery",
        "Also changed",
    )
    assert update_rows(Person, ["job_title"], []) == 0
