from typing import Any

import pytest

pytestmark = pytest.mark.e2e


def test_home_page_lists_both_frameworks_with_counts(
    live_catalogue: Any, page: Any, shot: Any
) -> None:
    page.goto(live_catalogue.url + "/")
    assert page.title() == "Frameworks · Skillframe"
    cards = page.locator("li.card")
    assert cards.count() == 2
    axelos = page.locator("li.card[data-framework=axelos]")
    nos = page.locator("li.card[data-framework=nos-ml]")
    assert "AXELOS Skills Framework" in axelos.locator("h2").inner_text()
    assert "Management and Leadership" in nos.locator("h2").inner_text()
    # 58 standards, read from the rendered table, not from the database.
    standards_row = nos.locator("tr", has_text="Standard").first
    assert standards_row.locator("td.num").inner_text() == "58"
    # The skip link is the first thing a keyboard user reaches.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    shot(page, "home-frameworks")
