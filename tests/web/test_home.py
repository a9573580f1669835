"""The home page for a signed-in person (skillframe/web/tasks.py, templates/home.html): what to
do now, per persona, with counts linking to the lists, in a number of queries that does not grow
with the organisation."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from skillframe.assessments.models import Cycle, SelfAssessment
from skillframe.development.models import Plan
from skillframe.people.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def cycle(personas: Any) -> Cycle:
    today = timezone.localdate()
    cycle = Cycle.objects.create(
        name="Spring review", starts_on=today - timedelta(days=20), ends_on=today + timedelta(5)
    )
    cycle.units.add(personas.org)
    return cycle


def home(client: Client, user: User) -> str:
    client.force_login(user)
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_professional_is_asked_to_start_her_self_assessment(
    client: Client, personas: Any, cycle: Cycle
) -> None:
    html = home(client, personas.alice.user)
    assert "What to do now" in html
    assert '<a href="/me/">1 self-assessment to finish</a>' in html
    assert f'action="/cycles/{cycle.pk}/start/"' in html and "Start self-assessment" in html
    # The catalogue stays one click away.
    assert 'href="/frameworks/"' in html and 'href="/frameworks/axelos/"' in html


def test_a_manager_sees_reviews_and_plans_waiting_with_links(
    client: Client, personas: Any, cycle: Cycle
) -> None:
    submitted = SelfAssessment.objects.create(
        person=personas.alice,
        cycle=cycle,
        role=personas.pm,
        status=SelfAssessment.Status.SUBMITTED,
        submitted_at=timezone.now(),
    )
    plan = Plan.objects.create(person=personas.alice, title="Lead", status=Plan.Status.SUBMITTED)
    html = home(client, personas.bob.user)
    assert '<a href="/team/">1 self-assessment to review</a>' in html
    assert f'href="/assessments/{submitted.pk}/review/">Alice Archer</a>' in html
    assert "Project manager, Spring review" in html
    assert '<a href="/team/reports/">1 plan to approve</a>' in html
    assert f'href="/plans/{plan.pk}/review/"' in html
    # Alice's own home shows none of that.
    alice = home(client, personas.alice.user)
    assert "to review" not in alice and "to approve" not in alice


def test_hr_sees_cycles_ending_soon_with_what_is_left(
    client: Client, personas: Any, cycle: Cycle
) -> None:
    SelfAssessment.objects.create(person=personas.alice, cycle=cycle, role=personas.pm)
    SelfAssessment.objects.create(
        person=personas.eve, cycle=cycle, role=personas.pm, status="submitted"
    )
    html = home(client, personas.carol.user)
    assert '<a href="/cycles/">1 cycle ending soon</a>' in html
    assert "in 5 days): 1 in progress, 1 awaiting review" in html
    assert "ending soon" not in home(client, personas.alice.user)


def test_an_assessor_sees_learners_and_others_see_nothing_waiting(
    client: Client, personas: Any
) -> None:
    assert "1 learner you assess" in home(client, personas.dave.user)
    assert "Nothing is waiting for you." in home(client, personas.eve.user)


def test_anonymous_visitors_get_the_catalogue(client: Client, seeded: Any) -> None:
    html = client.get("/").content.decode()
    assert "<title>Frameworks · Skillframe</title>" in html and "What to do now" not in html


def test_the_home_page_costs_the_same_queries_for_a_bigger_team(
    client: Client, personas: Any, cycle: Cycle, django_assert_max_num_queries: Any
) -> None:
    def waiting(person: Person) -> None:
        SelfAssessment.objects.create(
            person=person, cycle=cycle, role=personas.pm, status="submitted"
        )
        Plan.objects.create(person=person, title="Grow", status=Plan.Status.SUBMITTED)

    waiting(personas.alice)
    client.force_login(personas.bob.user)
    client.get("/")
    with django_assert_max_num_queries(30) as small:
        client.get("/")
    for n in range(12):
        user = User.objects.create_user(f"report{n}")
        waiting(
            Person.objects.create(
                user=user, employee_id=f"R{n}", unit=personas.delivery, manager=personas.bob
            )
        )
    with django_assert_max_num_queries(len(small.captured_queries)):
        html = client.get("/").content.decode()
    assert "13 self-assessments to review" in html and "All 13 in Team grid" in html


def test_an_account_without_a_person_record_gets_a_home_page(client: Client, cycle: Cycle) -> None:
    admin = User.objects.create_superuser("root", "root@example.org", "pw")
    html = home(client, admin)
    assert "<h1>Welcome</h1>" in html
    assert '<a href="/cycles/">1 cycle ending soon</a>' in html  # a superuser is an HR admin
