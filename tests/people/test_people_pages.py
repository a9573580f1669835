"""HR people pages: list, person page, create, edit and rights, with the access rule."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from skillframe.audit.models import AuditEvent
from skillframe.people.models import OrgUnit, Person
from tests.people.helpers import make_person, ops_hr


def signed_in(client: Client, person: Person) -> Client:
    client.force_login(person.user)
    return client


HR_PAGES = [
    ("people:list", ()),
    ("people:create", ()),
    ("people:import", ()),
    ("people:edit", ("E-alice",)),
    ("people:permissions", ("E-alice",)),
    ("people:units", ()),
    ("people:unit_create", ()),
    ("people:unit_edit", ("delivery",)),
]


@pytest.mark.parametrize("who", ["alice", "eve", "bob", "dave"])
def test_hr_pages_refuse_people_who_are_not_hr(client: Client, personas: Any, who: str) -> None:
    signed_in(client, getattr(personas, who))
    for name, args in HR_PAGES:
        assert client.get(reverse(name, args=args)).status_code == 403, name
        assert client.post(reverse(name, args=args), {}).status_code == 403, name
    assert Person.objects.get(pk=personas.alice.pk).manager == personas.bob


def test_hr_pages_send_anonymous_visitors_to_sign_in(client: Client, personas: Any) -> None:
    for name, args in HR_PAGES:
        response = client.get(reverse(name, args=args))
        assert response.status_code == 302, name
        assert response["Location"].startswith(reverse("login")), name
    response = client.get(reverse("people:detail", args=["E-alice"]))
    assert response["Location"].startswith(reverse("login"))


# Session and user (2), the HR gate (2), the scope's units (4: one per level of the three-level
# tree), the people through editable_by (5), count and page (2), the page header's navigation
# flags and bell (4): about 19, and never one per person.
LIST_QUERIES = 22


def test_people_list_shows_the_hr_scope(
    client: Client, personas: Any, django_assert_max_num_queries: Any
) -> None:
    signed_in(client, personas.carol)
    with django_assert_max_num_queries(LIST_QUERIES):
        response = client.get(reverse("people:list"))
    html = response.content.decode()
    assert response.status_code == 200
    for name in ("Alice Archer", "Bob Baker", "Carol Clark", "Dave Dunn", "Eve Evans"):
        assert name in html
    assert "5 people" in html


def test_people_list_query_count_does_not_grow_with_people(
    client: Client, personas: Any, django_assert_max_num_queries: Any
) -> None:
    for n in range(60):
        make_person(f"p{n:02d}", personas.delivery, manager=personas.bob)
    signed_in(client, personas.carol)
    first = client.get(reverse("people:list")).content.decode()
    assert "65 people" in first and first.count('<th scope="row">') == 50
    after = re.search(r'href="\?after=([^"]+)" rel="next"', first)
    assert after is not None
    # A keyset page: the rows after the last one shown, in the same order, as few queries.
    with django_assert_max_num_queries(LIST_QUERIES):
        response = client.get(reverse("people:list"), {"after": after[1]})
    html = response.content.decode()
    assert "65 people" in html and ", continued" in html and 'rel="next"' not in html
    assert html.count('<th scope="row">') == 65 - 50
    everyone = re.findall(r"<td><code>([^<]+)</code></td>", first + html)
    assert len(set(everyone)) == 65  # no one twice, no one left out


def test_people_list_unit_field_is_an_autocomplete(client: Client, personas: Any) -> None:
    # One <option> per matching unit (at most UNIT_CHOICES), never one per unit in the scope.
    from skillframe.people.models import OrgUnit
    from skillframe.people.views_people import UNIT_CHOICES

    OrgUnit.objects.bulk_create(
        OrgUnit(code=f"team-{n:03d}", name=f"Team {n:03d}", parent=personas.delivery)
        for n in range(40)
    )
    signed_in(client, personas.carol)
    page = client.get(reverse("people:list")).content.decode()
    assert page.count("<option") == 0 and 'list="unit-options"' in page
    found = client.get(reverse("people:list"), {"unit": "oper", "unit_search": "1"})
    assert found.content.decode() == '<option value="operations">Operations</option>'
    many = client.get(reverse("people:list"), {"unit": "team", "unit_search": "1"})
    assert many.content.decode().count("<option") == UNIT_CHOICES
    # Only the units the HR admin administers are offered.
    signed_in(client, ops_hr(personas))
    theirs = client.get(reverse("people:list"), {"unit": "e", "unit_search": "1"})
    assert "delivery" not in theirs.content.decode()
    assert (
        "No unit with the code"
        in client.get(reverse("people:list"), {"unit": "delivery"}).content.decode()
    )


def test_people_list_of_an_admin_of_one_unit(client: Client, personas: Any) -> None:
    signed_in(client, ops_hr(personas))
    assert listed(client) == {"E-olga", "E-dave", "E-eve"}


def listed(client: Client, **params: str) -> set[str]:
    """Employee ids of the rows on the people list."""
    html = client.get(reverse("people:list"), params).content.decode()
    return set(re.findall(r"<td><code>([^<]+)</code></td>", html))


def test_people_list_search_and_unit_filter(client: Client, personas: Any) -> None:
    signed_in(client, personas.carol)
    assert listed(client, q="archer") == {"E-alice"}
    assert listed(client, q="E-bob") == {"E-bob"}
    assert listed(client, q="alice arch") == {"E-alice"}
    assert listed(client, q="alice baker") == set()
    assert listed(client, unit="operations") == {"E-dave", "E-eve"}
    # A unit includes the units below it.
    assert listed(client, unit="org") == {"E-alice", "E-bob", "E-carol", "E-dave", "E-eve"}
    assert listed(client, unit="delivery", q="bob") == {"E-bob"}


def test_people_list_htmx_returns_the_results_fragment(client: Client, personas: Any) -> None:
    signed_in(client, personas.carol)
    response = client.get(reverse("people:list"), {"q": "eve"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "Eve Evans" in html
    assert "<h1>" not in html and "<html" not in html


@pytest.mark.parametrize("who", ["alice", "bob", "carol", "dave"])
def test_alice_page_is_visible_to_self_manager_hr_and_assessor(
    client: Client, personas: Any, who: str
) -> None:
    signed_in(client, getattr(personas, who))
    response = client.get(reverse("people:detail", args=["E-alice"]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Alice Archer" in html
    assert "Skillframe Ltd › Delivery" in html
    assert "Bob Baker" in html  # her manager
    assert "Project manager" in html and "Team leader" in html


@pytest.mark.parametrize("who", ["eve", "alice"])
def test_person_page_is_404_for_people_who_may_not_see_them(
    client: Client, personas: Any, who: str
) -> None:
    signed_in(client, getattr(personas, who))
    target = "E-alice" if who == "eve" else "E-eve"
    assert client.get(reverse("people:detail", args=[target])).status_code == 404
    assert client.get(reverse("people:detail", args=["E-nobody"])).status_code == 404


def test_person_page_lists_reports_and_links_only_what_is_visible(
    client: Client, personas: Any
) -> None:
    signed_in(client, personas.alice)
    html = client.get(reverse("people:detail", args=["E-alice"])).content.decode()
    # Alice may read her manager's name but not open his page.
    assert reverse("people:detail", args=["E-bob"]) not in html
    assert "Edit this person" not in html
    signed_in(client, personas.bob)
    html = client.get(reverse("people:detail", args=["E-bob"])).content.decode()
    assert reverse("people:detail", args=["E-alice"]) in html  # his report
    signed_in(client, personas.carol)
    html = client.get(reverse("people:detail", args=["E-dave"])).content.decode()
    assert "Edit this person" in html
    assert "Alice Archer (<code>E-alice</code>)" in html  # Dave assesses Alice


def test_create_person_creates_the_account(client: Client, personas: Any) -> None:
    User.objects.create_user("frank", "someone@example.org")  # the e-mail's local part is taken
    signed_in(client, personas.carol)
    response = client.post(
        reverse("people:create"),
        {
            "employee_id": "E-101",
            "first_name": "Frank",
            "last_name": "Fisher",
            "email": "frank@example.org",
            "job_title": "Analyst",
            "unit": personas.delivery.pk,
            "manager": "E-bob",
            "current_role": personas.pm.pk,
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("people:detail", args=["E-101"])
    frank = Person.objects.select_related("user").get(employee_id="E-101")
    assert frank.user.username == "frank-2"
    assert not frank.user.has_usable_password()
    assert frank.user.get_full_name() == "Frank Fisher"
    assert (frank.unit, frank.manager, frank.current_role) == (
        personas.delivery,
        personas.bob,
        personas.pm,
    )
    assert AuditEvent.objects.filter(action="person.create", target=f"people.person:{frank.pk}")


def test_create_person_errors_name_the_field_and_save_nothing(
    client: Client, personas: Any
) -> None:
    signed_in(client, personas.carol)
    before = (Person.objects.count(), User.objects.count())
    response = client.post(
        reverse("people:create"),
        {
            "employee_id": "E-alice",
            "first_name": "Dup",
            "email": "eve@example.org",
            "unit": personas.delivery.pk,
            "manager": "E-ghost",
        },
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "exists already" in errors["employee_id"][0]
    assert "another account" in errors["email"][0]
    assert "E-ghost" in errors["manager"][0]
    assert (Person.objects.count(), User.objects.count()) == before


def test_create_person_outside_scope_is_refused(client: Client, personas: Any) -> None:
    signed_in(client, ops_hr(personas))
    response = client.post(
        reverse("people:create"),
        {
            "employee_id": "E-102",
            "first_name": "Gil",
            "email": "gil@example.org",
            "unit": personas.delivery.pk,
        },
    )
    assert response.status_code == 400
    assert "administer" in response.context["form"].errors["unit"][0]
    assert not Person.objects.filter(employee_id="E-102").exists()


def edit_data(person: Person, **changes: Any) -> dict[str, Any]:
    data = {
        "first_name": person.user.first_name,
        "last_name": person.user.last_name,
        "email": person.user.email,
        "job_title": person.job_title,
        "unit": person.unit_id,
        "manager": person.manager.employee_id if person.manager else "",
        "current_role": person.current_role_id or "",
        "target_role": person.target_role_id or "",
    }
    return data | changes


def test_edit_person(client: Client, personas: Any) -> None:
    signed_in(client, personas.carol)
    page = client.get(reverse("people:edit", args=["E-eve"]))
    assert page.status_code == 200
    assert 'name="employee_id"' not in page.content.decode()  # the record's key stays
    response = client.post(
        reverse("people:edit", args=["E-eve"]),
        edit_data(
            personas.eve,
            job_title="Head of service",
            unit=personas.delivery.pk,
            manager="E-bob",
            target_role=personas.leader.pk,
        ),
    )
    assert response.status_code == 302
    eve = Person.objects.get(pk=personas.eve.pk)
    assert (eve.job_title, eve.unit, eve.manager, eve.target_role) == (
        "Head of service",
        personas.delivery,
        personas.bob,
        personas.leader,
    )
    event = AuditEvent.objects.get(action="person.update")
    assert set(event.data["fields"]) == {"job_title", "unit_id", "manager_id", "target_role_id"}


def test_edit_refuses_a_manager_cycle(client: Client, personas: Any) -> None:
    signed_in(client, personas.carol)
    response = client.post(
        reverse("people:edit", args=["E-bob"]), edit_data(personas.bob, manager="E-alice")
    )
    assert response.status_code == 400
    assert "cycle" in response.context["form"].errors["manager"][0]
    response = client.post(
        reverse("people:edit", args=["E-bob"]), edit_data(personas.bob, manager="E-bob")
    )
    assert response.status_code == 400
    assert Person.objects.get(pk=personas.bob.pk).manager is None


def test_edit_refuses_a_unit_outside_the_hr_scope(client: Client, personas: Any) -> None:
    signed_in(client, ops_hr(personas))
    response = client.post(
        reverse("people:edit", args=["E-eve"]),
        edit_data(personas.eve, unit=personas.delivery.pk),
    )
    assert response.status_code == 400
    assert "administer" in response.context["form"].errors["unit"][0]
    assert Person.objects.get(pk=personas.eve.pk).unit == personas.operations


def test_edit_of_a_person_outside_the_scope(client: Client, personas: Any) -> None:
    olga = ops_hr(personas)
    signed_in(client, olga)
    # Alice is unknown to Olga: 404. Olga's own manager is known to her but not hers to edit.
    assert client.get(reverse("people:edit", args=["E-alice"])).status_code == 404
    head = make_person("hana", personas.org)
    Person.objects.filter(pk=head.pk).update(manager=olga)  # a report she sees but cannot edit
    assert client.get(reverse("people:edit", args=["E-hana"])).status_code == 403


def test_permissions_page_grants_units_and_learners(client: Client, personas: Any) -> None:
    signed_in(client, personas.carol)
    response = client.post(
        reverse("people:permissions", args=["E-eve"]),
        {"hr_units": [personas.operations.pk], "learners": "E-dave\nE-bob"},
    )
    assert response.status_code == 302
    eve = personas.eve
    assert set(eve.hr_units.all()) == {personas.operations}
    assert set(eve.learners.values_list("employee_id", flat=True)) == {"E-dave", "E-bob"}
    assert AuditEvent.objects.filter(action="people.permissions").count() == 1


def test_permissions_keep_grants_outside_the_granters_scope(client: Client, personas: Any) -> None:
    night = OrgUnit.objects.create(code="night", name="Night", parent=personas.operations)
    personas.dave.hr_units.add(personas.delivery)  # granted by Carol
    signed_in(client, ops_hr(personas))
    response = client.post(
        reverse("people:permissions", args=["E-dave"]),
        {"hr_units": [night.pk], "learners": "E-eve"},
    )
    assert response.status_code == 302
    assert set(personas.dave.hr_units.all()) == {personas.delivery, night}
    # Alice (outside Olga's scope) stays Dave's learner.
    assert set(personas.dave.learners.values_list("employee_id", flat=True)) == {
        "E-alice",
        "E-eve",
    }


def test_permissions_refuse_units_and_people_outside_the_scope(
    client: Client, personas: Any
) -> None:
    signed_in(client, ops_hr(personas))
    response = client.post(
        reverse("people:permissions", args=["E-eve"]),
        {"hr_units": [personas.delivery.pk], "learners": "E-alice E-eve"},
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "administer" in errors["hr_units"][0]
    assert "E-alice" in errors["learners"][0]
    assert not personas.eve.hr_units.exists()
