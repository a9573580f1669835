"""The org unit tree and the unit forms for HR admins."""

from __future__ import annotations

import re
from typing import Any

from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from skillframe.audit.models import AuditEvent
from skillframe.people.models import OrgUnit
from skillframe.people.views_units import tree_rows
from tests.people.helpers import ops_hr


def unit_codes(html: str) -> list[str]:
    return re.findall(r"<td><code>([^<]+)</code></td>", html)


def test_unit_tree_of_the_whole_organisation(
    client: Client, personas: Any, django_assert_max_num_queries: Any
) -> None:
    OrgUnit.objects.create(code="night", name="Night shift", parent=personas.operations)
    client.force_login(personas.carol.user)
    with django_assert_max_num_queries(16):
        response = client.get(reverse("people:units"))
    html = response.content.decode()
    assert response.status_code == 200
    # Tree order: each unit followed by the units below it, siblings by name.
    assert unit_codes(html) == ["org", "delivery", "operations", "night"]
    assert reverse("people:unit_edit", args=["night"]) in html


def test_unit_tree_of_an_admin_of_one_unit(client: Client, personas: Any) -> None:
    client.force_login(ops_hr(personas).user)
    html = client.get(reverse("people:units")).content.decode()
    assert unit_codes(html) == ["operations"]


def test_tree_rows_depths() -> None:
    a = OrgUnit(pk=1, code="a", name="A")
    b = OrgUnit(pk=2, code="b", name="B", parent_id=1)
    c = OrgUnit(pk=3, code="c", name="C", parent_id=2)
    d = OrgUnit(pk=4, code="d", name="Aa", parent_id=1)
    rows = tree_rows([c, b, a, d])
    assert [(row.unit.code, row.depth) for row in rows] == [("a", 0), ("d", 1), ("b", 1), ("c", 2)]


def test_create_unit_inside_the_scope(client: Client, personas: Any) -> None:
    client.force_login(ops_hr(personas).user)
    page = client.get(reverse("people:unit_create"), {"parent": personas.operations.pk})
    assert page.status_code == 200
    response = client.post(
        reverse("people:unit_create"),
        {"code": "night", "name": "Night shift", "parent": personas.operations.pk},
    )
    assert response.status_code == 302
    night = OrgUnit.objects.get(code="night")
    assert night.parent == personas.operations
    assert AuditEvent.objects.filter(action="unit.create", target=f"people.orgunit:{night.pk}")


def test_create_unit_outside_the_scope_is_refused(client: Client, personas: Any) -> None:
    client.force_login(ops_hr(personas).user)
    for parent in (personas.delivery.pk, ""):
        response = client.post(
            reverse("people:unit_create"), {"code": "x", "name": "X", "parent": parent}
        )
        assert response.status_code == 400
        assert "parent" in response.context["form"].errors
    response = client.post(
        reverse("people:unit_create"),
        {"code": "delivery", "name": "Again", "parent": personas.operations.pk},
    )
    assert "code" in response.context["form"].errors  # codes are unique
    assert not OrgUnit.objects.filter(code="x").exists()


def test_superuser_creates_a_top_unit(client: Client, personas: Any) -> None:
    client.force_login(User.objects.create_superuser("root", "root@example.org", "x"))
    response = client.post(reverse("people:unit_create"), {"code": "sister", "name": "Sister"})
    assert response.status_code == 302
    assert OrgUnit.objects.get(code="sister").parent is None


def test_edit_unit_refuses_a_cycle(client: Client, personas: Any) -> None:
    client.force_login(personas.carol.user)
    url = reverse("people:unit_edit", args=["org"])
    for parent in (personas.delivery.pk, personas.org.pk):
        response = client.post(url, {"code": "org", "name": "Org", "parent": parent})
        assert response.status_code == 400
        assert "below itself" in response.context["form"].errors["parent"][0]
    assert OrgUnit.objects.get(code="org").parent is None


def test_edit_unit_moves_and_renames(client: Client, personas: Any) -> None:
    client.force_login(personas.carol.user)
    response = client.post(
        reverse("people:unit_edit", args=["operations"]),
        {"code": "operations", "name": "Service operations", "parent": personas.delivery.pk},
    )
    assert response.status_code == 302
    unit = OrgUnit.objects.get(code="operations")
    assert (unit.name, unit.parent) == ("Service operations", personas.delivery)
    event = AuditEvent.objects.get(action="unit.update")
    assert set(event.data["fields"]) == {"name", "parent"}


def test_admin_renames_the_top_of_their_scope_keeping_its_parent(
    client: Client, personas: Any
) -> None:
    client.force_login(ops_hr(personas).user)
    url = reverse("people:unit_edit", args=["operations"])
    response = client.post(url, {"code": "operations", "name": "Ops", "parent": personas.org.pk})
    assert response.status_code == 302
    assert OrgUnit.objects.get(code="operations").name == "Ops"
    # …but may not move it under a unit they do not administer.
    response = client.post(
        url, {"code": "operations", "name": "Ops", "parent": personas.delivery.pk}
    )
    assert response.status_code == 400
    assert OrgUnit.objects.get(code="operations").parent == personas.org


def test_edit_unit_outside_the_scope_is_404(client: Client, personas: Any) -> None:
    client.force_login(ops_hr(personas).user)
    assert client.get(reverse("people:unit_edit", args=["delivery"])).status_code == 404
    assert client.get(reverse("people:unit_edit", args=["nowhere"])).status_code == 404
