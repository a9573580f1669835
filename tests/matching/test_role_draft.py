"""Role design from a job advert: suggestions with levels become requirements only when ticked."""

from __future__ import annotations

from typing import Any

import pytest

from skillframe.people.models import RoleRequirement
from tests.api.api_helpers import signed_in

pytestmark = pytest.mark.django_db

ADVERT = "You will hold the budget for the department and keep spending on track."


def test_an_advert_gives_draft_requirements_with_levels(personas: Any) -> None:
    role = personas.pm
    page = signed_in(personas.carol).post(
        f"/roles/{role.code}/draft/", {"text": ADVERT, "action": "suggest"}
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert 'value="axelos:BC-FIN"' in html and "level " in html
    assert 'value="nos-ml:INSML037"' in html


def test_ticked_suggestions_are_added_and_a_bad_one_adds_nothing(personas: Any) -> None:
    role, carol = personas.pm, signed_in(personas.carol)
    before = RoleRequirement.objects.filter(role=role).count()
    bad = {
        "action": "add",
        "pick": ["axelos:BC-FIN", "nos-ml:INSML037"],
        "level-axelos:BC-FIN": "9",
    }
    carol.post(f"/roles/{role.code}/draft/", bad)
    assert RoleRequirement.objects.filter(role=role).count() == before
    good = {
        "action": "add",
        "pick": ["axelos:BC-FIN", "nos-ml:INSML037"],
        "level-axelos:BC-FIN": "4",
        "importance-nos-ml:INSML037": "desirable",
    }
    response = carol.post(f"/roles/{role.code}/draft/", good)
    assert response.status_code == 302 and response["Location"] == f"/roles/{role.code}/"
    added = {
        r.element.code: r
        for r in RoleRequirement.objects.filter(role=role).select_related("element")
    }
    assert added["BC-FIN"].target_level == 4
    assert (added["INSML037"].target_level, added["INSML037"].importance) == (None, "desirable")
