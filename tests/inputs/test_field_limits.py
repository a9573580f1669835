"""Text lengths, levels, weights and optional fields through the API, the domain and the forms
(issue 10 item 3): each refused with a 4xx or a form error naming the field, nothing saved."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from skillframe.assessments.models import Rating
from skillframe.assessments.ratings import record_rating
from skillframe.development import plans
from skillframe.development.forms import ReviewForm
from skillframe.development.models import ProgressUpdate
from skillframe.development.objectives import add_progress
from skillframe.frameworks.models import Element
from skillframe.inputs import COMMENT_MAX, DESCRIPTION_MAX, NOTE_MAX, WEIGHT_MAX
from skillframe.people.models import OrgGoalWeight, RoleRequirement, check_weight
from skillframe.people.role_forms import RoleProfileForm
from tests.api.api_helpers import fields, send, signed_in
from tests.development.helpers import alice_plan, first_objective

RATINGS = "/api/people/E-alice/ratings"


def test_an_objective_without_target_level_is_a_422_not_a_500(personas: Any) -> None:
    alice = signed_in(personas.alice)
    plan = send(alice, "POST", "/api/plans", {"title": "Grow"}).json()["id"]
    body = {"element": "PPM-PPL", "measure": "Runs a project", "due_on": "2099-01-01"}
    response = send(alice, "POST", f"/api/plans/{plan}/objectives", body)
    assert "needs a level" in fields(response)["target_level"]
    nos = body | {"element": "INSML005"}
    assert send(alice, "POST", f"/api/plans/{plan}/objectives", nos).status_code == 201


def test_booleans_are_not_levels(personas: Any) -> None:
    carol = signed_in(personas.carol)
    body = {"framework": "axelos", "element": "LP-LTW", "target_level": True}
    assert "target_level" in fields(
        send(carol, "POST", "/api/roles/team-leader/requirements", body)
    )
    rating = {"framework": "axelos", "element": "PPM-PPL", "source": "manager", "level": True}
    assert "level" in fields(send(signed_in(personas.bob), "POST", RATINGS, rating))
    with pytest.raises(ValidationError) as error:
        record_rating(personas.bob.user, personas.alice, Element.objects.get(code="PPM-PPL"),
                      "manager", level=True, comment="x")  # fmt: skip
    assert "level" in error.value.message_dict
    requirement = RoleRequirement(
        role=personas.leader, element=Element.objects.get(code="LP-LTW"), target_level=True
    )
    with pytest.raises(ValidationError) as error:
        requirement.clean()
    assert "target_level" in error.value.message_dict
    assert not Rating.objects.filter(person=personas.alice).exists()


def test_weights_are_finite_and_bounded(personas: Any) -> None:
    for weight in (float("inf"), float("nan"), 0, WEIGHT_MAX * 2, True):
        with pytest.raises(ValidationError):
            check_weight(weight)
    check_weight(WEIGHT_MAX)
    carol = signed_in(personas.carol)
    for raw in ("1e999", "NaN", "-Infinity", "1e6"):
        body = f'{{"framework": "axelos", "element": "LP-LTW", "target_level": 3, "weight": {raw}}}'
        response = carol.post(
            "/api/roles/team-leader/requirements", body, content_type="application/json"
        )
        assert "weight" in fields(response), raw
    goal_weight = OrgGoalWeight(element=Element.objects.get(code="PPM"), weight=1e999)
    with pytest.raises(ValidationError):
        goal_weight.clean()


def test_a_rating_comment_is_limited(personas: Any) -> None:
    bob = signed_in(personas.bob)
    long = "x" * (COMMENT_MAX + 1)
    rating = {"framework": "axelos", "element": "PPM-PPL", "source": "manager", "level": 3}
    response = send(bob, "POST", RATINGS, rating | {"comment": long})
    assert "comment" in fields(response)
    with pytest.raises(ValidationError) as error:
        record_rating(personas.bob.user, personas.alice, Element.objects.get(code="PPM-PPL"),
                      "manager", level=3, comment=long)  # fmt: skip
    assert "at most 2,000 characters" in error.value.message_dict["comment"][0]
    with pytest.raises(ValidationError) as error:
        record_rating(personas.bob.user, personas.alice, Element.objects.get(code="PPM-PPL"),
                      "manager", level=3, comment="fine\x01")  # fmt: skip
    assert "control character (U+0001)" in error.value.message_dict["comment"][0]
    assert not Rating.objects.filter(person=personas.alice).exists()
    ok = send(bob, "POST", RATINGS, rating | {"comment": "y" * COMMENT_MAX})
    assert ok.status_code == 201, ok.content


def test_plan_texts_are_limited(personas: Any) -> None:
    plan = alice_plan(personas, submitted=True)
    with pytest.raises(ValidationError) as error:
        plans.return_plan(personas.bob.user, plan, "z" * (COMMENT_MAX + 1))
    assert "comment" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        add_progress(personas.alice.user, first_objective(plan), "n" * (NOTE_MAX + 1))
    assert "text" in error.value.message_dict
    assert not ProgressUpdate.objects.exists()
    form = ReviewForm({"decision": "return", "comment": "z" * (COMMENT_MAX + 1)})
    assert "comment" in form.errors
    alice = signed_in(personas.alice)
    response = send(alice, "POST", f"/api/plans/{plan.pk}/objectives/1/progress",
                    {"text": "n" * (NOTE_MAX + 1)})  # fmt: skip
    assert response.status_code in (404, 422)


def test_forms_refuse_long_descriptions_and_control_characters(personas: Any) -> None:
    form = RoleProfileForm({"title": "R", "code": "r", "description": "d" * (DESCRIPTION_MAX + 1)})
    assert "description" in form.errors
    form = RoleProfileForm({"title": "R", "code": "r", "description": "bell\x07"})
    assert "control character (U+0007)" in form.errors["description"][0]
