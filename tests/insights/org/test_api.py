"""The organisation API: figures, scope and refusals (403 without an organisation view, 404 for
a unit out of reach, 422 naming a bad parameter), saved searches of one's own only."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.test import Client

from skillframe.insights.models import SavedSearch

pytestmark = pytest.mark.django_db


def client_for(person: object) -> Client:
    client = Client()
    client.force_login(person.user)  # type: ignore[attr-defined]
    return client


def test_heatmap_for_hr_and_manager(org: SimpleNamespace) -> None:
    body = client_for(org.hana).get("/api/insights/heatmap?org=true&by=unit&role=dev-lead").json()
    eng = next(u for u in body["units"] if u["unit"] == "eng")
    assert eng["cells"][0]["share_at_target"] == pytest.approx(0.4)
    assert eng["cells"][0]["unknown"] == 1
    body = client_for(org.cal).get("/api/insights/heatmap?org=true").json()
    assert [p["employee_id"] for p in body["people"]] == ["E-dan"]  # cal's subtree only


@pytest.mark.parametrize(
    "url",
    [
        "/api/insights/heatmap",
        "/api/insights/who?q=PPM-PPL%3E%3D3",
        "/api/insights/bench",
        "/api/insights/calibration",
        "/api/insights/trends",
        "/api/insights/saved-searches",
    ],
)
def test_people_without_reports_or_hr_get_403(org: SimpleNamespace, url: str) -> None:
    assert client_for(org.ann).get(url).status_code == 403
    assert Client().get(url).status_code == 401


def test_units_out_of_reach_are_404_and_bad_parameters_422(org: SimpleNamespace) -> None:
    cal = client_for(org.cal)
    assert cal.get("/api/insights/heatmap?unit=sales").status_code == 404
    assert cal.get("/api/insights/heatmap?unit=nope").status_code == 404
    assert cal.get("/api/insights/bench?manager=E-mia").status_code == 404
    response = cal.get("/api/insights/heatmap?org=true&by=team")
    assert response.status_code == 422 and "by" in response.content.decode()
    response = cal.get("/api/insights/who?q=PPM-PPL")
    assert response.status_code == 422


def test_who_bench_calibration_trends(org: SimpleNamespace) -> None:
    hana = client_for(org.hana)
    who = hana.get("/api/insights/who?q=PPM-PPL%3E%3D3").json()
    assert [m["employee_id"] for m in who] == ["E-cal", "E-ann"]
    bench = hana.get("/api/insights/bench?unit=eng&role=head").json()
    assert bench["single_points_of_failure"][0]["holder"] == "E-ann"
    assert bench["succession"][0] == {
        "employee_id": "E-cal", "name": "Cal Test", "met": 2, "near": 0, "requirements": 2,
        "fit": 1.0, "ready": "now",
    }  # fmt: skip
    calibration = hana.get("/api/insights/calibration").json()
    assert {r["key"] for r in calibration["raters"]} == {"mia", "cal"}
    mia = client_for(org.mia).get("/api/insights/calibration").json()
    assert [r["key"] for r in mia["raters"]] == ["mia"] and mia["units"] == []
    trends = hana.get("/api/insights/trends?org=true&role=dev-lead").json()
    assert trends["goal_alignment"] == {"objectives": 0, "aligned": 0, "share": None}


def test_saved_searches_are_their_owners(org: SimpleNamespace) -> None:
    mia, hana = client_for(org.mia), client_for(org.hana)
    response = mia.post(
        "/api/insights/saved-searches",
        {"name": "Planners", "query": "PPM-PPL>=3"},
        content_type="application/json",
    )
    assert response.status_code == 201
    saved_id = response.json()["id"]
    again = mia.post(
        "/api/insights/saved-searches",
        {"name": "Planners", "query": "PPM-PPL>=3"},
        content_type="application/json",
    )
    assert again.status_code == 422 and SavedSearch.objects.count() == 1
    bad = mia.post(
        "/api/insights/saved-searches",
        {"name": "Bad", "query": "NOPE>=3"},
        content_type="application/json",
    )
    assert bad.status_code == 422 and "query" in bad.content.decode()
    assert hana.get("/api/insights/saved-searches").json() == []
    assert hana.delete(f"/api/insights/saved-searches/{saved_id}").status_code == 404
    assert mia.delete(f"/api/insights/saved-searches/{saved_id}").status_code == 204
    assert SavedSearch.objects.count() == 0
