"""Issue 11's browser journeys in real chromium: the wizard saves as you go (change, leave, come
back: kept; Next saves a changed NOS criterion), a stray key in the team grid writes nothing,
pending grid changes are saved only on purpose, level names are whole, the grid reads person by
person on a phone, and closing a cycle is a confirmation that states what it freezes, with a way
back (reopen); review decisions are pending until saved. Screenshots: lost-work-1 … lost-work-9
and lost-work-fit-* in the artefacts folder."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from skillframe.assessments.models import Cycle, Rating, SelfAssessment
from skillframe.assessments.ratings import record_rating
from skillframe.frameworks.models import Element
from tests.e2e.test_assessment_journey import sign_in

pytestmark = pytest.mark.e2e

# Whether leaving now would ask first: the page's beforeunload handler cancels the event.
GUARDED = """() => {
  const event = new Event("beforeunload", { cancelable: true });
  window.dispatchEvent(event);
  return event.defaultPrevented;
}"""


def open_cycle(personas: Any) -> Cycle:
    today = timezone.localdate()
    cycle = Cycle.objects.create(
        name="Autumn review",
        starts_on=today - timedelta(days=1),
        ends_on=today + timedelta(days=30),
    )
    cycle.units.add(personas.org)
    return cycle


def radio(page: Any, code: str, value: str) -> Any:
    return page.locator(f'[id="judgement-{code}-{value}"]')


def test_wizard_answers_are_kept_when_leaving_and_coming_back(
    transactional_db: None, live_server: Any, personas: Any, browser: Any, shot: Any
) -> None:
    base = live_server.url
    cycle = open_cycle(personas)
    # Her target role (team leader) asks for two NOS standards: two judgement steps.
    assessment = SelfAssessment.objects.create(
        person=personas.alice, cycle=cycle, role=personas.leader
    )
    alice = sign_in(browser, base, "alice", personas.password)
    alice.goto(f"{base}/assessments/{assessment.pk}/steps/INSML005/")

    # The defect: change a criterion and press Next at once. It is saved, not lost.
    radio(alice, "INSML005.P1", "competent").check()
    alice.get_by_role("button", name="Next: INSML011 →").click()
    alice.get_by_role("heading", name="INSML011").wait_for()
    alice.get_by_role("button", name="← Back: INSML005").click()
    alice.get_by_role("heading", name="INSML005").wait_for()
    assert radio(alice, "INSML005.P1", "competent").is_checked()

    # Autosave: change one more, see it saved beside the controls, leave by any link, return.
    radio(alice, "INSML005.P2", "not-yet").check()
    status = alice.locator("[data-save-status]")
    status.get_by_text("Saved at").wait_for()
    assert status.is_visible()  # the sticky footer keeps the status in view
    assert alice.evaluate(GUARDED) is False  # nothing unsaved: leaving does not ask
    shot(alice, "lost-work-1-wizard-autosaved")
    # The explicit Save still works beside autosave, and autosave goes on after it.
    radio(alice, "INSML005.P3", "competent").check()
    alice.get_by_role("button", name="Save", exact=True).click()
    status.get_by_text("Saved at").wait_for()
    radio(alice, "INSML005.P4", "competent").check()
    status.get_by_text("Unsaved changes").wait_for(state="detached", timeout=5000)
    assert alice.evaluate(GUARDED) is False
    alice.goto(f"{base}/me/")
    alice.goto(f"{base}/assessments/{assessment.pk}/steps/INSML005/")
    assert radio(alice, "INSML005.P2", "not-yet").is_checked()
    assert radio(alice, "INSML005.P4", "competent").is_checked()
    saved = dict(
        Rating.objects.filter(assessment=assessment).values_list("element__code", "competence")
    )
    assert saved == {
        "INSML005.P1": "competent",
        "INSML005.P2": "not-yet",
        "INSML005.P3": "competent",
        "INSML005.P4": "competent",
    }

    # Where autosave cannot apply (a skill step needs a level), the page says so and guards.
    mine = SelfAssessment.objects.create(person=personas.alice, cycle=cycle, role=personas.pm)
    alice.goto(f"{base}/assessments/{mine.pk}/steps/PPM-PPL/")
    alice.locator('[id="st-PPM-PPL.L3.1"]').check()
    status.get_by_text("Not saved yet").wait_for()
    assert alice.evaluate(GUARDED) is True
    shot(alice, "lost-work-2-wizard-needs-a-level")
    alice.locator("#level-3").check()
    status.get_by_text("Saved at").wait_for()
    assert alice.evaluate(GUARDED) is False
    assert Rating.objects.get(assessment=mine).level == 3


def test_a_stray_key_in_the_team_grid_writes_nothing(
    transactional_db: None, live_server: Any, personas: Any, browser: Any, shot: Any
) -> None:
    base = live_server.url
    ppl = Element.objects.select_related("framework").get(code="PPM-PPL")
    record_rating(personas.alice.user, personas.alice, ppl, "self", level=3)
    bob = sign_in(browser, base, "bob", personas.password)
    bob.goto(f"{base}/team/?role=project-manager")
    cell = bob.get_by_label("Alice Archer: PPM-PPL")

    # Level names are whole: the select is at least as wide as its longest option's text.
    cut = bob.evaluate(
        """() => Array.from(document.querySelectorAll("select[data-grid-control]")).filter(s => {
          const probe = document.createElement("span");
          probe.style.font = getComputedStyle(s).font;
          probe.style.position = "absolute";
          probe.style.whiteSpace = "nowrap";
          probe.textContent = Array.from(s.options).map(o => o.text)
            .reduce((a, b) => (a.length >= b.length ? a : b));
          document.body.appendChild(probe);
          const needed = probe.getBoundingClientRect().width;
          probe.remove();
          return s.getBoundingClientRect().width < needed;
        }).length"""
    )
    assert cut == 0

    # A stray "3" then Tab: the cell is pending, nothing is sent, leaving asks first.
    cell.focus()
    bob.keyboard.press("3")
    bob.keyboard.press("Tab")
    bob.get_by_text("Pending (not saved): — → 3 Professional/ Manager").wait_for()
    bob.get_by_text("1 pending change, not saved yet.").wait_for()
    assert bob.evaluate(GUARDED) is True
    shot(bob, "lost-work-3-grid-pending")
    bob.on("dialog", lambda dialog: dialog.accept())  # the manager chooses to leave
    bob.goto(f"{base}/me/")
    assert not Rating.objects.filter(source="manager").exists()

    # Back on the grid: nothing stands. Undo takes a change back before saving.
    bob.goto(f"{base}/team/?role=project-manager")
    assert cell.input_value() == ""
    cell.select_option("2")
    bob.get_by_role("button", name="Undo the change to Alice Archer, PPM-PPL").click()
    assert cell.input_value() == "" and bob.locator("td.pending").count() == 0
    assert bob.evaluate(GUARDED) is False

    # Saving on purpose: the bar lists what will be recorded, then records it.
    cell.select_option("3")
    bob.get_by_role("button", name="Save 1 change").wait_for()
    assert (
        "Alice Archer, PPM-PPL: — → 3 Professional/ Manager"
        in bob.locator("[data-pending-list]").inner_text()
    )
    shot(bob, "lost-work-4-grid-save-summary")
    bob.get_by_role("button", name="Save 1 change").click()
    bob.get_by_text("1 rating saved").wait_for()
    (rating,) = Rating.objects.filter(source="manager")
    assert (rating.person, rating.element.code, rating.level) == (personas.alice, "PPM-PPL", 3)


def test_the_team_grid_reads_person_by_person_on_a_phone(
    transactional_db: None, live_server: Any, personas: Any, browser: Any, shot: Any
) -> None:
    base = live_server.url
    context = browser.new_context(viewport={"width": 390, "height": 844})
    phone = context.new_page()
    phone.goto(f"{base}/login/")
    phone.get_by_label("Username").fill("bob")
    phone.get_by_label("Password").fill(personas.password)
    phone.get_by_role("button", name="Sign in").click()
    phone.wait_for_url(f"{base}/")  # sign-in lands on the home page
    phone.goto(f"{base}/team/?role=project-manager")
    grid = phone.locator("table.team-grid")
    box = grid.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert (
        phone.locator("table.team-grid td.cell").first.evaluate(
            "cell => getComputedStyle(cell).display"
        )
        == "block"
    )
    shot(phone, "lost-work-5-grid-phone")
    context.close()


def test_closing_a_cycle_states_what_it_freezes_and_can_be_undone(
    transactional_db: None, live_server: Any, personas: Any, browser: Any, shot: Any
) -> None:
    base = live_server.url
    cycle = open_cycle(personas)
    SelfAssessment.objects.create(person=personas.alice, cycle=cycle, role=personas.pm)
    SelfAssessment.objects.create(
        person=personas.bob, cycle=cycle, role=personas.pm, status="submitted"
    )
    carol = sign_in(browser, base, "carol", personas.password)
    carol.goto(f"{base}/cycles/{cycle.pk}/")
    carol.get_by_role("link", name="Close the cycle…").click()
    carol.get_by_text("1 in progress, 1 awaiting review will be frozen.").wait_for()
    shot(carol, "lost-work-6-cycle-close-confirmation")
    cycle.refresh_from_db()
    assert cycle.status == "open"  # the confirmation step changes nothing

    carol.get_by_role("button", name="Close the cycle and freeze 2 self-assessments").click()
    carol.get_by_text("The cycle is closed").wait_for()
    cycle.refresh_from_db()
    assert cycle.status == "closed"
    shot(carol, "lost-work-7-cycle-closed")

    until = timezone.localdate() + timedelta(days=21)
    carol.get_by_label("Open until").fill(until.isoformat())
    carol.get_by_role("button", name="Reopen the cycle").click()
    carol.get_by_text("The cycle is open again").wait_for()
    cycle.refresh_from_db()
    assert (cycle.status, cycle.ends_on) == ("open", until)
    shot(carol, "lost-work-8-cycle-reopened")


@pytest.mark.parametrize("width", [390, 1280])
def test_these_pages_fit_a_phone_and_a_laptop(
    transactional_db: None, live_server: Any, personas: Any, browser: Any, shot: Any, width: int
) -> None:
    """The wizard (overview with its "Also assess" list, a 47-item NOS step), the review, the team
    grid and the cycle pages scroll no wider than the window: wide tables reflow or scroll in
    their own box (the page's own content is measured; navigation is the layout's)."""
    from tests.assessments.review_helpers import submitted

    base = live_server.url
    cycle = open_cycle(personas)
    leader = SelfAssessment.objects.create(person=personas.alice, cycle=cycle, role=personas.leader)
    review = submitted(personas, {"PPM-PPL": 3, "INSML005.P1": "competent"})
    pages = {
        "alice": [f"/assessments/{leader.pk}/", f"/assessments/{leader.pk}/steps/INSML005/"],
        "bob": ["/team/", f"/assessments/{review.pk}/review/"],
        "carol": [f"/cycles/{cycle.pk}/", f"/cycles/{cycle.pk}/close/"],
    }
    for who, paths in pages.items():
        context = browser.new_context(viewport={"width": width, "height": 844})
        page = context.new_page()
        page.goto(f"{base}/login/")
        page.get_by_label("Username").fill(who)
        page.get_by_label("Password").fill(personas.password)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(f"{base}/")  # sign-in lands on the home page
        for path in paths:
            page.goto(base + path)
            wide = page.evaluate("() => document.querySelector('main').scrollWidth")
            if width == 390:
                shot(page, f"lost-work-fit-{width}-{who}-{path.strip('/').replace('/', '-')}")
            assert wide <= width, f"{path} is {wide} px wide at {width}"
        context.close()


def test_review_decisions_are_pending_until_saved(
    transactional_db: None, live_server: Any, personas: Any, browser: Any, shot: Any
) -> None:
    from tests.assessments.review_helpers import submitted

    base = live_server.url
    assessment = submitted(personas, {"PPM-PPL": 3, "BACM-SMC": 2})
    bob = sign_in(browser, base, "bob", personas.password)
    bob.goto(f"{base}/assessments/{assessment.pk}/review/")
    bob.get_by_role("button", name="Agree: PPM-PPL level 3").click()
    bob.get_by_text("Pending (not saved): agree (level 3).").wait_for()
    bob.get_by_text("1 pending decision, not saved yet.").wait_for()
    # The focus moved on to the next row's heading, never to a button: Enter records nothing.
    assert bob.evaluate("() => document.activeElement.tagName") == "TH"
    bob.keyboard.press("Enter")
    assert bob.evaluate(GUARDED) is True
    assert not Rating.objects.filter(source="manager").exists()
    shot(bob, "lost-work-9-review-pending")
    bob.get_by_role("button", name="Undo the decision on PPM-PPL").click()
    assert bob.evaluate(GUARDED) is False
    bob.get_by_role("button", name="Agree: BACM-SMC level 2").click()
    bob.get_by_role("button", name="Save 1 decision").click()
    bob.get_by_text("1 decision saved.").wait_for()
    (rating,) = Rating.objects.filter(source="manager")
    assert (rating.element.code, rating.level) == ("BACM-SMC", 2)
