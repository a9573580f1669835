"""HR scope (issue 10 item 4): an admin scoped to one unit could detach himself from his
manager, become the manager of his own manager and of the organisation-wide HR admin, then
validate their ratings. Now nobody changes their own unit, manager or permissions, nor those of
anyone who administers them; a new manager must be in the admin's scope; the chain never loops.
The same through the API, the HR pages and the people import. Audit events keep old and new."""

from __future__ import annotations

import io
from types import SimpleNamespace
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from skillframe.audit.models import AuditEvent
from skillframe.importing.problems import FormatError
from skillframe.people.admin_guard import ABOVE, OUT_OF_SCOPE, OWN
from skillframe.people.models import OrgUnit, Person
from skillframe.people.people_import import import_people
from skillframe.people.records import set_permissions
from tests.api.api_helpers import fields, send, signed_in
from tests.people.helpers import make_person


@pytest.fixture
def org(personas: Any) -> SimpleNamespace:
    """Bob: HR admin of Delivery only, reporting to Mia (Delivery). Carol, the organisation-wide
    HR admin, sits in Delivery too: Bob's scope reaches her record."""
    mia = make_person("mia", personas.delivery)
    personas.bob.manager = mia
    personas.bob.save()
    personas.bob.hr_units.add(personas.delivery)
    personas.carol.unit = personas.delivery
    personas.carol.save()
    return SimpleNamespace(**vars(personas), mia=mia)


def _line(person: Person) -> tuple[int, int | None]:
    person.refresh_from_db()
    return person.unit_id, person.manager_id


def test_the_reported_escalation_is_refused_through_the_api(org: Any) -> None:
    bob = signed_in(org.bob)
    before = {p.pk: _line(p) for p in (org.bob, org.mia, org.carol)}
    assert fields(send(bob, "PATCH", "/api/people/E-bob", {"manager": None}))["manager"] == OWN
    assert OWN in fields(send(bob, "PATCH", "/api/people/E-bob", {"unit": "operations"}))["unit"]
    cycle = fields(send(bob, "PATCH", "/api/people/E-mia", {"manager": "E-bob"}))
    assert "reporting cycle" in cycle["manager"]
    above = fields(send(bob, "PATCH", "/api/people/E-carol", {"manager": "E-bob"}))
    assert above["manager"] == ABOVE
    assert {p.pk: _line(p) for p in (org.bob, org.mia, org.carol)} == before
    assert not AuditEvent.objects.filter(action="person.update").exists()
    # Bob never became anyone's manager, so he may not validate Mia's or Carol's ratings.
    rating = {"framework": "axelos", "element": "PPM-PPL", "source": "manager", "level": 3}
    assert send(bob, "POST", "/api/people/E-carol/ratings", rating).status_code in (403, 422)
    # What is not the reporting line stays his to change, and others' lines in his scope too.
    assert send(bob, "PATCH", "/api/people/E-bob", {"job_title": "HR lead"}).status_code == 200
    moved = send(bob, "PATCH", "/api/people/E-alice", {"manager": "E-mia"})
    assert moved.status_code == 200, moved.content


def test_a_new_manager_must_be_in_the_admins_scope(org: Any) -> None:
    # Olga administers Operations and manages Alice: Alice is visible to her, not in her scope.
    olga = make_person("olga", org.operations, hr_of=org.operations)
    org.alice.manager = olga
    org.alice.save()
    response = send(signed_in(olga), "PATCH", "/api/people/E-eve", {"manager": "E-alice"})
    assert fields(response)["manager"] == OUT_OF_SCOPE
    assert Person.objects.get(pk=org.eve.pk).manager_id is None


def test_permissions_of_oneself_and_of_ones_admins_cannot_be_changed(org: Any) -> None:
    with pytest.raises(PermissionDenied):
        set_permissions(org.bob, hr_unit_ids=set(), learner_ids=set(), actor=org.bob.user)
    with pytest.raises(PermissionDenied):
        set_permissions(org.carol, hr_unit_ids=set(), learner_ids=set(), actor=org.bob.user)
    client = Client()
    client.force_login(org.bob.user)
    page = client.post("/people/E-bob/permissions/", {"hr_units": [], "learners": ""})
    assert page.status_code == 403
    assert set(org.bob.hr_units.values_list("code", flat=True)) == {"delivery"}
    assert set(org.carol.hr_units.values_list("code", flat=True)) == {"org"}
    # An admin above him whom he does not administer (Carol, back in the top unit) may.
    org.carol.unit = OrgUnit.objects.get(code="org")
    org.carol.save()
    set_permissions(org.bob, hr_unit_ids=set(), learner_ids=set(), actor=org.carol.user)
    assert not org.bob.hr_units.exists()


def test_the_hr_page_refuses_the_same_changes(org: Any) -> None:
    client = Client()
    client.force_login(org.bob.user)
    form = {
        "employee_id": "E-bob",
        "first_name": "Bob",
        "last_name": "Baker",
        "email": org.bob.user.email,
        "job_title": org.bob.job_title,
        "unit": org.delivery.pk,
        "manager": "",
    }
    page = client.post("/people/E-bob/edit/", form)
    assert page.status_code == 400
    assert OWN in page.context["form"].errors["manager"]
    assert _line(org.bob)[1] == org.mia.pk


def test_the_people_import_refuses_the_same_changes(org: Any) -> None:
    header = "employee_id,name,email,job_title,unit,manager_employee_id"
    rows = [
        f"E-bob,Bob Baker,{org.bob.user.email},,delivery,",
        f"E-carol,Carol Clark,{org.carol.user.email},,delivery,E-bob",
    ]
    data = io.BytesIO("\n".join([header, *rows]).encode())
    with pytest.raises(FormatError) as caught:
        import_people(data, actor=org.bob.user, scope_user=org.bob.user)
    found = {(p.where, p.field): p.message for p in caught.value.problems}
    assert found[("row 2", "manager_employee_id")] == OWN
    assert found[("row 3", "manager_employee_id")] == ABOVE
    assert (_line(org.bob)[1], _line(org.carol)[1]) == (org.mia.pk, None)


def test_a_person_update_is_audited_with_old_and_new_values(personas: Any) -> None:
    carol = signed_in(personas.carol)
    body = {"unit": "operations", "manager": "E-eve", "job_title": "Lead"}
    assert send(carol, "PATCH", "/api/people/E-alice", body).status_code == 200
    event = AuditEvent.objects.get(action="person.update")
    assert event.data["changes"] == {
        "unit": {"old": "delivery", "new": "operations"},
        "manager": {"old": "E-bob", "new": "E-eve"},
        "job_title": {"old": "Project manager", "new": "Lead"},
    }
    assert sorted(event.data["fields"]) == ["job_title", "manager_id", "unit_id"]
