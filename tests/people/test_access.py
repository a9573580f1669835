"""The one access rule (people/access.py) over the personas of DESIGN.md §7."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from skillframe.people import access
from skillframe.people.models import OrgUnit, Person


def visible(user: Any) -> set[str]:
    return set(Person.objects.visible_to(user).values_list("user__username", flat=True))


def editable(user: Any) -> set[str]:
    return set(Person.objects.editable_by(user).values_list("user__username", flat=True))


EVERYONE = {"alice", "bob", "carol", "dave", "eve", "iris"}


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("alice", {"alice"}),
        ("bob", {"bob", "alice"}),
        ("carol", EVERYONE),
        ("dave", {"dave", "alice"}),
        ("eve", {"eve"}),
    ],
)
def test_who_sees_whom(personas: Any, who: str, sees: set[str]) -> None:
    assert visible(getattr(personas, who).user) == sees


def test_anonymous_sees_nobody(personas: Any) -> None:
    assert visible(AnonymousUser()) == set()
    assert editable(AnonymousUser()) == set()


def test_only_hr_edits_person_records(personas: Any) -> None:
    assert editable(personas.carol.user) == EVERYONE
    for who in ("alice", "bob", "dave", "eve", "iris"):
        assert editable(getattr(personas, who).user) == set()


def test_superuser_sees_and_edits_everyone(personas: Any) -> None:
    admin = User.objects.create_superuser("root", "root@example.org", "x")
    assert visible(admin) == EVERYONE
    assert editable(admin) == EVERYONE


def test_indirect_reports_are_visible_to_the_manager_above(personas: Any) -> None:
    # Bob reports to a new head of delivery: she sees Bob and, through him, Alice.
    head_user = User.objects.create_user("hana", "hana@example.org", "x")
    head = Person.objects.create(user=head_user, employee_id="E-hana", unit=personas.delivery)
    Person.objects.filter(pk=personas.bob.pk).update(manager=head)
    assert visible(head_user) == {"hana", "bob", "alice"}
    assert access.manages(head_user, personas.alice)
    assert not access.manages(personas.alice.user, personas.bob)


def test_hr_scope_is_the_unit_subtree(personas: Any) -> None:
    # An HR admin of Operations only: sees Dave, Eve and Iris (and herself), not Delivery.
    user = User.objects.create_user("olga", "olga@example.org", "x")
    olga = Person.objects.create(user=user, employee_id="E-olga", unit=personas.operations)
    olga.hr_units.add(personas.operations)
    sub = OrgUnit.objects.create(code="ops-night", name="Night shift", parent=personas.operations)
    night_user = User.objects.create_user("nick", "nick@example.org", "x")
    Person.objects.create(user=night_user, employee_id="E-nick", unit=sub)
    assert visible(user) == {"olga", "dave", "eve", "iris", "nick"}
    assert editable(user) == {"olga", "dave", "eve", "iris", "nick"}
    assert access.is_hr_admin(user)
    assert not access.is_hr_admin(personas.bob.user)


def test_manager_cycle_is_refused(personas: Any) -> None:
    bob = personas.bob
    bob.manager = personas.alice  # Alice reports to Bob already
    with pytest.raises(ValidationError) as error:
        bob.clean()
    assert "manager" in error.value.message_dict


# The lookup of a user's person record (people.access.person_of).
OWN_PERSON = re.compile(r'FROM "people_person" WHERE "people_person"."user_id" = \d+ LIMIT')


def test_the_viewers_person_is_read_once_per_request(personas: Any, client: Client) -> None:
    """Views, the access rule and the domain all ask for the viewer's person: one query."""
    client.force_login(personas.bob.user)
    for path in ("/me/", "/me/ratings/", "/people/E-alice/ratings/", "/plans/new/", "/team/"):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200, path
        lookups = [q["sql"] for q in captured.captured_queries if OWN_PERSON.search(q["sql"])]
        assert len(lookups) <= 1, (path, lookups)


def test_an_api_token_brings_the_callers_person(personas: Any, client: Client) -> None:
    from skillframe.api.models import ApiToken

    _, secret = ApiToken.issue(personas.bob.user, "script")
    with CaptureQueriesContext(connection) as captured:
        # Creating a plan asks whose it is (people.access.person_of): the token lookup told.
        response = client.post(
            "/api/plans",
            {"title": "Grow"},
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {secret}",
        )
    assert response.status_code == 201
    assert not [q for q in captured.captured_queries if OWN_PERSON.search(q["sql"])]
