"""Gaps, role explorer and priority-weights pages: content, access and query bounds."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from skillframe.audit.models import AuditEvent
from skillframe.insights.models import PriorityWeightSettings
from skillframe.insights.priorities import DEFAULT_WEIGHTS
from tests.insights.helpers import rate_alice

pytestmark = pytest.mark.django_db


def login(personas: Any, name: str) -> Client:
    client = Client()
    client.force_login(getattr(personas, name).user)
    return client


def test_my_gaps_shows_both_roles_priorities_and_missing_items(
    personas: Any, django_assert_max_num_queries: Any
) -> None:
    rate_alice(personas)
    client = login(personas, "alice")
    with django_assert_max_num_queries(20):
        page = client.get("/me/gaps/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Current role" in html and "Target role" in html
    assert "Role fit 56%" in html  # (2/3 + 1 + 0) / 3
    assert "Role fit 2%" in html  # (2/47 + 0) / 2
    assert "2 of 47 items competent" in html
    assert "INSML005.P2" in html  # a missing item, named
    assert "self-assessed, not validated" in html
    assert "review due" in html
    assert (
        "Why: essential for your current role; organisation goal this year; one level below "
        "target; validated rating due for review" in html
    )
    # Priorities in rank order.
    order = [html.index(f">{code}</span> ") for code in ("INSML005", "INSML011", "LP-LTW")]
    assert order == sorted(order)


def test_compare_with_another_role_full_page_and_htmx_partial(personas: Any) -> None:
    client = login(personas, "alice")
    page = client.get("/me/gaps/?role=team-leader")
    assert "Compared with" in page.content.decode()
    # Works without JavaScript (a GET form to the page), and with HTMX swaps only the partial.
    assert 'action="/me/gaps/#compare"' in page.content.decode()
    assert 'hx-get="/me/gaps/" hx-target="#other"' in page.content.decode()
    partial = client.get("/me/gaps/?role=project-manager", headers={"HX-Request": "true"})
    html = partial.content.decode()
    assert html.lstrip().startswith('<div id="other"')
    assert "Compared with" in html and "<h1>" not in html
    assert client.get("/me/gaps/?role=no-such-role").status_code == 404


def test_people_gaps_follow_the_access_rule(personas: Any) -> None:
    for name in ("alice", "bob", "carol", "dave"):
        assert login(personas, name).get("/people/E-alice/gaps/").status_code == 200
    assert login(personas, "eve").get("/people/E-alice/gaps/").status_code == 404
    assert login(personas, "eve").get("/people/E-alice/roles/").status_code == 404
    assert login(personas, "alice").get("/people/E-eve/gaps/").status_code == 404
    page = login(personas, "bob").get("/people/E-alice/gaps/")
    assert "Alice Archer’s gaps" in page.content.decode()


def test_a_user_without_a_person_record(personas: Any, django_user_model: Any) -> None:
    admin = django_user_model.objects.create_user("admin", password="x", is_superuser=True)
    client = Client()
    client.force_login(admin)
    assert "no person record" in client.get("/me/gaps/").content.decode()
    assert "no person record" in client.get("/me/roles/").content.decode()


def test_role_explorer(personas: Any, django_assert_max_num_queries: Any) -> None:
    rate_alice(personas)
    client = login(personas, "alice")
    with django_assert_max_num_queries(12):
        page = client.get("/me/roles/")
    html = page.content.decode()
    assert html.index("Project manager") < html.index("Team leader")
    assert "56%" in html and "2%" in html
    assert "level 2 → 3" in html
    assert "not rated, target level 3" in html
    assert "?role=team-leader#compare" in html


def test_weights_page_hr_only_audited_and_validated(personas: Any) -> None:
    assert login(personas, "alice").get("/insights/weights/").status_code == 403
    refused = login(personas, "bob").post("/insights/weights/", {"gap": 1})
    assert refused.status_code == 403
    assert not PriorityWeightSettings.objects.exists()

    carol = login(personas, "carol")
    page = carol.get("/insights/weights/")
    assert page.status_code == 200
    assert "default 4.0" in page.content.decode()
    values = DEFAULT_WEIGHTS.as_dict() | {"interest": 3.5}
    assert carol.post("/insights/weights/", values).status_code == 302
    assert PriorityWeightSettings.current().interest == 3.5
    event = AuditEvent.objects.get(action="insights.weights.update")
    assert event.data["after"]["interest"] == 3.5 and event.data["before"]["interest"] == 1.0

    bad = carol.post("/insights/weights/", values | {"goal": -1})
    assert bad.status_code == 400
    assert "Organisation goal" in bad.content.decode()
    assert PriorityWeightSettings.current().goal == DEFAULT_WEIGHTS.goal

    carol.post("/insights/weights/", {"reset": "1"})
    assert PriorityWeightSettings.current() == DEFAULT_WEIGHTS
