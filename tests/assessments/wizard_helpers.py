"""Helpers shared by the wizard tests (not a test module): a Delivery cycle open today."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from skillframe.assessments.models import Cycle, SelfAssessment

HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def cycle(personas: Any) -> Cycle:
    today = timezone.localdate()
    cycle = Cycle.objects.create(
        name="Spring review",
        starts_on=today - timedelta(days=1),
        ends_on=today + timedelta(days=30),
    )
    cycle.units.add(personas.delivery)
    return cycle


def login(client: Client, personas: Any, name: str) -> Client:
    client.force_login(getattr(personas, name).user)
    return client


def start(client: Client, cycle: Cycle) -> SelfAssessment:
    response = client.post(f"/cycles/{cycle.pk}/start/")
    assert response.status_code == 302
    pk = int(response["Location"].rstrip("/").rsplit("/", 1)[-1])
    return SelfAssessment.objects.get(pk=pk)


def step_url(assessment: SelfAssessment, code: str) -> str:
    return f"/assessments/{assessment.pk}/steps/{code}/"


# Level 3 of PPM-PPL has five statements: three ticked (and one at level 2) support level 3.
PPL_L3 = ["PPM-PPL.L2.1", "PPM-PPL.L3.1", "PPM-PPL.L3.2", "PPM-PPL.L3.3"]


def confirmed(assessment: SelfAssessment) -> dict[str, str]:
    """The token of the submit confirmation step (issue 11: submitting needs it)."""
    from skillframe.http import confirm_token

    return {"confirm": confirm_token("self-assessment.submit", f"assessment:{assessment.pk}")}
