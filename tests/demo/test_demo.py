"""The demo organisation: `skillframe demo`, and `skillframe serve --demo` on first start."""

from __future__ import annotations

import json
import re
import stat
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from skillframe.assessments import latest
from skillframe.assessments.models import Cycle, LatestRating, Rating, SelfAssessment, Source
from skillframe.demo.data import LOGINS, ROOT_UNIT
from skillframe.demo.organisation import DemoError, load_demo
from skillframe.demo.ratings import Storyteller
from skillframe.frameworks.models import Element, Framework
from skillframe.notifications.models import Notification
from skillframe.people import access
from skillframe.people.models import OrgGoal, OrgUnit, Person, RoleProfile
from skillframe.quality import access as quality_access
from skillframe.quality.models import Sample, SamplingPlan

USERNAMES = [name for name, _ in LOGINS]


@pytest.fixture
def no_ratings(monkeypatch: pytest.MonkeyPatch) -> None:
    """Skip the ratings (the slow part) in tests about logins and commands."""
    monkeypatch.setattr(Storyteller, "tell", lambda self: 0)


def person(username: str) -> Person:
    return Person.objects.select_related("unit", "manager__user").get(user__username=username)


def signs_in(client: Client, username: str, password: str) -> bool:
    """Through the real sign-in page (with its lockout backend), as a person would."""
    client.logout()
    response = client.post(reverse("login"), {"username": username, "password": password})
    return response.status_code == 302 and "_auth_user_id" in client.session


def printed_logins(output: str) -> dict[str, str]:
    """{username: password} from the logins table the commands print."""
    found: dict[str, str] = {}
    for line in output.splitlines():
        match = re.match(r"^  (\w+)\s+(\S+)\s+\S", line)
        if match and match[1] in USERNAMES:
            found[match[1]] = match[2]
    return found


def test_demo_organisation_tells_a_true_story(seeded: Any) -> None:
    result = load_demo()
    today = timezone.localdate()
    assert result.created
    # The back-dated history and the maintained current-rating table agree.
    assert latest.check().ok and LatestRating.objects.count() > 0
    assert 35 <= Person.objects.count() == result.people <= 45
    root = OrgUnit.objects.get(code=ROOT_UNIT)
    assert OrgUnit.objects.filter(parent=root).count() == 3
    assert OrgUnit.objects.filter(parent__parent=root).count() == 2  # PMO, Change

    alice, bob, carol, dave, eve, iris = (person(name) for name in USERNAMES)
    assert alice.manager == bob and alice.job_title == "Project manager"
    assert alice.unit.parent.name == "Delivery"
    assert alice.target_role.code == "team-leader"
    assert access.manages(bob.user, alice)
    assert list(carol.hr_units.all()) == [root] and access.administers(carol.user, alice)
    assert access.assesses(dave.user, alice) and dave.learners.count() >= 3
    assert eve.unit.name == "Service Operations"
    # Iris, the IQA, has a plan with sampled decisions of Dave's, some reviewed (docs/quality.md).
    assert quality_access.is_assurer(iris.user) and not quality_access.is_assurer(carol.user)
    plan = SamplingPlan.objects.get(kind="assessor")
    sampled = Sample.objects.filter(plan=plan, rater=dave.user)
    assert sampled.reviewed().exists() and sampled.pending().exists()
    assert sampled.filter(review__outcome="disagree").exists()
    assert quality_access.to_review_by(iris.user).count() == sampled.pending().count()
    assert Notification.objects.filter(recipient=dave.user, url__startswith="/quality/").exists()
    assert alice.pk not in set(Person.objects.visible_to(eve.user).values_list("pk", flat=True))
    assert eve.pk not in set(Person.objects.visible_to(alice.user).values_list("pk", flat=True))
    # A real hierarchy: some chain of managers is at least three deep above someone.
    depth = max(
        len(list(_chain(p))) for p in Person.objects.select_related("manager__manager__manager")
    )
    assert depth >= 3

    # Two role profiles per framework; every requirement passes the role editor's checks and
    # targets a level the AXELOS source defines for the skill.
    roles = list(RoleProfile.objects.prefetch_related("requirements__element__framework"))
    frameworks = []
    for role in roles:
        slugs = {r.element.framework.slug for r in role.requirements.all()}
        assert len(slugs) == 1, role
        frameworks += slugs
    assert sorted(frameworks) == ["axelos", "axelos", "nos-ml", "nos-ml"]
    for role in roles:
        for requirement in role.requirements.all():
            requirement.full_clean()
            if requirement.target_level is not None:
                code = f"{requirement.element.code}.L{requirement.target_level}"
                assert Element.objects.filter(code=code, kind="level").exists(), code

    goal = OrgGoal.objects.get()
    assert goal.starts_on <= today <= goal.ends_on
    assert {w.element.code for w in goal.weights.all()} == {"ITSM-TR", "BACM-BCM"}

    cycle = Cycle.objects.open_on(today).get()
    assert list(cycle.units.all()) == [root]
    assert cycle.people_in_scope().count() == result.people
    statuses = set(SelfAssessment.objects.filter(cycle=cycle).values_list("status", flat=True))
    assert statuses == {"draft", "submitted", "reviewed"}
    own = SelfAssessment.objects.get(person=alice, cycle=cycle, role=alice.current_role)
    assert own.status == "submitted"

    _assert_assessments_complete()
    _assert_rating_flavours(today)

    # Bob was told about Alice's submitted assessment (the bell; it is still unread).
    note = Notification.objects.filter(recipient=bob.user, text__contains="Alice Archer").get()
    assert note.read_at is None and "submitted" in note.text

    # Only the demo logins can sign in; the rest of the organisation is there for the data.
    assert {u.username for u in User.objects.all() if u.has_usable_password()} == set(USERNAMES)

    # Loading again changes nothing.
    counts = (Person.objects.count(), Rating.objects.count(), SelfAssessment.objects.count())
    assert not load_demo().created
    assert counts == (
        Person.objects.count(),
        Rating.objects.count(),
        SelfAssessment.objects.count(),
    )


