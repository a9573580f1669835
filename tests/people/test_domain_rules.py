"""Each domain rule lives once and reads the same wherever it refuses: the model's clean(), the
HR pages, the API and the import (issue 9, part 5)."""

from __future__ import annotations

import io
import math
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from skillframe.frameworks.models import Element
from skillframe.importing.problems import FormatError
from skillframe.people.models import OrgGoalWeight, Person, RoleRequirement
from skillframe.people.people_import import import_people
from skillframe.people.reporting_lines import check_manager, reporting_loop
from tests.api.api_helpers import fields, send, signed_in
from tests.people.test_people_pages import edit_data

CYCLE = "this manager would create a reporting cycle: E-bob → E-alice → E-bob"
OWN = "a person cannot be their own manager"


def test_reporting_loop_walks_up_until_it_ends_or_comes_back() -> None:
    managers = {"ann": "bo", "bo": "cy", "cy": None, "dee": "eve", "eve": "dee"}
    assert reporting_loop("cy", "ann", managers.get) == ["ann", "bo", "cy"]
    assert reporting_loop("zed", "ann", managers.get) is None  # the line ends at cy
    assert reporting_loop("zed", "dee", managers.get) is None  # a loop above, not through zed
    check_manager("zed", None, managers.get)  # nobody: fine
    with pytest.raises(ValidationError) as error:
        check_manager("cy", "ann", managers.get)
    assert error.value.message_dict == {
        "manager": ["this manager would create a reporting cycle: cy → ann → bo → cy"]
    }
    with pytest.raises(ValidationError) as error:
        check_manager("cy", "cy", managers.get)
    assert error.value.message_dict == {"manager": [OWN]}


def _clean_error(person: Person, manager: Person) -> str:
    person.manager = manager
    with pytest.raises(ValidationError) as error:
        person.clean()
    return error.value.message_dict["manager"][0]


def _form_error(personas: Any, manager: str) -> str:
    client = Client()
    client.force_login(personas.carol.user)
    data = edit_data(personas.bob, manager=manager)
    response = client.post("/people/E-bob/edit/", data)
    assert response.status_code == 400
    return str(response.context["form"].errors["manager"][0])


def _api_error(personas: Any, manager: str) -> str:
    carol = signed_in(personas.carol)
    return fields(send(carol, "PATCH", "/api/people/E-bob", {"manager": manager}))["manager"]


def _import_error(manager: str) -> str:
    data = io.BytesIO(
        b"employee_id,name,email,unit,manager_employee_id\n"
        + f"E-bob,Bob Baker,bob@example.org,delivery,{manager}\n".encode()
    )
    with pytest.raises(FormatError) as error:
        import_people(data, actor=None, scope_user=None)
    (problem,) = error.value.problems
    assert (problem.where, problem.field, problem.value) == (
        "row 2",
        "manager_employee_id",
        manager,
    )
    return problem.message


def test_the_reporting_line_rule_reads_the_same_everywhere(personas: Any) -> None:
    # Alice reports to Bob: Bob may not report to Alice, nor to himself.
    bob = Person.objects.get(pk=personas.bob.pk)
    assert _clean_error(bob, personas.alice) == CYCLE
    assert _form_error(personas, "E-alice") == CYCLE
    assert _api_error(personas, "E-alice") == CYCLE
    assert _import_error("E-alice") == CYCLE
    assert _clean_error(bob, bob) == OWN
    assert _form_error(personas, "E-bob") == OWN
    assert _api_error(personas, "E-bob") == OWN
    assert _import_error("E-bob") == OWN
    assert Person.objects.get(pk=personas.bob.pk).manager is None


def test_requirement_rules_are_the_models_with_every_field_named(personas: Any) -> None:
    element = Element.objects.get(framework__slug="axelos", code="PPM-PPL")  # already required
    twice = RoleRequirement(role=personas.pm, element=element, target_level=9, weight=math.nan)
    with pytest.raises(ValidationError) as error:
        twice.clean()
    assert error.value.message_dict == {
        "target_level": ["level 9 is not on the scale of axelos (1–5)"],
        "weight": ["the weight must be a number greater than 0"],
        "element": ["Project manager already requires PPM-PPL"],
    }
    # The HR page and the API pass the same words on, each under its field.
    client = Client()
    client.force_login(personas.carol.user)
    page = client.post(
        "/roles/project-manager/requirements/add/",
        {"element": "PPM-PPL", "target_level": "9", "importance": "essential", "weight": "0"},
    )
    errors = page.context["form"].errors
    assert (errors["element"], errors["target_level"], errors["weight"]) == (
        ["Project manager already requires PPM-PPL"],
        ["level 9 is not on the scale of axelos (1–5)"],
        ["the weight must be a number greater than 0"],
    )
    body = {"framework": "axelos", "element": "PPM-PPL", "target_level": 9, "weight": 0}
    api = fields(
        send(signed_in(personas.carol), "POST", "/api/roles/project-manager/requirements", body)
    )
    assert api == {
        "target_level": "level 9 is not on the scale of axelos (1–5)",
        "weight": "the weight must be a number greater than 0",
        "element": "Project manager already requires PPM-PPL",
    }


def test_goal_weights_must_be_finite_and_positive(personas: Any) -> None:
    goal_weight = OrgGoalWeight(element=Element.objects.get(code="PPM"), weight=math.inf)
    with pytest.raises(ValidationError) as error:
        goal_weight.clean()
    assert error.value.message_dict == {"weight": ["the weight must be a number greater than 0"]}
