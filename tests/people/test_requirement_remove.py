"""Issue 11: removing a role requirement is confirmed on the server, not by a JavaScript prompt.

The step names the role, the element and how many people hold the role or aim at it; only a
POST carrying the step's signed token removes; a bare POST (an old one-click form, a script)
changes nothing and answers with the confirmation."""

from __future__ import annotations

from typing import Any

from django.test import Client

from skillframe.audit.models import AuditEvent
from skillframe.http import confirm_token
from skillframe.people.models import Person, RoleRequirement


def requirement(personas: Any, code: str) -> RoleRequirement:
    return RoleRequirement.objects.get(role=personas.pm, element__code=code)


def url(item: RoleRequirement) -> str:
    return f"/roles/{item.role.code}/requirements/{item.pk}/delete/"


def test_the_role_page_links_to_the_confirmation_not_a_one_click_form(
    client: Client, personas: Any
) -> None:
    client.force_login(personas.carol.user)
    item = requirement(personas, "BACM-SMC")
    html = client.get("/roles/project-manager/").content.decode()
    assert f'href="{url(item)}"' in html
    assert "hx-confirm" not in html


def test_the_confirmation_states_role_element_and_people(client: Client, personas: Any) -> None:
    client.force_login(personas.carol.user)
    item = requirement(personas, "BACM-SMC")
    holders = Person.objects.filter(current_role=personas.pm).count()
    aspirants = Person.objects.filter(target_role=personas.pm).count()
    response = client.get(url(item))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Remove BACM-SMC from Project manager?" in html
    assert f"{holders} {'person holds' if holders == 1 else 'people hold'} this role" in html
    assert f"{aspirants} {'has' if aspirants == 1 else 'have'} it as their target role" in html
    assert 'name="confirm"' in html
    assert RoleRequirement.objects.filter(pk=item.pk).exists()


def test_a_post_without_the_token_changes_nothing(client: Client, personas: Any) -> None:
    client.force_login(personas.carol.user)
    item = requirement(personas, "BACM-SMC")
    for data in ({}, {"confirm": "forged"}, {"confirm": confirm_token("token.revoke", "x")}):
        response = client.post(url(item), data)
        assert response.status_code == 400
        assert "Nothing has changed yet" in response.content.decode()
    # A token for another requirement does not remove this one either.
    other = requirement(personas, "LP-LTW")
    stolen = confirm_token("role.requirement.delete", f"requirement:{other.pk}")
    assert client.post(url(item), {"confirm": stolen}).status_code == 400
    assert RoleRequirement.objects.filter(pk=item.pk).exists()
    assert not AuditEvent.objects.filter(action="role.requirement.delete").exists()


def test_the_confirmed_post_removes_and_goes_back_to_the_role(
    client: Client, personas: Any
) -> None:
    client.force_login(personas.carol.user)
    item = requirement(personas, "BACM-SMC")
    html = client.get(url(item)).content.decode()
    token = html.split('name="confirm" value="', 1)[1].split('"', 1)[0]
    response = client.post(url(item), {"confirm": token})
    assert response.status_code == 302
    assert response["Location"] == "/roles/project-manager/#requirements"
    assert not RoleRequirement.objects.filter(pk=item.pk).exists()
    assert AuditEvent.objects.filter(action="role.requirement.delete").count() == 1


def test_only_hr_admins_see_or_use_the_step(client: Client, personas: Any) -> None:
    item = requirement(personas, "BACM-SMC")
    token = confirm_token("role.requirement.delete", f"requirement:{item.pk}")
    for person in (personas.alice, personas.bob):
        client.force_login(person.user)
        assert client.get(url(item)).status_code == 403
        assert client.post(url(item), {"confirm": token}).status_code == 403
    assert RoleRequirement.objects.filter(pk=item.pk).exists()
