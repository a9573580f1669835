"""Bad input to a plan: a clear error naming the field, and nothing saved."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from skillframe.development import objectives, plans
from skillframe.development.models import Activity, Objective, Plan, PlanVersion
from skillframe.notifications.models import Notification
from tests.development.helpers import alice_plan, element, first_objective, in_days


def _messages(excinfo: pytest.ExceptionInfo[ValidationError]) -> dict[str, str]:
    return {k: " ".join(v) for k, v in excinfo.value.message_dict.items()}


def test_an_element_outside_the_persons_frameworks_is_refused(personas: Any) -> None:
    # Eve's only role is project-manager (AXELOS): a NOS standard is not one of her frameworks.
    plan = plans.create_plan(personas.eve.user, "Grow")
    with pytest.raises(ValidationError) as excinfo:
        objectives.add_objective(
            personas.eve.user,
            plan,
            element=element("INSML005"),
            target_level=None,
            measure="Competent",
            due_on=in_days(30),
        )
    assert (
        "INSML005 is in nos-ml, which is not one of Eve Evans's frameworks"
        in (_messages(excinfo)["element"])
    )
    assert not Objective.objects.exists()


@pytest.mark.parametrize(
    ("code", "level", "message"),
    [
        ("PPM-PPL", 7, "level 7 is not on the scale of axelos (1–5)"),
        ("PPM-PPL", None, "PPM-PPL needs a level"),
        ("INSML005", 3, "nos-ml has no level scale; leave it empty"),
    ],
)
def test_a_target_level_outside_the_scale_is_refused(
    personas: Any, code: str, level: int | None, message: str
) -> None:
    plan = plans.create_plan(personas.alice.user, "Grow")
    with pytest.raises(ValidationError) as excinfo:
        objectives.add_objective(
            personas.alice.user,
            plan,
            element=element(code),
            target_level=level,
            measure="Validated",
            due_on=in_days(30),
        )
    assert _messages(excinfo)["target_level"] == message
    assert not Objective.objects.exists()


def test_a_due_date_in_the_past_is_refused_on_create_and_change(personas: Any) -> None:
    plan = alice_plan(personas)
    with pytest.raises(ValidationError) as excinfo:
        objectives.add_objective(
            personas.alice.user,
            plan,
            element=element("LP-LTW"),
            target_level=3,
            measure="Validated",
            due_on=in_days(-1),
        )
    assert "is in the past" in _messages(excinfo)["due_on"]
    objective = first_objective(plan)
    with pytest.raises(ValidationError) as excinfo:
        objectives.update_objective(personas.alice.user, objective, due_on=in_days(-3))
    assert "is in the past" in _messages(excinfo)["due_on"]
    objective.refresh_from_db()
    assert objective.due_on == in_days(90)
    assert plan.objectives.count() == 2


def test_an_overdue_objective_keeps_its_date_when_its_measure_changes(personas: Any) -> None:
    plan = alice_plan(personas)
    Objective.objects.filter(plan=plan).update(due_on=in_days(-5))  # time passed
    objective = first_objective(plan)
    objectives.update_objective(personas.alice.user, objective, measure="A clearer measure")
    objective.refresh_from_db()
    assert (objective.measure, objective.due_on) == ("A clearer measure", in_days(-5))


def test_every_bad_field_is_named_at_once(personas: Any) -> None:
    plan = plans.create_plan(personas.alice.user, "Grow")
    with pytest.raises(ValidationError) as excinfo:
        objectives.add_objective(
            personas.alice.user,
            plan,
            element=element("PPM-PPL"),
            target_level=9,
            measure="  ",
            due_on=in_days(-1),
        )
    assert set(_messages(excinfo)) == {"target_level", "measure", "due_on"}


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"link": "ftp://example.org/x"}, "link"),
        ({"link": "javascript:alert(1)"}, "link"),
        ({"kind": "holiday"}, "kind"),
        ({"title": " "}, "title"),
        ({"starts_on": in_days(10), "ends_on": in_days(2)}, "ends_on"),
    ],
)
def test_bad_activities_are_refused(personas: Any, fields: dict[str, Any], field: str) -> None:
    plan = alice_plan(personas)
    before = Activity.objects.count()
    values = {"kind": "course", "title": "A course", **fields}
    with pytest.raises(ValidationError) as excinfo:
        objectives.add_activity(personas.alice.user, first_objective(plan), **values)
    assert field in excinfo.value.message_dict
    assert Activity.objects.count() == before


def test_a_plan_with_one_bad_objective_is_not_created_at_all(personas: Any) -> None:
    good = {
        "element": element("PPM-PPL"),
        "target_level": 4,
        "measure": "Validated",
        "due_on": in_days(30),
    }
    bad = {**good, "element": element("LP-LTW"), "target_level": 8}
    with pytest.raises(ValidationError) as excinfo:
        plans.create_plan(personas.alice.user, "Grow", [good, bad])
    assert _messages(excinfo)["target_level"].startswith("objective 2: level 8")
    assert not Plan.objects.exists()
    assert not Objective.objects.exists()


def test_approving_a_plan_of_someone_you_do_not_manage_is_refused(personas: Any) -> None:
    plan = alice_plan(personas, submitted=True)
    notes = Notification.objects.count()
    for user in (personas.carol.user, personas.alice.user, personas.eve.user):
        with pytest.raises(PermissionDenied, match="only Alice Archer's line manager"):
            plans.approve(user, plan)
        with pytest.raises(PermissionDenied):
            plans.return_plan(user, plan, "Change it")
    plan.refresh_from_db()
    assert (plan.status, plan.version) == ("submitted", 1)
    assert PlanVersion.objects.filter(plan=plan).count() == 1
    assert Notification.objects.count() == notes


def test_the_objective_page_names_the_field_and_saves_nothing(personas: Any) -> None:
    plan = alice_plan(personas)
    client = Client()
    client.force_login(personas.alice.user)
    response = client.post(
        f"/plans/{plan.pk}/objectives/new/",
        {"element": "PPM-PPL", "target_level": "6", "measure": "x", "due_on": "2001-01-01"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Nothing was saved" in page
    assert 'href="#id_target_level">Target level</a>: level 6 is not on the scale' in page
    assert 'href="#id_due_on">Due date</a>: 2001-01-01 is in the past' in page
    assert plan.objectives.count() == 2
    unknown = client.post(
        f"/plans/{plan.pk}/objectives/new/",
        {"element": "NOPE-1", "measure": "x", "due_on": "2099-01-01"},
    )
    assert unknown.status_code == 400
    assert 'href="#id_element">Element code</a>:' in unknown.content.decode()


def test_the_review_page_refuses_carol_with_the_reason(personas: Any) -> None:
    plan = alice_plan(personas, submitted=True)
    client = Client()
    client.force_login(personas.carol.user)
    response = client.post(f"/plans/{plan.pk}/review/", {"decision": "approve"})
    assert response.status_code == 403
    assert "only Alice Archer&#x27;s line manager can approve or return it" in (
        response.content.decode()
    )
    plan.refresh_from_db()
    assert plan.status == "submitted"


def test_a_submitted_plan_cannot_change_its_content(personas: Any) -> None:
    plan = alice_plan(personas, submitted=True)
    with pytest.raises(ValidationError) as excinfo:
        objectives.add_activity(
            personas.alice.user, first_objective(plan), kind="reading", title="A book"
        )
    assert "awaiting approval" in _messages(excinfo)["status"]
    with pytest.raises(ValidationError):
        objectives.update_objective(personas.alice.user, first_objective(plan), measure="x")
    assert first_objective(plan).activities.count() == 2
