"""A rating on an AXELOS skill is offered as supporting information on the linked NOS step."""

from __future__ import annotations

from typing import Any

import pytest

from skillframe.assessments.models import SelfAssessment
from skillframe.assessments.ratings import record_rating
from skillframe.frameworks.associations import Association
from skillframe.frameworks.models import Element
from tests.api.api_helpers import signed_in

pytestmark = pytest.mark.django_db


def _link(status: str) -> None:
    Association.objects.create(
        kind="isRelatedTo",
        origin=Element.objects.get(code="LP-CNF.L3"),
        destination=Element.objects.get(code="INSML033"),
        status=status,
        method="test",
    )


@pytest.mark.parametrize(("status", "shown"), [("confirmed", True), ("suggested", False)])
def test_the_nos_step_shows_the_linked_skill_rating(
    personas: Any, status: str, shown: bool
) -> None:
    alice = personas.alice
    record_rating(alice.user, alice, Element.objects.get(code="LP-CNF"), "self", level=3)
    _link(status)
    draft = SelfAssessment.objects.create(person=alice, role=personas.pm, status="draft")
    html = signed_in(alice).get(f"/assessments/{draft.pk}/steps/INSML033/").content.decode()
    assert ("Supporting information from a linked skill" in html) is shown
    if shown:
        assert "LP-CNF" in html and "level 3 (self" in html
