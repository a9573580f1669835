"""Self-assessment start from a CV: suggestions offered as steps through the wizard's own form."""

from __future__ import annotations

from typing import Any

import pytest

from skillframe.assessments.models import SelfAssessment
from skillframe.frameworks.models import Element
from tests.api.api_helpers import signed_in

pytestmark = pytest.mark.django_db

CV = "Resolved long-running disputes between the night and day shifts.\nHeld a £1.2m budget."


def test_cv_suggestions_can_be_added_as_steps(personas: Any) -> None:
    draft = SelfAssessment.objects.create(person=personas.alice, role=personas.pm, status="draft")
    client = signed_in(personas.alice)
    assert "from-cv" in client.get(f"/assessments/{draft.pk}/").content.decode()
    page = client.post(f"/assessments/{draft.pk}/from-cv/", {"text": CV})
    html = page.content.decode()
    assert page.status_code == 200 and "LP-CNF" in html
    conflict = Element.objects.get(code="LP-CNF")
    assert f'name="element" value="{conflict.pk}"' in html
    added = client.post(f"/assessments/{draft.pk}/add/", {"element": conflict.pk})
    assert added.status_code == 302 and added["Location"].endswith("/steps/LP-CNF/")


def test_someone_elses_assessment_is_not_found(personas: Any) -> None:
    draft = SelfAssessment.objects.create(person=personas.alice, role=personas.pm, status="draft")
    assert (
        signed_in(personas.bob).post(f"/assessments/{draft.pk}/from-cv/", {"text": CV}).status_code
        == 404
    )
