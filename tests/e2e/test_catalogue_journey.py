"""Issue 4 journey: search, open the AXELOS skill, compare levels 3 and 4, open INSML005, print."""

from typing import Any

import pytest

pytestmark = pytest.mark.e2e


def test_reader_journey(live_catalogue: Any, page: Any, shot: Any) -> None:
    page.goto(live_catalogue.url + "/")
    page.get_by_role("link", name="Search").click()
    search_box = page.get_by_label("Words to find")
    search_box.fill("stakeholder")
    # HTMX swaps the live results in without a page load.
    page.locator("#results .hit").first.wait_for()
    assert "stakeholder" in page.url  # hx-push-url keeps the address shareable
    shot(page, "journey-1-search-stakeholder")
    page.locator("#results a", has_text="Stakeholder management and communication").first.click()
    page.get_by_role("heading", level=1).wait_for()
    assert "Stakeholder management and communication" in page.locator("h1").inner_text()
    assert page.locator(".level-grid th").count() == 5
    shot(page, "journey-2-skill-levels")
    page.get_by_role("link", name="level 3 with 4").click()
    assert "level 3 compared with level 4" in page.locator("h1").inner_text()
    assert page.locator(".higher mark").count() > 0
    shot(page, "journey-3-compare-3-4")
    page.goto(live_catalogue.url + "/frameworks/nos-ml/INSML005/")
    assert page.locator("h1").inner_text() == "Provide leadership to your team"
    page.emulate_media(media="print")
    assert page.locator(".site-header").is_hidden()
    assert page.locator("button", has_text="Print this standard").is_hidden()
    shot(page, "journey-4-insml005-print")
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
