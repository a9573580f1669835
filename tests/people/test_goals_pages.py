"""Organisation goal pages: everyone signed in reads them, HR admins edit them and their weights."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from skillframe.audit.models import AuditEvent
from skillframe.frameworks.models import Element
from skillframe.people.models import OrgGoal, OrgGoalWeight


@pytest.fixture
def goals(personas: Any) -> dict[str, OrgGoal]:
    today = timezone.localdate()
    year = dt.timedelta(days=365)
    made = {
        "now": OrgGoal.objects.create(
            title="This year: IT service transition and change",
            starts_on=today - dt.timedelta(days=30),
            ends_on=today + year,
        ),
        "past": OrgGoal.objects.create(
            title="Last year: planning", starts_on=today - 2 * year, ends_on=today - year
        ),
        "next": OrgGoal.objects.create(
            title="Next year: leadership", starts_on=today + year, ends_on=today + 2 * year
        ),
    }
    for code, weight in [("ITSM-TR", 2.0), ("BACM", 1.5)]:
        OrgGoalWeight.objects.create(
            goal=made["now"], element=Element.objects.get(code=code), weight=weight
        )
    return made


def test_goal_list_flags_active_goals(
    client: Client, personas: Any, goals: dict[str, OrgGoal], django_assert_max_num_queries: Any
) -> None:
    for n in range(20):  # more goals with weights must not mean more queries
        goal = OrgGoal.objects.create(
            title=f"Goal {n}", starts_on=dt.date(2020, 1, 1), ends_on=dt.date(2020, 12, 31)
        )
        OrgGoalWeight.objects.create(goal=goal, element=Element.objects.get(code="PPM"))
    client.force_login(personas.alice.user)
    with django_assert_max_num_queries(8):
        response = client.get("/goals/")
    html = response.content.decode()
    assert response.status_code == 200
    now = html.index("This year: IT service transition and change")
    assert html.index("<strong>Active</strong>", now) < html.index("Last year", now)
    assert "Upcoming" in html and "Ended" in html
    assert html.count("<strong>Active</strong>") == 1
    assert "<code>ITSM-TR</code> × 2" in html and "<code>BACM</code> × 1.5" in html
    assert "New goal" not in html


def test_goal_detail_links_weighted_elements(
    client: Client, personas: Any, goals: dict[str, OrgGoal]
) -> None:
    client.force_login(personas.eve.user)
    response = client.get(f"/goals/{goals['now'].pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Active" in html
    assert 'href="/frameworks/axelos/ITSM-TR/"' in html
    assert html.index("ITSM-TR") < html.index("BACM")  # heaviest first
    assert "Add or change a weight" not in html and "Remove" not in html
    assert client.get("/goals/999999/").status_code == 404


def test_hr_admin_creates_and_edits_a_goal(client: Client, personas: Any) -> None:
    client.force_login(personas.carol.user)
    assert client.get("/goals/new/").status_code == 200
    response = client.post(
        "/goals/new/",
        {"title": "Change", "description": "", "starts_on": "2026-01-01", "ends_on": "2026-12-31"},
    )
    goal = OrgGoal.objects.get(title="Change")
    assert response["Location"] == f"/goals/{goal.pk}/"
    edit = client.get(f"/goals/{goal.pk}/edit/").content.decode()
    assert 'value="2026-01-01"' in edit
    client.post(
        f"/goals/{goal.pk}/edit/",
        {"title": "Change 2026", "starts_on": "2026-01-01", "ends_on": "2026-06-30"},
    )
    goal.refresh_from_db()
    assert (goal.title, goal.ends_on) == ("Change 2026", dt.date(2026, 6, 30))
    assert list(AuditEvent.objects.order_by("id").values_list("action", flat=True)) == [
        "goal.create",
        "goal.update",
    ]
    for data, field, words in [
        ({"title": "X", "starts_on": "2026-05-01", "ends_on": "2026-04-30"}, "ends_on", "before"),
        ({"title": "", "starts_on": "2026-05-01", "ends_on": "2026-05-30"}, "title", "required"),
        ({"title": "X", "starts_on": "May", "ends_on": "2026-05-30"}, "starts_on", "valid date"),
    ]:
        response = client.post(f"/goals/{goal.pk}/edit/", data)
        assert response.status_code == 400
        assert words in " ".join(response.context["form"].errors[field])
        assert f'<a href="#id_{field}">' in response.content.decode()
    goal.refresh_from_db()
    assert goal.title == "Change 2026"
    assert OrgGoal.objects.count() == 1


def test_hr_admin_sets_and_removes_weights(
    client: Client, personas: Any, goals: dict[str, OrgGoal]
) -> None:
    goal = goals["now"]
    client.force_login(personas.carol.user)
    url = f"/goals/{goal.pk}/weights/"
    assert client.post(url, {"element": "INSML005", "weight": "3"}).status_code == 302
    assert client.post(url, {"element": "ITSM-TR", "weight": "0.5"}).status_code == 302
    weights = dict(goal.weights.values_list("element__code", "weight"))
    assert weights == {"ITSM-TR": 0.5, "BACM": 1.5, "INSML005": 3.0}
    for data, field, words in [
        ({"element": "PPM-BCD.L3", "weight": "1"}, "element", "is a level"),
        ({"element": "INSML005.P1", "weight": "1"}, "element", "performance-criterion"),
        ({"element": "NOPE", "weight": "1"}, "element", "no element has the code"),
        ({"element": "PPM", "weight": "0"}, "weight", "greater than 0"),
        ({"element": "PPM", "weight": "-2"}, "weight", "greater than 0"),
        ({"element": "PPM", "weight": ""}, "weight", "required"),
    ]:
        response = client.post(url, data)
        assert response.status_code == 400, data
        assert words in " ".join(response.context["form"].errors[field]), data
    assert goal.weights.count() == 3
    bacm = goal.weights.get(element__code="BACM")
    response = client.post(f"/goals/{goal.pk}/weights/{bacm.pk}/delete/")
    assert response["Location"] == f"/goals/{goal.pk}/"
    assert not goal.weights.filter(element__code="BACM").exists()
    actions = list(AuditEvent.objects.order_by("id").values_list("action", flat=True))
    assert actions == ["goal.weight.add", "goal.weight.update", "goal.weight.delete"]


def test_goal_picker_offers_families_groups_and_units(
    client: Client, personas: Any, goals: dict[str, OrgGoal]
) -> None:
    client.force_login(personas.carol.user)
    url = f"/goals/{goals['now'].pk}/"
    response = client.get(url, {"q": "ITSM-T"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<html" not in html
    assert '<span class="hit-code">ITSM-TR</span>' in html  # a group may be weighted
    assert "?element=ITSM-TR&amp;framework=axelos#weight-form" in html
    full = client.get(url, {"element": "ITSM-TR", "framework": "axelos"}).content.decode()
    assert 'name="element" value="ITSM-TR"' in full


def test_alice_may_read_but_not_change_goals(
    client: Client, personas: Any, goals: dict[str, OrgGoal]
) -> None:
    goal = goals["now"]
    weight = goal.weights.first()
    assert weight is not None
    client.force_login(personas.alice.user)
    assert client.get(f"/goals/{goal.pk}/").status_code == 200
    assert client.get("/goals/new/").status_code == 403
    assert client.post("/goals/new/", {"title": "X"}).status_code == 403
    assert client.get(f"/goals/{goal.pk}/edit/").status_code == 403
    assert client.post(f"/goals/{goal.pk}/weights/", {"element": "PPM"}).status_code == 403
    assert client.post(f"/goals/{goal.pk}/weights/{weight.pk}/delete/").status_code == 403
    picker = client.get(f"/goals/{goal.pk}/", {"q": "ITSM"}, HTTP_HX_REQUEST="true")
    assert picker.status_code == 403
    assert goal.weights.count() == 2
    assert OrgGoal.objects.count() == 3
    assert not AuditEvent.objects.exists()
