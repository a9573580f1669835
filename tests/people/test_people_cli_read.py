"""`skillframe people list|show|assign-role|units|permissions`, `roles list|show`,
`goals list|show`: the web's rules from the command line."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from skillframe.audit.models import AuditEvent
from skillframe.frameworks.models import Element
from skillframe.people.models import OrgGoal, OrgGoalWeight, Person


def run(command: str, *args: str) -> str:
    out = StringIO()
    call_command(command, *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_list_everyone_or_what_a_user_may_see(personas: Any) -> None:
    rows = list(csv.DictReader(io.StringIO(run("people", "list", "--format", "csv"))))
    assert [r["employee_id"] for r in rows] == ["E-alice", "E-bob", "E-carol", "E-dave", "E-eve"]
    assert rows[0]["manager"] == "E-bob" and rows[0]["target_role"] == "team-leader"
    eve_sees = json.loads(run("people", "list", "--as", "eve", "--format", "json"))
    assert [r["employee_id"] for r in eve_sees] == ["E-eve"]
    table = run("people", "list", "--unit", "operations").splitlines()
    assert table[0].split()[:3] == ["EMPLOYEE", "ID", "NAME"]
    assert [line.split()[0] for line in table[1:]] == ["E-dave", "E-eve"]


def test_show_hides_what_the_user_may_not_see(personas: Any) -> None:
    shown = json.loads(run("people", "show", "alice", "--format", "json"))
    assert shown["employee_id"] == "E-alice" and shown["manager"] == "E-bob"
    assert json.loads(run("people", "show", "E-dave", "--format", "json"))["learners"] == [
        "E-alice"
    ]
    assert json.loads(run("people", "show", "bob", "--format", "json"))["reports"] == ["E-alice"]
    with pytest.raises(CommandError, match="no person with employee id or username 'alice'"):
        run("people", "show", "alice", "--as", "eve")


def test_assign_role_goes_through_the_record_rules(personas: Any) -> None:
    out = run("people", "assign-role", "E-eve", "--current", "team-leader", "--target", "-",
              "--as", "carol")  # fmt: skip
    assert out.strip() == "E-eve: current team-leader, target -"
    eve = Person.objects.get(employee_id="E-eve")
    assert (eve.current_role, eve.target_role) == (personas.leader, None)
    event = AuditEvent.objects.get(action="person.update")
    assert event.actor == personas.carol.user
    # A manager is not HR: refused, nothing changed.
    with pytest.raises(CommandError, match="may not change E-alice"):
        run("people", "assign-role", "alice", "--target", "-", "--as", "bob")
    with pytest.raises(CommandError, match="no role profile with code 'nope'"):
        run("people", "assign-role", "alice", "--current", "nope")
    assert Person.objects.get(employee_id="E-alice").target_role == personas.leader


def test_units_tree_and_permissions(personas: Any) -> None:
    lines = run("people", "units").splitlines()
    assert [line.split()[0] for line in lines[1:]] == ["org", "delivery", "operations"]
    out = run("people", "permissions", "dave", "--learners", "E-alice,E-eve", "--as", "carol")
    assert "learners     E-alice, E-eve" in out
    assert set(personas.dave.learners.values_list("employee_id", flat=True)) == {
        "E-alice", "E-eve"
    }  # fmt: skip
    with pytest.raises(CommandError, match="--as USERNAME is required"):
        run("people", "permissions", "dave", "--hr-units", "org")
    with pytest.raises(CommandError, match="'bob' is not an HR admin"):
        run("people", "permissions", "dave", "--hr-units", "org", "--as", "bob")
    assert not personas.dave.hr_units.exists()


def test_roles_list_and_show(personas: Any) -> None:
    rows = json.loads(run("roles", "list", "--format", "json"))
    assert rows == [
        {"code": "project-manager", "title": "Project manager", "requirements": 3, "holders": 3},
        {"code": "team-leader", "title": "Team leader", "requirements": 2, "holders": 0},
    ]
    shown = json.loads(run("roles", "show", "project-manager", "--format", "json"))
    assert [r["code"] for r in shown["requirements"]] == ["PPM-PPL", "BACM-SMC", "LP-LTW"]
    assert shown["requirements"][0]["target"] == "level 3"
    assert "requirements:" in run("roles", "show", "team-leader")
    with pytest.raises(CommandError, match="no role profile with code 'x'"):
        run("roles", "show", "x")


def test_goals_list_and_show(personas: Any) -> None:
    goal = OrgGoal.objects.create(
        title="Change", starts_on=date(2020, 1, 1), ends_on=date(2099, 12, 31)
    )
    OrgGoalWeight.objects.create(goal=goal, element=Element.objects.get(code="BACM-BCM"), weight=2)
    rows = list(csv.DictReader(io.StringIO(run("goals", "list", "--format", "csv"))))
    assert rows == [
        {"id": str(goal.pk), "title": "Change", "starts_on": "2020-01-01",
         "ends_on": "2099-12-31", "active": "yes", "weights": "1"}
    ]  # fmt: skip
    shown = json.loads(run("goals", "show", str(goal.pk), "--format", "json"))
    assert shown["weights"] == [{"code": "BACM-BCM", "framework": "axelos", "weight": 2.0}]
    with pytest.raises(CommandError, match="no goal with id 0"):
        run("goals", "show", "0")


def test_units_created_and_moved_through_the_unit_form(personas: Any) -> None:
    from skillframe.people.models import OrgUnit

    out = run("people", "unit-create", "pmo", "--name", "PMO", "--parent", "delivery",
              "--as", "carol")  # fmt: skip
    assert out.strip() == "unit pmo “PMO” below delivery"
    assert AuditEvent.objects.filter(action="unit.create").get().actor == personas.carol.user
    run("people", "unit-edit", "pmo", "--parent", "operations", "--as", "carol")
    assert OrgUnit.objects.get(code="pmo").parent == personas.operations
    with pytest.raises(CommandError, match="parent: A unit cannot sit below itself"):
        run("people", "unit-edit", "delivery", "--parent", "delivery", "--as", "carol")
    with pytest.raises(CommandError, match="code: Org unit with this Code already exists"):
        run("people", "unit-create", "pmo", "--name", "Again", "--parent", "org", "--as", "carol")
    with pytest.raises(CommandError, match="'bob' is not an HR admin"):
        run("people", "unit-create", "x", "--name", "X", "--as", "bob")
    assert OrgUnit.objects.count() == 4
