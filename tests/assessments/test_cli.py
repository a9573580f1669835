"""`skillframe cycles …` and `skillframe ratings …`: the web's forms, domain and access rules."""

from __future__ import annotations

import json
from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from skillframe.assessments.models import Cycle, Rating, SelfAssessment, Source
from skillframe.audit.models import AuditEvent
from skillframe.notifications.models import Notification


@pytest.fixture
def spring(personas: Any) -> Cycle:
    """A Delivery cycle open today (Alice and Bob in scope)."""
    today = timezone.localdate()
    opened = Cycle.objects.create(
        name="Spring review",
        starts_on=today - timedelta(days=1),
        ends_on=today + timedelta(days=30),
    )
    opened.units.add(personas.delivery)
    return opened


def run(command: str, *args: str) -> str:
    out = StringIO()
    call_command(command, *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_open_a_cycle_through_the_form(personas: Any) -> None:
    today = timezone.localdate()
    ends = f"{today + timedelta(days=20)}"
    out = run("cycles", "open", "--name", "Autumn", "--starts", f"{today}",
              "--ends", ends, "--unit", "delivery", "--as", "carol")  # fmt: skip
    opened = Cycle.objects.get(name="Autumn")
    assert f"cycle {opened.pk} “Autumn” open until" in out and "2 people in scope" in out
    assert Notification.objects.filter(recipient=personas.alice.user).count() == 1
    assert AuditEvent.objects.get(action="cycle.open").actor == personas.carol.user
    with pytest.raises(CommandError, match="ends_on: the cycle ends before it starts"):
        yesterday = f"{today - timedelta(days=1)}"
        run("cycles", "open", "--name", "Bad", "--starts", f"{today}",
            "--ends", yesterday, "--unit", "delivery", "--as", "carol")  # fmt: skip
    with pytest.raises(CommandError, match="units: choose at least one unit or role"):
        run("cycles", "open", "--name", "Bad", "--starts", f"{today}",
            "--ends", f"{today}", "--as", "carol")  # fmt: skip
    with pytest.raises(CommandError, match="'bob' is not an HR admin"):
        run("cycles", "open", "--name", "Bad", "--starts", f"{today}",
            "--ends", f"{today}", "--unit", "delivery", "--as", "bob")  # fmt: skip
    assert Cycle.objects.count() == 1


def test_list_show_progress_close_reopen(personas: Any, spring: Cycle) -> None:
    cycle = spring
    rows = json.loads(run("cycles", "list", "--format", "json"))
    assert [(r["name"], r["status"], r["units"]) for r in rows] == [
        ("Spring review", "open", ["delivery"])
    ]
    assert "people_in_scope  2" in run("cycles", "show", str(cycle.pk))
    SelfAssessment.objects.create(person=personas.alice, cycle=cycle, role=personas.pm)
    progress = json.loads(run("cycles", "progress", str(cycle.pk), "--as", "carol",
                              "--format", "json"))  # fmt: skip
    assert progress[-1] == {
        "unit": "All units in your scope", "people": 2, "not_started": 1, "in_progress": 1,
        "submitted": 0, "reviewed": 0, "done": "0%",
    }  # fmt: skip
    with pytest.raises(CommandError, match=r"1 in progress, 0 awaiting review and 1 not started"):
        run("cycles", "close", str(cycle.pk), "--as", "carol")
    assert Cycle.objects.get().status == "open"  # without --yes nothing changes
    assert "closed" in run("cycles", "close", str(cycle.pk), "--as", "carol", "--yes")
    assert Cycle.objects.get().status == "closed"
    with pytest.raises(CommandError, match="--until: choose today or a later date"):
        run("cycles", "reopen", str(cycle.pk), "--until", "2000-01-01", "--as", "carol")
    until = timezone.localdate() + timedelta(days=7)
    assert f"reopened until {until}" in run(
        "cycles", "reopen", str(cycle.pk), "--until", f"{until}", "--as", "carol"
    )
    with pytest.raises(CommandError, match="--as"):
        run("cycles", "progress", str(cycle.pk))


def test_self_assessment_rate_submit_and_review(personas: Any, spring: Cycle) -> None:
    cycle = spring
    out = run("ratings", "start", str(cycle.pk), "--as", "alice")
    assessment = SelfAssessment.objects.get(person=personas.alice)
    assert f"self-assessment {assessment.pk} started: 3 step(s) left" in out
    with pytest.raises(CommandError, match="nothing to submit yet"):
        run("ratings", "submit", str(assessment.pk), "--as", "alice")
    for code, level in (("PPM-PPL", "3"), ("BACM-SMC", "2"), ("LP-LTW", "1")):
        Rating.objects.create(person=personas.alice, element_id=_id(code), level=int(level),
                              source=Source.SELF, rater=personas.alice.user, cycle=cycle,
                              assessment=assessment)  # fmt: skip
    assert "submitted" in run("ratings", "submit", str(assessment.pk), "--as", "alice")
    # Eve cannot see it; Alice may not review her own.
    with pytest.raises(CommandError, match="no such self-assessment"):
        run("ratings", "review", str(assessment.pk), "--as", "eve")
    with pytest.raises(CommandError, match="your line manager reviews"):
        run("ratings", "review", str(assessment.pk), "--as", "alice")
    table = run("ratings", "review", str(assessment.pk), "--as", "bob").splitlines()
    assert table[0].split() == ["SECTION", "CODE", "SELF", "MANAGER", "REVIEWED"]
    assert "2 of 3 reviewed" not in table
    run("ratings", "review", str(assessment.pk), "--agree", "PPM-PPL", "--as", "bob")
    with pytest.raises(CommandError, match="comment"):
        run("ratings", "review", str(assessment.pk), "--adjust", "BACM-SMC", "--to", "3",
            "--as", "bob")  # fmt: skip
    out = run("ratings", "review", str(assessment.pk), "--adjust", "BACM-SMC", "--to", "3",
              "--comment", "seen it on the Atlas project", "--as", "bob")  # fmt: skip
    assert "2 of 3 reviewed" in out
    out = run("ratings", "review", str(assessment.pk), "--agree-section", "axelos/Skills",
              "--as", "bob")  # fmt: skip
    assert "agreed with 1 rating(s)" in out and "3 of 3 reviewed" in out
    assert SelfAssessment.objects.get().status == "reviewed"
    current = {
        r["code"]: r for r in json.loads(run("ratings", "list", "alice", "--format", "json"))
    }
    assert (
        current["BACM-SMC"]["self"] == "level 2" and current["BACM-SMC"]["validated"] == "level 3"
    )
    assert current["BACM-SMC"]["disagrees"] is True
    history = run("ratings", "history", "alice", "BACM-SMC", "--format", "csv").splitlines()
    assert history[0] == "id,when,source,value,rater,comment"
    assert history[1].endswith("manager,level 3,bob,seen it on the Atlas project")


def test_rate_needs_the_right_person(personas: Any) -> None:
    out = run("ratings", "rate", "alice", "PPM-PPL", "--level", "3", "--source", "manager",
              "--comment", "good", "--as", "bob")  # fmt: skip
    assert out.startswith("rating ") and "E-alice PPM-PPL level 3 (manager, by bob)" in out
    with pytest.raises(CommandError, match="no person with employee id or username 'alice'"):
        run("ratings", "rate", "alice", "PPM-PPL", "--level", "3", "--as", "eve")
    with pytest.raises(CommandError, match="you may not record a manager rating"):
        run("ratings", "rate", "alice", "PPM-PPL", "--level", "3", "--as", "carol")
    with pytest.raises(CommandError, match="required: --as"):
        run("ratings", "rate", "alice", "PPM-PPL", "--level", "3")
    assert Rating.objects.count() == 1
    rows = json.loads(run("ratings", "assessments", "--as", "alice", "--format", "json"))
    assert rows == []


def _id(code: str) -> int:
    from skillframe.frameworks.models import Element

    return Element.objects.get(code=code).pk
