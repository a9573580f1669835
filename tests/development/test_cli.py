"""`skillframe plans …`: plans through development's domain functions and access rules."""

from __future__ import annotations

import json
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from skillframe.development.models import Objective, Plan
from tests.development.helpers import alice_plan, in_days


def run(*args: str) -> str:
    out = StringIO()
    call_command("plans", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_owner_writes_and_submits_manager_approves(personas: Any) -> None:
    out = run("create", "--title", "Grow into team leader", "--as", "alice")
    plan = Plan.objects.get()
    assert out.strip() == f"plan {plan.pk} “Grow into team leader” created (draft)"
    out = run("add-objective", str(plan.pk), "PPM-PPL", "--level", "4", "--due", f"{in_days(60)}",
              "--measure", "Bob validates level 4", "--as", "alice")  # fmt: skip
    assert "PPM-PPL level 4 by" in out
    with pytest.raises(CommandError, match="only Alice Archer can change this plan"):
        run("add-objective", str(plan.pk), "LP-LTW", "--level", "3", "--due", f"{in_days(9)}",
            "--measure", "x", "--as", "bob")  # fmt: skip
    with pytest.raises(CommandError, match="no such plan"):
        run("submit", str(plan.pk), "--as", "eve")
    assert (
        run("submit", str(plan.pk), "--as", "alice").strip() == f"plan {plan.pk}: awaiting approval"
    )
    with pytest.raises(CommandError, match="line manager can approve"):
        run("approve", str(plan.pk), "--as", "carol")
    assert "approved" in run("approve", str(plan.pk), "--comment", "go", "--as", "bob")
    objective = Objective.objects.get()
    run("objective-status", str(objective.pk), "done", "--as", "alice")
    rows = json.loads(run("list", "alice", "--format", "json"))
    assert [(r["id"], r["status"], r["objectives"], r["done"]) for r in rows] == [
        (plan.pk, "approved", 1, 1)
    ]
    assert "closed" in run("close", str(plan.pk), "--as", "alice")


def test_reading_follows_the_plan_readers_rule(personas: Any) -> None:
    plan = alice_plan(personas)
    shown = json.loads(run("show", str(plan.pk), "--format", "json"))
    assert [o["code"] for o in shown["objectives"]] == ["PPM-PPL", "INSML005"]
    assert json.loads(run("list", "--as", "bob", "--format", "json"))[0]["id"] == plan.pk
    assert json.loads(run("list", "--as", "eve", "--format", "json")) == []
    with pytest.raises(CommandError, match="no such plan"):
        run("show", str(plan.pk), "--as", "eve")
    with pytest.raises(CommandError, match="only the person, their line managers and HR"):
        run("list", "alice", "--as", "dave")  # her assessor sees her, not her plans
    with pytest.raises(CommandError, match="--due: 'soon' is not a date"):
        run("add-objective", str(plan.pk), "LP-LTW", "--due", "soon", "--measure", "x",
            "--as", "alice")  # fmt: skip