def _chain(p: Person) -> Any:
    while p.manager is not None:
        p = p.manager
        yield p


def _assert_assessments_complete() -> None:
    """Submitted and reviewed assessments cover every requirement (NOS: every item), and
    reviewed ones have a newer manager rating for every self rating."""
    for assessment in SelfAssessment.objects.exclude(status="draft").select_related("role"):
        rated = set(
            Rating.objects.filter(assessment=assessment, source=Source.SELF).values_list(
                "element_id", flat=True
            )
        )
        for requirement in assessment.role.requirements.select_related("element"):
            element = requirement.element
            if requirement.target_level is not None:
                assert element.pk in rated, (assessment, element.code)
            else:
                items = set(
                    Element.objects.filter(
                        kind__in=["performance-criterion", "knowledge-item"],
                        code__startswith=f"{element.code}.",
                    ).values_list("pk", flat=True)
                )
                assert items and items <= rated, (assessment, element.code)
        if assessment.status == "reviewed":
            own = Rating.objects.filter(assessment=assessment, source=Source.SELF)
            newest_manager = {
                r.element_id: r.pk
                for r in Rating.objects.filter(assessment=assessment, source=Source.MANAGER)
            }
            assert all(newest_manager.get(r.element_id, 0) > r.pk for r in own), assessment


def _assert_rating_flavours(today: Any) -> None:
    pairs = []
    for manager in Rating.objects.filter(source=Source.MANAGER).select_related("assessment"):
        own = (
            Rating.objects.filter(
                assessment=manager.assessment, element=manager.element, source=Source.SELF
            )
            .order_by("-pk")
            .first()
        )
        pairs.append((own, manager))
    agreeing = [m for own, m in pairs if (own.level, own.competence) == (m.level, m.competence)]
    adjusted = [m for own, m in pairs if (own.level, own.competence) != (m.level, m.competence)]
    assert agreeing and adjusted
    assert all(len(m.comment) > 20 for m in adjusted)
    assert any(m.level is None for m in adjusted) and any(m.level for m in adjusted)

    people = list(Person.objects.values_list("pk", flat=True))
    current = Rating.objects.current(people).values()
    stale = [c.validated for c in current if c.validated and c.validated.is_stale(today)]
    assert len(stale) >= 10
    # Stale ratings are last year's: back-dated, from the closed cycle.
    assert all(r.cycle.status == Cycle.Status.CLOSED for r in stale)
    assert all((today - r.created_at.date()).days > 300 for r in stale)
    # Ratings of this cycle are back-dated into it, never "now".
    assert not Rating.objects.filter(created_at__date__gte=today).exists()


