"""HR's assessment cycles: opening (validation, notifications, audit), progress, closing."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from skillframe.assessments.models import Cycle, SelfAssessment
from skillframe.audit.models import AuditEvent
from skillframe.http import confirm_token
from skillframe.notifications.models import Notification
from skillframe.people.models import Person


def login(client: Client, personas: Any, name: str) -> Client:
    client.force_login(getattr(personas, name).user)
    return client


def make_cycle(personas: Any, *units: Any, roles: tuple[Any, ...] = ()) -> Cycle:
    today = timezone.localdate()
    cycle = Cycle.objects.create(
        name="Spring review", starts_on=today, ends_on=today + timedelta(days=30)
    )
    cycle.units.set(units)
    cycle.roles.set(roles)
    return cycle


@pytest.mark.parametrize("name", ["alice", "bob", "eve"])
def test_cycle_pages_are_403_for_people_who_are_not_hr(
    client: Client, personas: Any, name: str
) -> None:
    # HR pages refuse with 403 before looking anything up (people/access.py), like every HR page.
    cycle = make_cycle(personas, personas.org)
    login(client, personas, name)
    assert client.get("/cycles/").status_code == 403
    assert client.get("/cycles/new/").status_code == 403
    assert client.post("/cycles/new/", {"name": "x"}).status_code == 403
    assert client.get(f"/cycles/{cycle.pk}/").status_code == 403
    assert client.get("/cycles/999999/").status_code == 403  # the same: nothing leaks
    assert client.post(f"/cycles/{cycle.pk}/close/").status_code == 403
    cycle.refresh_from_db()
    assert cycle.status == "open" and Cycle.objects.count() == 1


def test_hr_opens_a_cycle_and_everyone_in_scope_is_notified(
    client: Client, personas: Any, django_capture_on_commit_callbacks: Any
) -> None:
    login(client, personas, "carol")
    form = client.get("/cycles/new/").content.decode()
    assert "Delivery" in form and "Project manager" in form
    data = {
        "name": "Spring review",
        "starts_on": "2026-03-01",
        "ends_on": "2026-04-30",
        "units": [personas.delivery.pk],
        "roles": [personas.leader.pk],
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/cycles/new/", data)
    cycle = Cycle.objects.get()
    assert response["Location"] == f"/cycles/{cycle.pk}/"
    assert (cycle.name, cycle.starts_on, cycle.ends_on, cycle.created_by) == (
        "Spring review",
        date(2026, 3, 1),
        date(2026, 4, 30),
        personas.carol.user,
    )
    notified = set(Notification.objects.values_list("recipient__username", flat=True))
    assert notified == {"alice", "bob"}  # Delivery; nobody else holds team-leader
    assert sorted(m.to[0] for m in mail.outbox) == ["alice@example.org", "bob@example.org"]
    event = AuditEvent.objects.get(action="cycle.open")
    assert event.data["units"] == ["delivery"] and event.data["notified"] == 2
    listing = client.get("/cycles/").content.decode()
    assert "Spring review" in listing and "role Team leader" in listing


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"ends_on": "2026-02-01"}, "ends_on", "the cycle ends before it starts"),
        ({"units": [], "roles": []}, "units", "choose at least one unit or role"),
        ({"name": ""}, "name", "This field is required."),
        ({"starts_on": "1 March"}, "starts_on", "Enter a valid date."),
    ],
)
def test_invalid_cycle_is_refused_naming_the_field(
    client: Client, personas: Any, change: dict[str, Any], field: str, message: str
) -> None:
    login(client, personas, "carol")
    data = {
        "name": "Spring review",
        "starts_on": "2026-03-01",
        "ends_on": "2026-04-30",
        "units": [personas.delivery.pk],
    } | change
    response = client.post("/cycles/new/", data)
    assert response.status_code == 400
    assert message in str(response.context["form"].errors[field])
    assert not Cycle.objects.exists() and not Notification.objects.exists()
    assert not AuditEvent.objects.filter(action="cycle.open").exists()


def test_unit_choices_are_limited_to_the_units_hr_administers(
    client: Client, personas: Any
) -> None:
    personas.dave.hr_units.add(personas.operations)
    login(client, personas, "dave")
    data = {
        "name": "Ops",
        "starts_on": "2026-03-01",
        "ends_on": "2026-04-30",
        "units": [personas.delivery.pk],
    }
    response = client.post("/cycles/new/", data)
    assert response.status_code == 400 and "units" in response.context["form"].errors


def progress_rows(html: str) -> dict[str, list[str]]:
    import re

    rows = {}
    for name, cells in re.findall(r'<th scope="row">([^<]+)</th>(.*?)</tr>', html, re.S):
        rows[name] = re.findall(r'<td class="num">([^<]+)</td>', cells)
    return rows


def test_progress_counts_people_per_unit_by_stage(client: Client, personas: Any) -> None:
    cycle = make_cycle(personas, personas.org)
    SelfAssessment.objects.create(person=personas.alice, cycle=cycle, role=personas.pm)
    SelfAssessment.objects.create(
        person=personas.alice, cycle=cycle, role=personas.leader, status="submitted"
    )  # alice's most advanced self-assessment counts: submitted
    SelfAssessment.objects.create(person=personas.bob, cycle=cycle, role=personas.pm)
    SelfAssessment.objects.create(
        person=personas.eve, cycle=cycle, role=personas.pm, status="reviewed"
    )
    other = make_cycle(personas, personas.org)  # another cycle's progress does not count
    SelfAssessment.objects.create(person=personas.dave, cycle=other, status="submitted")
    login(client, personas, "carol")
    rows = progress_rows(client.get(f"/cycles/{cycle.pk}/").content.decode())
    # people, not started, in progress, submitted, reviewed, done
    assert rows == {
        "Delivery": ["2", "0", "1", "1", "0", "50%"],
        "Operations": ["3", "2", "0", "0", "1", "33%"],  # dave, eve and iris
        "Skillframe Ltd": ["1", "1", "0", "0", "0", "0%"],
        "All units in your scope": ["6", "3", "1", "1", "1", "33%"],
    }


def test_progress_shows_only_people_in_units_hr_administers(client: Client, personas: Any) -> None:
    cycle = make_cycle(personas, personas.org)
    personas.dave.hr_units.add(personas.operations)
    login(client, personas, "dave")
    rows = progress_rows(client.get(f"/cycles/{cycle.pk}/").content.decode())
    assert list(rows) == ["Operations", "All units in your scope"]
    assert rows["Operations"][0] == "3"  # dave, eve and iris


def test_role_scope_reaches_people_in_any_unit(client: Client, personas: Any) -> None:
    cycle = make_cycle(personas, roles=(personas.pm,))
    login(client, personas, "carol")
    rows = progress_rows(client.get(f"/cycles/{cycle.pk}/").content.decode())
    assert rows["Delivery"][0] == "2" and rows["Operations"][0] == "1"  # alice, bob; eve


def add_people(personas: Any, cycle: Cycle, count: int, start: int) -> None:
    for n in range(start, start + count):
        user = User.objects.create_user(f"p{n}", f"p{n}@example.org", "x")
        person = Person.objects.create(user=user, employee_id=f"P{n}", unit=personas.operations)
        if n % 2:
            SelfAssessment.objects.create(person=person, cycle=cycle, status="submitted")


def test_progress_query_count_does_not_grow_with_people(
    client: Client, personas: Any, django_assert_max_num_queries: Any
) -> None:
    cycle = make_cycle(personas, personas.org)
    login(client, personas, "carol")
    add_people(personas, cycle, 3, 0)
    with CaptureQueriesContext(connection) as few:
        client.get(f"/cycles/{cycle.pk}/")
    add_people(personas, cycle, 40, 3)
    with django_assert_max_num_queries(len(few)):
        html = client.get(f"/cycles/{cycle.pk}/").content.decode()
    # Operations: dave, eve, iris and 43 more, of whom the 21 with an odd number submitted.
    assert progress_rows(html)["Operations"] == ["46", "25", "0", "21", "0", "45%"]
    # 20 here: sign-in, the access rule and navigation, unit tree walks, one aggregate.
    assert len(few) <= 22


def test_closing_a_cycle_audits_and_hides_it_from_people(client: Client, personas: Any) -> None:
    cycle = make_cycle(personas, personas.delivery)
    login(client, personas, "alice")
    assert "Spring review" in client.get("/me/").content.decode()
    login(client, personas, "carol")
    # Issue 11: closing goes through its confirmation step (tests/assessments/test_cycle_close.py).
    confirm = confirm_token("cycle.close", f"cycle:{cycle.pk}")
    response = client.post(f"/cycles/{cycle.pk}/close/", {"confirm": confirm})
    assert response["Location"] == f"/cycles/{cycle.pk}/?closed=1"
    cycle.refresh_from_db()
    assert cycle.status == "closed"
    assert AuditEvent.objects.filter(action="cycle.close", actor=personas.carol.user).count() == 1
    client.post(f"/cycles/{cycle.pk}/close/", {"confirm": confirm})  # twice: nothing more
    assert AuditEvent.objects.filter(action="cycle.close").count() == 1
    assert client.get(f"/cycles/{cycle.pk}/close/")["Location"] == f"/cycles/{cycle.pk}/"
    login(client, personas, "alice")
    assert "Spring review" not in client.get("/me/").content.decode()
