"""`skillframe plans activities|add-activity|activity-status|remove-activity|remove-objective`:
the plan page's activity and removal actions through development's domain and access rules."""

from __future__ import annotations

import json
import subprocess
import sys
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from skillframe.development import plans
from skillframe.development.models import Activity, Objective, ProgressUpdate
from tests.development.helpers import alice_plan, first_objective, in_days


def run(*args: str) -> str:
    out = StringIO()
    call_command("plans", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_add_list_and_mark_activities(personas: Any) -> None:
    plan = alice_plan(personas)
    objective = first_objective(plan)
    out = run("add-activity", str(objective.pk), "--kind", "coaching", "--title", "Shadow Bob",
              "--starts", f"{in_days(1)}", "--ends", f"{in_days(30)}", "--as", "alice")  # fmt: skip
    added = Activity.objects.get(title="Shadow Bob")
    assert (
        out.strip()
        == f"activity {added.pk} added to objective {objective.pk}: Coaching: Shadow Bob"
    )
    rows = json.loads(run("activities", str(plan.pk), "--format", "json"))
    assert [(r["code"], r["kind"], r["title"]) for r in rows][-1] == (
        "PPM-PPL",
        "coaching",
        "Shadow Bob",
    )
    assert len(rows) == 3 and rows[-1]["starts"] == f"{in_days(1)}"
    assert run("activities", str(plan.pk), "--format", "csv").splitlines()[0] == (
        "id,objective,code,kind,title,status,starts,ends,link"
    )
    # Errors name the field; nothing is added.
    with pytest.raises(CommandError, match="ends_on: the activity ends before it starts"):
        run("add-activity", str(objective.pk), "--kind", "course", "--title", "Backwards",
            "--starts", f"{in_days(9)}", "--ends", f"{in_days(1)}", "--as", "alice")  # fmt: skip
    with pytest.raises(CommandError, match="link: give a web address starting with http"):
        run("add-activity", str(objective.pk), "--kind", "course", "--title", "Bad link",
            "--link", "ftp://x", "--as", "alice")  # fmt: skip
    with pytest.raises(CommandError, match="--starts: 'soon' is not a date"):
        run("add-activity", str(objective.pk), "--kind", "course", "--title", "When",
            "--starts", "soon", "--as", "alice")  # fmt: skip
    with pytest.raises(CommandError, match="only Alice Archer can change this plan"):
        run("add-activity", str(objective.pk), "--kind", "course", "--title", "X", "--as", "bob")
    with pytest.raises(CommandError, match="no such"):
        run("add-activity", str(objective.pk), "--kind", "course", "--title", "X", "--as", "eve")
    assert Activity.objects.count() == 3
    # Progress on an activity is allowed on an approved plan too.
    plans.submit(personas.alice.user, plan)
    plans.approve(personas.bob.user, plan)
    assert run("activity-status", str(added.pk), "in-progress", "--as", "alice").strip() == (
        f"activity {added.pk}: in-progress"
    )
    with pytest.raises(CommandError, match="only Alice Archer can change this plan"):
        run("activity-status", str(added.pk), "done", "--as", "bob")
    with pytest.raises(CommandError, match="no such"):
        run("activity-status", str(added.pk), "done", "--as", "eve")
    with pytest.raises(CommandError, match="no such"):
        run("activities", str(plan.pk), "--as", "eve")
    assert Activity.objects.get(pk=added.pk).status == "in-progress"


def test_removals_say_what_goes_and_need_yes(personas: Any) -> None:
    plan = alice_plan(personas)
    objective = first_objective(plan)
    activity = objective.activities.first()
    assert activity is not None
    with pytest.raises(CommandError, match="Nothing was changed: run again with --yes"):
        run("remove-activity", str(activity.pk), "--as", "alice")
    with pytest.raises(CommandError, match="only Alice Archer can change this plan"):
        run("remove-activity", str(activity.pk), "--yes", "--as", "bob")
    assert Activity.objects.filter(pk=activity.pk).exists()
    out = run("remove-activity", str(activity.pk), "--yes", "--as", "alice")
    assert out.strip() == f"removed the activity {activity.pk} “{activity.title}”"
    assert not Activity.objects.filter(pk=activity.pk).exists()
    with pytest.raises(CommandError) as refused:
        run("remove-objective", str(objective.pk), "--as", "alice")
    assert "PPM-PPL" in str(refused.value) and "with its 1 activity" in str(refused.value)
    assert Objective.objects.filter(pk=objective.pk).exists()
    assert "removed the objective" in run("remove-objective", str(objective.pk), "--yes",
                                          "--as", "alice")  # fmt: skip
    assert not Objective.objects.filter(pk=objective.pk).exists()
    assert Activity.objects.filter(objective__plan=plan).count() == 0


def test_removals_follow_the_plan_rules(personas: Any) -> None:
    plan = alice_plan(personas, submitted=True)
    objective = first_objective(plan)
    with pytest.raises(CommandError, match="status: this plan is awaiting approval"):
        run("remove-objective", str(objective.pk), "--yes", "--as", "alice")
    with pytest.raises(CommandError, match="no such"):
        run("remove-objective", str(objective.pk), "--yes", "--as", "eve")
    plans.return_plan(personas.bob.user, plan, "add a date")
    ProgressUpdate.objects.create(objective=objective, author=personas.alice.user, text="begun")
    with pytest.raises(CommandError, match="status: this objective has progress updates"):
        run("remove-objective", str(objective.pk), "--yes", "--as", "alice")
    assert Objective.objects.filter(pk=objective.pk).exists()


@pytest.mark.parametrize(
    "args",
    [
        ("plans", "add-activity", "1", "--kind", "course", "--title", "T"),
        ("plans", "activity-status", "1", "done"),
        ("plans", "remove-activity", "1", "--yes"),
        ("plans", "remove-objective", "1"),
    ],
)
def test_console_script_refusal_is_one_line_exit_1(
    cli_env: dict[str, str], args: tuple[str, ...]
) -> None:
    done = subprocess.run(
        [Path(sys.executable).parent / "skillframe", *args, "--as", "nobody"],
        env=cli_env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1
    assert done.stderr.strip() == "CommandError: --as: no user named 'nobody'"
