"""Issue 11: team-grid changes are pending until the manager confirms them, and a closed cycle's
ratings are frozen (web and API)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from skillframe.assessments.models import Cycle, Rating
from skillframe.assessments.ratings import record_rating
from tests.assessments.review_helpers import el, manager_ratings, submitted
from tests.assessments.test_team import TEAM, cell_data, prefix


def closed_cycle(personas: Any) -> Cycle:
    today = timezone.localdate()
    cycle = Cycle.objects.create(
        name="Spring review",
        starts_on=today - timedelta(days=10),
        ends_on=today + timedelta(days=30),
        status=Cycle.Status.CLOSED,
    )
    cycle.units.add(personas.org)
    return cycle


def test_a_grid_post_without_save_shows_a_summary_and_writes_nothing(
    client: Client, personas: Any
) -> None:
    alice = personas.alice
    record_rating(alice.user, alice, el("PPM-PPL"), "self", level=3)
    client.force_login(personas.bob.user)
    before = Rating.objects.count()
    # What a stray "3", Tab, Enter sends: the form without the explicit save action.
    form = {"role": "project-manager", **cell_data(alice, "PPM-PPL", "3")}
    response = client.post(TEAM, form)
    html = response.content.decode()
    assert response.status_code == 200
    assert Rating.objects.count() == before and not manager_ratings(alice, "PPM-PPL")
    assert "Save 1 change?" in html
    assert "Alice Archer, PPM-PPL: — → <strong>3 Professional/ Manager</strong>" in html
    assert 'name="action" value="save"' in html
    assert f'id="cell-{prefix(alice, "PPM-PPL")}" class="cell pending"' in html
    # The implicit submit button (Enter in a field) is the summary, never the save.
    form_html = html[html.index("data-team-grid-form") :]
    first_button = form_html[form_html.index("<button") : form_html.index("</button>")]
    assert 'value="review"' in first_button

    response = client.post(TEAM, {**form, "action": "save"})
    assert response.status_code == 302
    assert manager_ratings(alice, "PPM-PPL")[0].level == 3


def test_the_grid_page_never_posts_a_cell_on_change(client: Client, personas: Any) -> None:
    client.force_login(personas.bob.user)
    html = client.get(TEAM).content.decode()
    assert 'hx-trigger="change"' not in html and "hx-post" not in html
    assert "data-pending-bar" in html and "Undo all" in html


def test_level_names_are_whole_in_the_grid(client: Client, personas: Any) -> None:
    client.force_login(personas.bob.user)
    html = client.get(TEAM).content.decode()
    assert '<option value="2">2 Practitioner</option>' in html
    assert "skillframe/flows.css" in html  # the grid's columns grow to fit the level names


def test_record_rating_refuses_a_closed_cycle(personas: Any) -> None:
    cycle = closed_cycle(personas)
    with pytest.raises(ValidationError) as refused:
        record_rating(
            personas.bob.user, personas.alice, el("PPM-PPL"), "manager", level=3, cycle=cycle
        )
    assert "closed" in refused.value.message_dict["cycle"][0]
    assert not manager_ratings(personas.alice, "PPM-PPL")


def test_review_of_a_closed_cycle_is_frozen(client: Client, personas: Any) -> None:
    cycle = closed_cycle(personas)
    assessment = submitted(personas, {"PPM-PPL": 3})
    assessment.cycle = cycle
    assessment.save()
    client.force_login(personas.bob.user)
    url = f"/assessments/{assessment.pk}/review/"
    html = client.get(url).content.decode()
    assert "is closed: this review is frozen" in html and "Agree with" not in html
    element = el("PPM-PPL").pk
    section = {"action": "agree_section", "section": "axelos/Skills"}
    for data in ({"action": "agree", "element": element}, section):
        html = client.post(url, data).content.decode()
        assert "the cycle “Spring review” is closed" in html
    assert not manager_ratings(personas.alice, "PPM-PPL")


def test_the_grid_does_not_complete_a_frozen_review(client: Client, personas: Any) -> None:
    cycle = closed_cycle(personas)
    assessment = submitted(personas, {"PPM-PPL": 3})
    assessment.cycle = cycle
    assessment.save()
    client.force_login(personas.bob.user)
    form = {"role": "project-manager", "action": "save"}
    client.post(TEAM, {**form, **cell_data(personas.alice, "PPM-PPL", "3")})
    assessment.refresh_from_db()
    assert assessment.status == "submitted"


def test_the_api_refuses_a_rating_in_a_closed_cycle(client: Client, personas: Any) -> None:
    cycle = closed_cycle(personas)
    client.force_login(personas.bob.user)
    response = client.post(
        f"/api/people/{personas.alice.employee_id}/ratings",
        {
            "framework": "axelos",
            "element": "PPM-PPL",
            "source": "manager",
            "level": 3,
            "cycle": cycle.pk,
        },
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "cycle" in response.content.decode()
    assert not manager_ratings(personas.alice, "PPM-PPL")
