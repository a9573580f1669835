"""`skillframe remind`: digests over the demo organisation, sent once, dry run, mutes."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from io import StringIO
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from skillframe.assessments.models import VALIDATING_SOURCES, Cycle, Rating, SelfAssessment
from skillframe.demo.organisation import load_demo
from skillframe.development.models import Objective, Plan
from skillframe.frameworks.models import Element
from skillframe.notifications.models import Notification
from skillframe.people.models import Person
from skillframe.reminders.kinds import Kind
from skillframe.reminders.models import Mute, SentReminder


def remind(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("remind", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def demo(seeded: Any, settings: Any) -> date:
    """The demo organisation; returns a day five days before its open cycle closes."""
    settings.SITE_URL = "https://skills.example.org"
    load_demo()
    Notification.objects.all().delete()  # the demo's own news; the tests count digests
    cycle = Cycle.objects.open_on(timezone.localdate()).get()
    return cycle.ends_on - timedelta(days=5)


def expected_reminders(day: date) -> dict[str, set[str]]:
    """{username: kinds due} computed the plain way, person by person, from the rules."""
    expected: dict[str, set[str]] = defaultdict(set)
    cycle = Cycle.objects.open_on(day).get()
    for person in cycle.people_in_scope().select_related("user", "manager__user"):
        mine = SelfAssessment.objects.filter(person=person, cycle=cycle)
        if (person.current_role_id and not mine.exists()) or mine.filter(status="draft").exists():
            expected[person.user.username].add("self-assessment")
        waiting = SelfAssessment.objects.filter(person=person, status="submitted")
        if person.manager and any(
            timezone.localdate(a.submitted_at) <= day - timedelta(days=3) for a in waiting
        ):
            expected[person.manager.user.username].add("review")
        current = Rating.objects.current([person.pk])
        if person.manager and any(
            c.validated
            and c.validated.source in VALIDATING_SOURCES
            and c.validated.next_review_on
            and c.validated.next_review_on < day
            for c in current.values()
        ):
            expected[person.manager.user.username].add("rating-review")
    return dict(expected)


def test_demo_digests_are_sent_exactly_once(demo: date) -> None:
    expected = expected_reminders(demo)
    assert {"self-assessment", "review", "rating-review"} <= set().union(*expected.values())
    out, _ = remind("--date", demo.isoformat())
    assert f"{len(expected)} digest(s) sent" in out
    by_user = {m.to[0].split("@")[0]: m for m in mail.outbox}
    assert set(by_user) == set(expected)  # one e-mail each, to exactly the people due
    assert len(mail.outbox) == len(expected)
    sent_kinds: dict[str, set[str]] = defaultdict(set)
    for user_id, kind in SentReminder.objects.values_list("user__username", "kind"):
        sent_kinds[user_id].add(kind)
    assert dict(sent_kinds) == expected
    bells = Notification.objects.values_list("recipient__username", flat=True)
    assert sorted(bells) == sorted(expected)  # one bell item per digest

    bob = by_user["bob"]
    assert bob.subject.startswith("Skillframe: ") and "reminder" in bob.subject
    assert "Waiting for your review" in bob.body and "Alice Archer's self-assessment" in bob.body
    assert "https://skills.example.org/assessments/" in bob.body
    assert "127.0.0.1" not in bob.body
    ((html, mimetype),) = bob.alternatives
    assert mimetype == "text/html"
    assert '<a href="https://skills.example.org/assessments/' in html
    assert "Alice Archer&#x27;s self-assessment" in html  # escaped in HTML

    # The second run finds everything already sent.
    out, _ = remind("--date", demo.isoformat())
    assert "0 digest(s) sent" in out
    assert len(mail.outbox) == len(expected)
    assert Notification.objects.count() == len(expected)


def test_dry_run_lists_and_sends_nothing(demo: date) -> None:
    expected = expected_reminders(demo)
    out, _ = remind("--dry-run", "--date", demo.isoformat(), "--format", "csv")
    lines = out.splitlines()
    assert lines[0] == "username,email,reminders,kinds"
    assert {line.split(",")[0] for line in lines[1:]} == set(expected)
    assert mail.outbox == [] and not SentReminder.objects.exists()
    assert not Notification.objects.exists()


def test_mutes_are_respected(demo: date) -> None:
    expected = expected_reminders(demo)
    assert {"review", "rating-review"} <= expected["bob"]
    out, _ = remind("mute", "bob", "review")
    assert [line.split()[:2] for line in out.splitlines()][1:3] == [
        ["self-assessment", "no"],
        ["review", "yes"],
    ]
    remind("--date", demo.isoformat())
    bob = next(m for m in mail.outbox if m.to == ["bob@example.org"])
    assert "Waiting for your review" not in bob.body and "Ratings due for review" in bob.body
    assert not SentReminder.objects.filter(user__username="bob", kind="review").exists()
    # Unmuted, the review reminder arrives in the next run, once.
    remind("unmute", "bob", "review")
    mail.outbox.clear()
    remind("--date", demo.isoformat())
    (again,) = [m for m in mail.outbox if m.to == ["bob@example.org"]]
    assert "Waiting for your review" in again.body and "Ratings due" not in again.body


def test_everything_muted_means_no_digest(demo: date) -> None:
    bob = User.objects.get(username="bob")
    Mute.objects.bulk_create([Mute(user=bob, kind=k) for k in Kind.values])
    remind("--date", demo.isoformat())
    assert all(m.to != ["bob@example.org"] for m in mail.outbox)
    assert not Notification.objects.filter(recipient=bob).exists()


def test_overdue_objective_and_a_new_state_remind_again(demo: date) -> None:
    alice = Person.objects.get(user__username="alice")
    plan = Plan.objects.create(person=alice, title="Lead a team", status=Plan.Status.APPROVED)
    objective = Objective.objects.create(
        plan=plan,
        element=Element.objects.get(code="INSML005"),
        measure="leads the weekly stand-up",
        due_on=demo - timedelta(days=1),
    )
    remind("--date", demo.isoformat())
    alice_mail = [m for m in mail.outbox if m.to == ["alice@example.org"]]
    assert len(alice_mail) == 1
    assert "Objective INSML005" in alice_mail[0].body and "was due on" in alice_mail[0].body
    assert f"https://skills.example.org/plans/{plan.pk}/" in alice_mail[0].body
    # A new due date is a new reminder; the same one is not.
    mail.outbox.clear()
    remind("--date", demo.isoformat())
    assert mail.outbox == []
    objective.due_on = demo - timedelta(days=2)
    objective.save()
    remind("--date", demo.isoformat())
    assert [m.to for m in mail.outbox] == [["alice@example.org"]]


def test_mute_errors_are_one_line(demo: date) -> None:
    with pytest.raises(CommandError, match="unknown reminder kind 'holiday'"):
        remind("mute", "bob", "holiday")
    with pytest.raises(CommandError, match="no user named 'nobody'"):
        remind("mutes", "nobody")
    with pytest.raises(CommandError, match="not a date"):
        remind("--date", "tomorrow")
    assert not Mute.objects.exists()


def test_console_script_exit_codes_and_one_line_errors(cli_env: dict[str, str]) -> None:
    """Through the installed `skillframe`: 0 and a report, or 1 and one line on stderr."""
    import subprocess
    import sys
    from pathlib import Path

    skillframe = Path(sys.executable).parent / "skillframe"

    def call(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(skillframe), *args], env=cli_env, capture_output=True, text=True, check=False
        )

    ok = call("remind", "--dry-run")
    assert ok.returncode == 0 and "0 digest(s) due" in ok.stdout
    for args, message in [
        (("remind", "mutes", "nobody"), "no user named 'nobody'"),
        (("cycles", "close", "7", "--as", "nobody"), "--as: no user named 'nobody'"),
        (("people", "show", "E-1"), "no person with employee id or username 'E-1'"),
    ]:
        failed = call(*args)
        assert failed.returncode == 1, args
        assert failed.stderr.strip().splitlines() == [f"CommandError: {message}"], args
