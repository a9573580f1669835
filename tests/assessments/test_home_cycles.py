"""The person's own page: open cycles in scope, with a start/resume button and progress."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.test import Client
from django.utils import timezone

from skillframe.assessments.models import Cycle, SelfAssessment


def make_cycle(name: str, *units: Any, roles: tuple[Any, ...] = (), offset: int = 0) -> Cycle:
    today = timezone.localdate() + timedelta(days=offset)
    cycle = Cycle.objects.create(name=name, starts_on=today, ends_on=today + timedelta(days=9))
    cycle.units.set(units)
    cycle.roles.set(roles)
    return cycle


def test_open_cycle_in_scope_has_a_start_then_resume_button(client: Client, personas: Any) -> None:
    cycle = make_cycle("Spring review", personas.org)  # alice's unit is below org
    client.force_login(personas.alice.user)
    page = client.get("/me/").content.decode()
    assert "Spring review" in page and f'action="/cycles/{cycle.pk}/start/"' in page
    assert "Start self-assessment" in page and "not started your self-assessment" in page
    client.post(f"/cycles/{cycle.pk}/start/")
    assessment = SelfAssessment.objects.get(person=personas.alice)
    client.post(f"/assessments/{assessment.pk}/steps/PPM-PPL/", {"level": "3"})
    page = client.get("/me/").content.decode()
    assert "Resume self-assessment" in page
    assert "1 of 3 steps done, 2 left" in page
    assert '<progress max="3" value="1"' in page
    assert f'href="/assessments/{assessment.pk}/"' in page  # in "Your self-assessments"


def test_submitted_assessment_is_offered_for_viewing(client: Client, personas: Any) -> None:
    cycle = make_cycle("Spring review", personas.delivery)
    SelfAssessment.objects.create(
        person=personas.alice, cycle=cycle, role=personas.pm, status="submitted"
    )
    client.force_login(personas.alice.user)
    page = client.get("/me/").content.decode()
    assert "View self-assessment" in page and "Submitted to manager" in page


def test_only_open_cycles_in_scope_are_shown(client: Client, personas: Any) -> None:
    make_cycle("Delivery only", personas.delivery)
    make_cycle("Project managers", roles=(personas.pm,))
    make_cycle("Not yet", personas.org, offset=5)
    closed = make_cycle("Closed", personas.org)
    closed.status = Cycle.Status.CLOSED
    closed.save()
    client.force_login(personas.eve.user)  # Operations, current role project manager
    page = client.get("/me/").content.decode()
    assert "Project managers" in page
    for name in ("Delivery only", "Not yet", "Closed"):
        assert name not in page
    client.force_login(personas.dave.user)  # Operations, no role
    assert "No assessment cycle is open for you." in client.get("/me/").content.decode()


def test_hr_sees_a_link_to_the_cycles(client: Client, personas: Any) -> None:
    client.force_login(personas.carol.user)
    assert 'href="/cycles/"' in client.get("/me/").content.decode()
    client.force_login(personas.alice.user)
    assert 'href="/cycles/"' not in client.get("/me/").content.decode()


def test_home_page_queries_are_bounded(
    client: Client, personas: Any, django_assert_max_num_queries: Any
) -> None:
    for n in range(3):
        cycle = make_cycle(f"Cycle {n}", personas.delivery)
        SelfAssessment.objects.create(person=personas.alice, cycle=cycle, role=personas.pm)
    client.force_login(personas.alice.user)
    # 33 here: about 4 per open cycle with a self-assessment; not per rating or per person.
    with django_assert_max_num_queries(36):
        response = client.get("/me/")
    assert response.content.decode().count("Resume self-assessment") == 3
