"""`skillframe ratings interest|interests|reply|replies`: the wizard step's interest and the
history page's replies, through the same domain functions and access rules as the web."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import timedelta
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from skillframe.assessments.models import Cycle, Interest, Rating, RatingReply, SelfAssessment
from skillframe.notifications.models import Notification


@pytest.fixture
def assessment(personas: Any) -> SelfAssessment:
    """Alice's self-assessment in a Delivery cycle open today, started from the command line."""
    today = timezone.localdate()
    cycle = Cycle.objects.create(
        name="Spring review",
        starts_on=today - timedelta(days=1),
        ends_on=today + timedelta(days=30),
    )
    cycle.units.add(personas.delivery)
    run("start", str(cycle.pk), "--as", "alice")
    return SelfAssessment.objects.get(person=personas.alice)


def run(*args: str) -> str:
    out = StringIO()
    call_command("ratings", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_interest_is_saved_with_the_wizard_step(personas: Any, assessment: SelfAssessment) -> None:
    pk = str(assessment.pk)
    # A skill step is saved with its level, as in the wizard: none yet, so nothing is saved.
    with pytest.raises(CommandError, match=r"^level: choose the level that fits you$"):
        run("interest", pk, "PPM-PPL", "yes", "--as", "alice")
    assert not Interest.objects.exists()
    out = run("interest", pk, "PPM-PPL", "yes", "--level", "3", "--as", "alice")
    assert out.strip() == "E-alice wants to develop PPM-PPL"
    rating = Rating.objects.get(assessment=assessment)
    assert (rating.level, rating.source) == (3, "self")
    again = run("interest", pk, "PPM-PPL", "yes", "--as", "alice")  # level kept, nothing new
    assert again.strip() == "E-alice wants to develop PPM-PPL (unchanged)"
    run("interest", pk, "PPM-PPL", "no", "--as", "alice")
    assert Rating.objects.filter(assessment=assessment).count() == 1  # the rating not repeated
    # A unit is judged item by item: its interest needs no level.
    assert "wants to develop INSML005" in run("interest", pk, "INSML005", "yes", "--as", "alice")
    with pytest.raises(CommandError, match="--level: INSML005 is judged item by item"):
        run("interest", pk, "INSML005", "no", "--level", "2", "--as", "alice")
    with pytest.raises(CommandError, match="no step NOPE-X in self-assessment"):
        run("interest", pk, "NOPE-X", "yes", "--as", "alice")
    # Only the person: to anyone else the self-assessment does not exist.
    with pytest.raises(CommandError, match="no such self-assessment"):
        run("interest", pk, "PPM-PPL", "yes", "--as", "bob")
    rows = json.loads(run("interests", "alice", "--format", "json"))
    assert [(r["code"], r["wants_to_develop"]) for r in rows] == [
        ("PPM-PPL", False), ("INSML005", True)
    ]  # fmt: skip
    assert Interest.objects.count() == 3  # yes, no (PPM-PPL), yes (INSML005): append-only
    table = run("interests", "E-alice", "--as", "bob").splitlines()
    assert table[0].split() == ["FRAMEWORK", "CODE", "TITLE", "WANTS", "TO", "DEVELOP", "SINCE"]
    with pytest.raises(CommandError, match="no person with employee id or username 'alice'"):
        run("interests", "alice", "--as", "eve")


def test_interest_refused_once_submitted(personas: Any, assessment: SelfAssessment) -> None:
    assessment.status = SelfAssessment.Status.SUBMITTED
    assessment.save()
    with pytest.raises(CommandError):
        run("interest", str(assessment.pk), "INSML005", "yes", "--as", "alice")
    assert not Interest.objects.exists()


def test_replies_to_a_rating(personas: Any) -> None:
    run("rate", "alice", "PPM-PPL", "--level", "3", "--source", "manager", "--comment", "good",
        "--as", "bob")  # fmt: skip
    rating = Rating.objects.get()
    pk = str(rating.pk)
    out = run("reply", pk, "I led the Atlas planning: level 4?", "--as", "alice")
    reply = RatingReply.objects.get()
    assert out.strip() == f"reply {reply.pk} to rating {rating.pk} (PPM-PPL)"
    assert Notification.objects.filter(recipient=personas.bob.user).count() == 1  # the rater hears
    assert "reply" in run("reply", pk, "Let us talk on Monday", "--as", "bob")
    with pytest.raises(CommandError, match=r"^no such rating$"):
        run("reply", pk, "hello", "--as", "eve")
    with pytest.raises(CommandError, match=r"^you may not reply to this rating$"):
        run("reply", pk, "hello", "--as", "carol")  # HR sees it, is not in the conversation
    with pytest.raises(CommandError, match=r"^text: write a reply before sending it$"):
        run("reply", pk, "   ", "--as", "alice")
    assert RatingReply.objects.count() == 2
    rows = json.loads(run("replies", pk, "--format", "json"))
    assert [(r["author"], r["text"]) for r in rows] == [
        ("alice", "I led the Atlas planning: level 4?"), ("bob", "Let us talk on Monday")
    ]  # fmt: skip
    assert run("replies", pk, "--format", "csv").splitlines()[0] == "id,when,author,text"
    with pytest.raises(CommandError, match=r"^no such rating$"):
        run("replies", pk, "--as", "eve")
    with pytest.raises(CommandError, match="no rating with id 999999"):
        run("replies", "999999")


@pytest.mark.parametrize(
    "args",
    [
        ("ratings", "interest", "1", "PPM-PPL", "yes"),
        ("ratings", "reply", "1", "hello"),
        ("ratings", "interests", "alice"),
        ("ratings", "replies", "1"),
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
