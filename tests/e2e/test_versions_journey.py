"""Issue 16's journey in real chromium: Carol (HR) drafts a new version of AXELOS, rewords a
statement, adds a skill and moves it with the keyboard and by dragging, retires the level
Alice's role requires, sees the impact (1 role requirement, 1 current rating), maps the
removed level, publishes through the confirmation step; Alice's history shows her rating
carried with its provenance; version 1 stays readable. Screenshots versions-1 … versions-5."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.test_assessment_journey import sign_in

pytestmark = pytest.mark.e2e


@pytest.fixture
def rated(transactional_db: None, personas: Any) -> Any:
    from skillframe.assessments.ratings import record_rating
    from skillframe.frameworks.models import Element

    ppl = Element.objects.select_related("framework").get(framework__slug="axelos", code="PPM-PPL")
    record_rating(personas.alice.user, personas.alice, ppl, "self", level=3)
    return personas


def _codes(page: Any) -> list[str]:
    return page.locator("#draft-tree li[data-parent='PPM']").evaluate_all(
        "rows => rows.map(r => r.dataset.code)"
    )


def test_hr_drafts_maps_and_publishes_a_version(
    live_server: Any, rated: Any, browser: Any, shot: Any
) -> None:
    base = live_server.url
    carol = sign_in(browser, base, "carol", rated.password)
    carol.goto(f"{base}/frameworks/axelos/versions/")
    carol.get_by_role("button", name="Start a draft of version 2").click()
    carol.wait_for_url(f"{base}/frameworks/axelos/draft/")

    # Reword a statement.
    carol.goto(f"{base}/frameworks/axelos/draft/elements/PPM-PPL.L2.1/")
    statement = carol.get_by_label("Statement")
    statement.fill(statement.input_value() + " and keep it current")
    carol.get_by_role("button", name="Save in the draft").click()
    carol.wait_for_url(f"{base}/frameworks/axelos/draft/*")

    # Add a skill to the PPM family; it comes last among the family's skills.
    form = carol.locator("form[action$='/draft/add/']")
    form.get_by_label("Parent").fill("PPM")
    form.get_by_label("Code").fill("PPM-AGL")
    form.get_by_label("Kind").fill("skill")
    form.get_by_label("Title").fill("Agile delivery")
    form.get_by_role("button", name="Add to the draft").click()
    carol.wait_for_selector("li[data-code='PPM-AGL']")
    before = _codes(carol)
    assert before[-1] == "PPM-AGL"

    # Keyboard: Alt+ArrowUp moves it one place up.
    carol.locator("li[data-code='PPM-AGL']").focus()
    with carol.expect_navigation():
        carol.keyboard.press("Alt+ArrowUp")
    carol.wait_for_selector("li[data-code='PPM-AGL']")
    after = _codes(carol)
    assert after[-2] == "PPM-AGL" and after[-1] == before[-2]

    # Drag: drop it onto the family's first skill, whose place it takes.
    # (The drag events are dispatched: headless Chromium starts no native drag from mouse moves.)
    first = after[0]
    source = carol.locator("li[data-code='PPM-AGL']")
    target = carol.locator(f"li[data-code='{first}']")
    transfer = carol.evaluate_handle("() => new DataTransfer()")
    source.dispatch_event("dragstart", {"dataTransfer": transfer})
    target.dispatch_event("dragover", {"dataTransfer": transfer})
    with carol.expect_navigation():
        target.dispatch_event("drop", {"dataTransfer": transfer})
    carol.wait_for_selector("li[data-code='PPM-AGL']")
    assert _codes(carol)[:2] == ["PPM-AGL", first]
    shot(carol, "versions-1-draft")

    # Retire the level Alice's role requires.
    carol.get_by_role("button", name="Retire PPM-PPL.L3", exact=True).click()
    carol.wait_for_selector("li[data-code='PPM-PPL.L2']")
    assert carol.locator("li[data-code='PPM-PPL.L3']").count() == 0

    # The impact before publishing.
    carol.goto(f"{base}/frameworks/axelos/draft/publish/")
    row = carol.locator("table.impact tr", has=carol.locator("code", has_text="PPM-PPL.L3")).first
    cells = row.locator("td").all_inner_texts()
    assert cells[3] == "1"  # Alice's current rating at level 3
    assert cells[4].startswith("1: Project manager")
    assert carol.get_by_text("Publishing is not possible yet").is_visible()
    shot(carol, "versions-2-impact")

    # Map the removed level, confirm the suggestions.
    carol.goto(f"{base}/frameworks/axelos/draft/mapping/?show=all")
    mapping = carol.locator(
        "table.mapping tr", has=carol.locator("td > code", has_text="PPM-PPL.L3")
    ).first
    mapping.get_by_label("New element code for PPM-PPL.L3").fill("PPM-PPL.L2")
    mapping.get_by_role("button", name="Map").click()
    carol.get_by_role("button", name="Confirm all").click()
    carol.wait_for_selector("text=suggestion(s) confirmed")
    shot(carol, "versions-3-mapping")

    # Publish through the confirmation step.
    carol.goto(f"{base}/frameworks/axelos/draft/publish/")
    carol.get_by_label("Release notes").fill("Second edition: agile delivery")
    carol.get_by_role("button", name="Publish version 2").click()
    carol.wait_for_url(f"{base}/frameworks/axelos/versions/")
    assert "Version 2 published: 1 rating(s) carried" in carol.locator("main").inner_text()
    shot(carol, "versions-4-published")

    # Alice's history shows the carried rating and where it came from.
    alice = sign_in(browser, base, "alice", rated.password)
    alice.goto(f"{base}/people/E-alice/history/PPM-PPL/?framework=axelos")
    assert (
        "carried from version 1 element PPM-PPL (level 3 there)"
        in alice.locator("main").inner_text()
    )
    shot(alice, "versions-5-history")

    # Version 1 is still readable by its permalink.
    alice.goto(f"{base}/frameworks/axelos/PPM-PPL.L3/?version=1")
    assert "You are reading version 1" in alice.locator("main").inner_text()
