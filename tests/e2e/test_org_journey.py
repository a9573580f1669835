"""Issue 13's browser journeys in real chromium on the hand-computed organisation
(tests/insights/org/conftest.py): HR drills from the organisation to a unit, a team, a person
and a rating's history; a manager sees their team, sorts it by gap and saves a skills search.
Screenshots of each step are kept in the artefacts folder (org-1 … org-7)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from tests.e2e.test_assessment_journey import sign_in
from tests.insights.org.conftest import PASSWORD, build_org

pytestmark = pytest.mark.e2e


@pytest.fixture
def org(transactional_db: None, seeded: Any) -> SimpleNamespace:
    return build_org()


def test_hr_from_organisation_to_unit_team_person_history(
    transactional_db: None, live_server: Any, org: SimpleNamespace, browser: Any, shot: Any
) -> None:
    base = live_server.url
    hana = sign_in(browser, base, "hana", PASSWORD)
    hana.locator("summary", has_text="Organisation").click()
    hana.get_by_role("link", name="Capability heatmap").click()
    hana.get_by_role("heading", name="Capability heatmap: Organisation").wait_for()
    hana.get_by_label("Rows").select_option("unit")
    hana.get_by_label("Role").select_option("dev-lead")
    hana.get_by_role("button", name="Show").click()
    eng = hana.get_by_role("row", name="Engineering")
    assert "2/5 at target · levels 2:2 3:1 4:1 · 1 unknown" in eng.inner_text()
    shot(hana, "org-1-organisation-by-unit")
    hana.get_by_role("link", name="Engineering", exact=True).click()
    hana.get_by_role("heading", name="Capability heatmap: Engineering").wait_for()
    assert hana.get_by_role("row", name="Platform").count() == 1
    shot(hana, "org-2-engineering-units")
    hana.get_by_role("link", name="People of Engineering").click()
    assert "Mia Test" in hana.locator("table.heatmap").inner_text()
    shot(hana, "org-3-engineering-people")
    hana.get_by_role("row", name="Mia Test").get_by_role("link", name="team").click()
    hana.get_by_role("heading", name="Capability heatmap: Team of Mia Test").wait_for()
    shot(hana, "org-4-team")
    hana.get_by_role("row", name="Ann Test").get_by_role("link", name="2", exact=True).click()
    hana.wait_for_url(f"{base}/people/E-ann/history/BACM-SMC/")
    assert "BACM-SMC" in hana.content()
    shot(hana, "org-5-history")


def test_manager_team_sorted_by_gap_and_saved_search(
    transactional_db: None, live_server: Any, org: SimpleNamespace, browser: Any, shot: Any
) -> None:
    base = live_server.url
    mia = sign_in(browser, base, "mia", PASSWORD)
    mia.goto(f"{base}/insights/org/heatmap/")
    mia.get_by_role("heading", name="Capability heatmap: Team of Mia Test").wait_for()
    mia.get_by_label("Sort").select_option("gap")
    mia.get_by_role("button", name="Show").click()
    names = mia.locator("table.heatmap tbody th").all_inner_texts()
    assert [n.split()[0] for n in names][-2:] == ["Ann", "Cal"]  # smallest gaps last
    assert "Sam" not in " ".join(names)  # not in her subtree
    shot(mia, "org-6-team-by-gap")
    mia.goto(f"{base}/insights/org/who/")
    mia.get_by_label("Conditions").fill("PPM-PPL>=3")
    mia.get_by_role("button", name="Search").click()
    rows = mia.locator("tbody tr").all_inner_texts()
    assert rows[0].startswith("Cal Test") and rows[1].startswith("Ann Test")
    mia.get_by_label("Save this search as").fill("Planners")
    mia.get_by_role("button", name="Save").click()
    mia.get_by_role("link", name="Planners", exact=True).wait_for()
    shot(mia, "org-7-saved-search")