def test_refuses_without_the_frameworks(empty_catalogue: None) -> None:
    with pytest.raises(DemoError, match="frameworks load-seeds"):
        load_demo()
    with pytest.raises(CommandError, match="axelos and nos-ml"):
        call_command("demo", stdout=StringIO())
    assert not OrgUnit.objects.exists() and not User.objects.exists()


def test_refuses_when_one_framework_is_missing(seeded: Any) -> None:
    Framework.objects.filter(slug="nos-ml").delete()
    with pytest.raises(DemoError, match=r"missing: nos-ml"):
        load_demo()
    assert not Person.objects.exists()


def test_refuses_a_taken_username_and_saves_nothing(seeded: Any) -> None:
    User.objects.create_user("bob")
    with pytest.raises(DemoError, match="already taken: bob"):
        load_demo()
    assert not Person.objects.exists() and not OrgUnit.objects.exists()


def test_command_prints_logins_that_work(
    seeded: Any, no_ratings: None, client: Client, tmp_path: Path
) -> None:
    out = StringIO()
    password_file = tmp_path / "logins.json"
    call_command("demo", "--password-file", str(password_file), stdout=out)
    printed = printed_logins(out.getvalue())
    assert sorted(printed) == sorted(USERNAMES)
    assert "Loaded the demo organisation: 40 people" in out.getvalue()
    for username, password in printed.items():
        assert signs_in(client, username, password), username
    assert stat.S_IMODE(password_file.stat().st_mode) == 0o600
    assert json.loads(password_file.read_text()) == printed

    again = StringIO()
    call_command("demo", stdout=again)
    assert "already loaded; nothing changed" in again.getvalue()
    assert not printed_logins(again.getvalue())

    reset = StringIO()
    call_command("demo", "--reset-passwords", stdout=reset)
    renewed = printed_logins(reset.getvalue())
    assert sorted(renewed) == sorted(USERNAMES)
    for username in USERNAMES:
        assert renewed[username] != printed[username]
        assert not signs_in(client, username, printed[username])
        assert signs_in(client, username, renewed[username])


def test_reset_passwords_needs_the_demo(db: None) -> None:
    with pytest.raises(CommandError, match="run `skillframe demo` first"):
        call_command("demo", "--reset-passwords", stdout=StringIO())


def test_every_run_makes_new_passwords(seeded: Any, no_ratings: None) -> None:
    # Two loads into the same fresh database (the first rolled back): no fixed passwords.
    runs = []
    for _ in range(2):
        with transaction.atomic():
            runs.append({x.username: x.password for x in load_demo().logins})
            transaction.set_rollback(True)
    first, second = runs
    assert sorted(first) == sorted(second) == sorted(USERNAMES)
    assert all(first[name] != second[name] for name in USERNAMES)
    assert len(set(first.values())) == len(USERNAMES)


def test_serve_demo_loads_it_on_first_start_only(
    seeded: Any, no_ratings: None, client: Client
) -> None:
    out = StringIO()
    call_command("serve", "--demo", "--no-serve", stdout=out)
    text = out.getvalue()
    assert "No demo logins" not in text
    logins = printed_logins(text)
    assert sorted(logins) == sorted(USERNAMES)
    assert signs_in(client, "alice", logins["alice"])

    later = StringIO()
    call_command("serve", "--demo", "--no-serve", stdout=later)
    assert "demo organisation is loaded" in later.getvalue()
    assert "--reset-passwords" in later.getvalue()
    assert not printed_logins(later.getvalue())
    assert Person.objects.count() == 40


def test_serve_demo_leaves_an_existing_organisation_alone(personas: Any) -> None:
    out = StringIO()
    call_command("serve", "--demo", "--no-serve", stdout=out)
    assert "People are already loaded" in out.getvalue()
    assert not OrgUnit.objects.filter(code=ROOT_UNIT).exists()


def test_serve_without_demo_says_nothing_about_it(seeded: Any) -> None:
    out = StringIO()
    call_command("serve", "--no-serve", stdout=out)
    assert "demo organisation" not in out.getvalue() and "Demo logins" not in out.getvalue()
    assert not Person.objects.exists()
