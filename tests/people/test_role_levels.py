"""A role may only require a level its element defines (issue 11, defect 7).

PPM-PPL is defined at levels 2–4 of AXELOS' five: a requirement at level 5 is a target nobody
can ever meet. The model's rule refuses it, so the HR page, the API and the role import do too,
each naming the defined levels; requirements saved before the rule are flagged on the role page.
"""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from skillframe.audit.models import AuditEvent
from skillframe.frameworks.formats.base import FormatError
from skillframe.frameworks.models import Element
from skillframe.people.models import RoleRequirement, check_target, levels_phrase
from skillframe.people.roles_import import parse
from tests.api.api_helpers import fields, send, signed_in

MESSAGE = "PPM-PPL is defined at levels 2–4, not at level 5"


def test_levels_phrase_reads_as_a_run_or_a_list() -> None:
    assert levels_phrase([3]) == "level 3"
    assert levels_phrase([4, 2, 3]) == "levels 2–4"
    assert levels_phrase([1, 3, 5]) == "levels 1, 3 and 5"
    assert levels_phrase([1, 2, 4]) == "levels 1, 2 and 4"


def test_the_model_refuses_a_level_the_skill_does_not_define(seeded: Any) -> None:
    ppl = Element.objects.get(framework__slug="axelos", code="PPM-PPL")
    assert Element.objects.defined_levels([ppl.pk]) == {ppl.pk: {2, 3, 4}}
    for level in (2, 3, 4):
        check_target(ppl, level)  # defined: fine
    for level in (1, 5):
        with pytest.raises(ValidationError) as error:
            check_target(ppl, level)
        expected = f"PPM-PPL is defined at levels 2–4, not at level {level}"
        assert error.value.message_dict == {"target_level": [expected]}
    # Outside the scale stays the scale's message; NOS units keep "competent" (no level).
    with pytest.raises(ValidationError, match="not on the scale of axelos"):
        check_target(ppl, 9)
    unit = Element.objects.get(framework__slug="nos-ml", code="INSML005")
    check_target(unit, None)
    with pytest.raises(ValidationError, match="no level scale"):
        check_target(unit, 2)


def test_the_role_editor_refuses_it_naming_the_levels(client: Client, personas: Any) -> None:
    client.force_login(personas.carol.user)
    response = client.post(
        "/roles/team-leader/requirements/add/",
        {"element": "PPM-PPL", "target_level": "5", "importance": "essential", "weight": "1"},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["target_level"] == [MESSAGE]
    assert MESSAGE in response.content.decode()
    assert not RoleRequirement.objects.filter(role=personas.leader, element__code="PPM-PPL")
    # Editing an existing requirement to an undefined level is refused the same way.
    requirement = RoleRequirement.objects.get(role=personas.pm, element__code="PPM-PPL")
    response = client.post(
        f"/roles/project-manager/requirements/{requirement.pk}/edit/",
        {"element": "PPM-PPL", "target_level": "5", "importance": "essential", "weight": "1"},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["target_level"] == [MESSAGE]
    requirement.refresh_from_db()
    assert requirement.target_level == 3
    assert not AuditEvent.objects.filter(action__startswith="role.requirement").exists()


def test_the_api_refuses_it_naming_the_levels(personas: Any) -> None:
    carol = signed_in(personas.carol)
    path = "/api/roles/team-leader/requirements"
    body = {"framework": "axelos", "element": "PPM-PPL", "target_level": 5}
    assert fields(send(carol, "POST", path, body)) == {"target_level": MESSAGE}
    requirement = RoleRequirement.objects.get(role=personas.pm, element__code="PPM-PPL")
    changed = send(carol, "PUT", f"/api/roles/project-manager/requirements/{requirement.pk}", body)
    assert fields(changed) == {"target_level": MESSAGE}
    requirement.refresh_from_db()
    assert requirement.target_level == 3
    assert not RoleRequirement.objects.filter(role=personas.leader, element__code="PPM-PPL")


def test_the_role_import_refuses_it_naming_the_levels(seeded: Any) -> None:
    data = io.BytesIO(
        b"role code,role title,element code,target level\n"
        b"analyst,Analyst,PPM-PPL,5\n"
        b"analyst,,PPM-BCD,2\n"
        b"analyst,,PPM-POG,4\n"
    )
    with pytest.raises(FormatError) as caught:
        parse(data)
    found = [(p.where, p.field, p.value, p.message) for p in caught.value.problems]
    assert found == [
        ("row 2", "target level", "5", MESSAGE),
        ("row 3", "target level", "2", "PPM-BCD is defined at levels 3–5, not at level 2"),
    ]


def test_the_role_page_flags_requirements_that_can_never_be_met(
    client: Client, personas: Any, django_assert_max_num_queries: Any
) -> None:
    # Saved before the rule (no clean on create): the page must say it can never be met.
    RoleRequirement.objects.filter(role=personas.pm, element__code="PPM-PPL").update(target_level=5)
    client.force_login(personas.carol.user)
    with django_assert_max_num_queries(19):
        html = client.get("/roles/project-manager/").content.decode()
    assert 'id="impossible-targets"' in html
    assert "1 requirement of this role targets a level its skill does not define" in html
    assert f"{MESSAGE}: it can never be met" in html
    assert html.count("Impossible target:") == 1
    # A role whose targets are all defined shows no warning.
    html = client.get("/roles/team-leader/").content.decode()
    assert "impossible-targets" not in html and "Impossible target" not in html
