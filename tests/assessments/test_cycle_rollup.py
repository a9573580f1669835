"""Cycle progress rolled up the unit tree, one level at a time with drill-down (issue 13 item 7:
one row per unit was 2.6 MB at 12,507 units)."""

from __future__ import annotations

import re
from typing import Any

from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from skillframe.assessments.models import SelfAssessment
from skillframe.people.models import OrgUnit, Person
from tests.assessments.test_cycles_pages import login, make_cycle, progress_rows


def person_in(unit: OrgUnit, name: str, status: str = "") -> Person:
    user = User.objects.create_user(name, f"{name}@example.org", "x")
    person = Person.objects.create(user=user, employee_id=f"E-{name}", unit=unit)
    return person


def tree(personas: Any) -> tuple[OrgUnit, OrgUnit]:
    """Delivery › PMO › Portfolio office, with people at each level."""
    pmo = OrgUnit.objects.create(code="pmo", name="PMO", parent=personas.delivery)
    office = OrgUnit.objects.create(code="portfolio", name="Portfolio office", parent=pmo)
    person_in(pmo, "pam")
    person_in(office, "olly")
    person_in(office, "oona")
    return pmo, office


def test_top_level_rolls_each_unit_up_with_everyone_below_it(client: Client, personas: Any) -> None:
    tree(personas)
    cycle = make_cycle(personas, personas.org)
    olly = Person.objects.get(employee_id="E-olly")
    SelfAssessment.objects.create(person=olly, cycle=cycle, status="reviewed")
    SelfAssessment.objects.create(person=personas.alice, cycle=cycle, status="submitted")
    login(client, personas, "carol")
    html = client.get(f"/cycles/{cycle.pk}/").content.decode()
    rows = progress_rows(html)
    # Delivery: alice, bob + pam (PMO) + olly, oona (Portfolio office) = 5; 2 done = 40%.
    assert rows == {
        "Delivery": ["5", "3", "0", "1", "1", "40%"],
        "Operations": ["2", "2", "0", "0", "0", "0%"],
        "Skillframe Ltd": ["1", "1", "0", "0", "0", "0%"],  # carol, directly in the root
        "All units in your scope": ["8", "6", "0", "1", "1", "25%"],
    }
    assert "PMO" not in html  # one level at a time
    assert 'href="?unit=delivery#progress">2 units</a>' in html

    drilled = client.get(f"/cycles/{cycle.pk}/", {"unit": "delivery"}).content.decode()
    assert progress_rows(drilled) == {
        "PMO": ["3", "2", "0", "0", "1", "33%"],
        "Delivery": ["2", "1", "0", "1", "0", "50%"],  # alice and bob, directly in Delivery
        "All of Delivery": ["5", "3", "0", "1", "1", "40%"],
    }
    assert re.search(r'<a href="\?unit=org#progress">Skillframe Ltd</a>.*Delivery', drilled, re.S)
    deepest = client.get(f"/cycles/{cycle.pk}/", {"unit": "portfolio"}).content.decode()
    assert progress_rows(deepest) == {
        "Portfolio office": ["2", "1", "0", "0", "1", "50%"],
        "All of Portfolio office": ["2", "1", "0", "0", "1", "50%"],
    }


def test_a_unit_outside_the_scope_is_not_shown(client: Client, personas: Any) -> None:
    cycle = make_cycle(personas, personas.org)
    personas.dave.hr_units.add(personas.operations)
    login(client, personas, "dave")
    html = client.get(f"/cycles/{cycle.pk}/", {"unit": "delivery"}).content.decode()
    assert "No unit with the code “delivery”" in html
    assert list(progress_rows(html)) == ["Operations", "All units in your scope"]


def test_separate_scope_roots_are_listed_side_by_side(client: Client, personas: Any) -> None:
    cycle = make_cycle(personas, personas.org)
    personas.dave.hr_units.add(personas.operations, personas.delivery)
    login(client, personas, "dave")
    rows = progress_rows(client.get(f"/cycles/{cycle.pk}/").content.decode())
    assert rows == {
        "Delivery": ["2", "2", "0", "0", "0", "0%"],
        "Operations": ["2", "2", "0", "0", "0", "0%"],
        "All units in your scope": ["4", "4", "0", "0", "0", "0%"],
    }


def test_queries_and_rows_do_not_grow_with_units(client: Client, personas: Any) -> None:
    cycle = make_cycle(personas, personas.org)
    login(client, personas, "carol")
    tree(personas)
    with CaptureQueriesContext(connection) as few:
        small = client.get(f"/cycles/{cycle.pk}/").content.decode()
    for n in range(60):  # 60 more teams below PMO, a person in each
        team = OrgUnit.objects.create(
            code=f"team-{n}", name=f"Team {n}", parent=OrgUnit.objects.get(code="pmo")
        )
        person_in(team, f"t{n}")
    with CaptureQueriesContext(connection) as many:
        large = client.get(f"/cycles/{cycle.pk}/").content.decode()
    assert len(many) == len(few)
    assert len(progress_rows(large)) == len(progress_rows(small)) == 4
    assert progress_rows(large)["Delivery"][0] == "65"
