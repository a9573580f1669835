"""Issue 5's browser journey in real chromium: HR opens a cycle; Alice self-assesses an AXELOS
skill and a NOS standard, leaves and resumes, submits; Bob gets the notification, validates, then
adjusts one rating with a comment in the team grid; Alice sees both views and the history.
Screenshots of each step are kept in the artefacts folder (assess-1 … assess-9)."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

pytestmark = pytest.mark.e2e


def sign_in(browser: Any, base: str, username: str, password: str) -> Any:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{base}/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base}/")  # the home page (issue 11)
    return page


def rate_skill(page: Any, base: str, code: str, level: int, ticks: list[str]) -> None:
    page.get_by_role("link", name=code).first.click()
    page.wait_for_selector("h1 code")
    for tick in ticks:
        page.locator(f'[id="st-{tick}"]').check()
    page.locator(f"#level-{level}").check()
    page.locator("#id_confidence").select_option("4")
    page.get_by_role("button", name="Save", exact=True).click()
    page.get_by_text("Saved at").wait_for()


def test_cycle_self_assessment_validation_and_history(
    transactional_db: None, live_server: Any, personas: Any, browser: Any, shot: Any
) -> None:
    base = live_server.url
    today = timezone.localdate()

    # 1. Carol (HR) opens a cycle for the whole organisation.
    carol = sign_in(browser, base, "carol", personas.password)
    carol.goto(f"{base}/cycles/new/")
    carol.get_by_label("Name").fill("Autumn 2026 review")
    carol.get_by_label("Starts on").fill(today.isoformat())
    carol.get_by_label("Ends on").fill((today + timedelta(days=30)).isoformat())
    carol.get_by_label("Skillframe Ltd").check()
    carol.get_by_role("button", name="Open the cycle").click()
    carol.get_by_role("heading", name="Autumn 2026 review").wait_for()
    shot(carol, "assess-1-hr-opened-cycle")

    # 2. Alice starts her self-assessment, rates one AXELOS skill, and leaves.
    alice = sign_in(browser, base, "alice", personas.password)
    alice.get_by_role("button", name="Start self-assessment").click()
    alice.get_by_text("3 of 3 steps left").wait_for()
    rate_skill(alice, base, "PPM-PPL", 3, ["PPM-PPL.L3.1", "PPM-PPL.L3.2", "PPM-PPL.L2.1"])
    shot(alice, "assess-2-alice-axelos-step")
    alice.context.close()

    # 3. She comes back later: the wizard resumes where she left off.
    alice = sign_in(browser, base, "alice", personas.password)
    alice.get_by_role("button", name="Resume self-assessment").click()
    alice.get_by_text("2 of 3 steps left").wait_for()
    rate_skill(alice, base, "BACM-SMC", 4, ["BACM-SMC.L4.1"])
    alice.get_by_role("link", name="Self-assessment").click()
    rate_skill(alice, base, "LP-LTW", 3, [])
    alice.get_by_role("link", name="Self-assessment").click()

    # A NOS standard she chooses to assess as well: every criterion and knowledge item judged.
    alice.get_by_label("Also assess").select_option(label_contains(alice, "INSML005"))
    alice.get_by_role("button", name="Add this step").click()
    alice.get_by_role("heading", name="INSML005").wait_for()
    radios = alice.locator('input[type="radio"][value="competent"]')
    for index in range(radios.count()):
        radios.nth(index).check()
    alice.locator('input[type="radio"][value="not-yet"]').first.check()
    alice.get_by_role("button", name="Save", exact=True).click()
    alice.get_by_text("Saved at").wait_for()
    shot(alice, "assess-3-alice-nos-step")
    alice.get_by_role("link", name="Self-assessment").click()
    alice.get_by_text("0 of 4 steps left").wait_for()  # her role's three skills + INSML005
    alice.get_by_role("button", name="Submit to my manager…").click()
    # Issue 11: a confirmation step says what submitting does before anything changes.
    alice.get_by_text("After submitting you can no longer change your answers.").wait_for()
    alice.get_by_role("button", name="Submit to my manager", exact=True).click()
    alice.get_by_text("Submitted: your manager has been told").wait_for()
    shot(alice, "assess-4-alice-submitted")

    # 4. Bob sees the notification and reviews: agrees with everything.
    bob = sign_in(browser, base, "bob", personas.password)
    # Two unread: the cycle opening, and Alice's submission.
    bob.get_by_role("link", name="Notifications 2").click()
    bob.get_by_role("button", name="Alice Archer submitted a self-assessment").click()
    bob.get_by_role("heading", name="Review Alice Archer’s self-assessment").wait_for()
    shot(bob, "assess-5-bob-review")
    # Issue 11: bulk agreement is per section, each button saying what it records.
    agree_section = bob.get_by_role("button", name=re.compile(r"^Agree with the \d+ remaining"))
    while agree_section.count():
        agree_section.first.click()
        bob.get_by_text("You agreed with").wait_for()
    bob.get_by_text("Reviewed by manager").first.wait_for()

    # 5. In the team grid he adjusts Alice's PPM-PPL to level 2, which needs a comment.
    bob.goto(f"{base}/team/?role=project-manager")
    # Issue 11: the change is pending until he saves it; the comment field shows as it differs.
    cell = bob.get_by_label("Alice Archer: PPM-PPL")
    cell.select_option("2")
    bob.get_by_text("Pending (not saved)").wait_for()
    comment = bob.get_by_label("Comment for Alice Archer, PPM-PPL")
    comment.fill("Level 3 needs a plan for a whole programme; next one is yours.")
    comment.press("Enter")  # never saves on its own
    shot(bob, "assess-6-bob-team-grid")
    bob.get_by_role("button", name="Save 1 change").click()
    bob.get_by_text("1 rating saved").wait_for()

    # 6. Alice sees her rating beside Bob's, and the element's history.
    alice.goto(f"{base}/me/ratings/")
    row = alice.locator("tr", has_text="PPM-PPL").first
    row.wait_for()
    text = row.inner_text()
    assert "level 3" in text and "level 2" in text  # her own rating beside Bob's
    shot(alice, "assess-7-alice-ratings")
    row.get_by_role("link", name="History").click()
    alice.get_by_text("Level 3 needs a plan for a whole programme").wait_for()
    history = alice.locator("main").inner_text()
    assert history.count("level 2") >= 1 and history.count("level 3") >= 2  # self, agree, adjust
    shot(alice, "assess-8-alice-history")

    # Her bell shows Bob's review outcome.
    alice.goto(f"{base}/notifications/")
    shot(alice, "assess-9-alice-notifications")
    assert alice.locator("li.unread").count() >= 1


def label_contains(page: Any, text: str) -> str:
    """The full label of the first option of 'Also assess' that contains `text`."""
    options = page.get_by_label("Also assess").locator("option").all_inner_texts()
    return next(option for option in options if text in option)
