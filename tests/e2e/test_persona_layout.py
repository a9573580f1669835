"""Issue 11 (layout): every main page of each persona, in real chromium, at a phone's 390×844
and a laptop's 1280×900. A page fails when it scrolls sideways (the document wider than the
window) or logs a console error. Screenshots of the first screen of every page are kept in the
artefacts folder (layout-<persona>-<width>-<page>.png) and the server's time per page is written
to layout-timings-<persona>.json there: speed is a benchmark's business, never a pass/fail here.

The pages live in the demo organisation (skillframe.demo: 40 people, an open cycle, ratings),
so tables and grids hold realistic amounts of data. Every page must fit, including those whose
content the workflow part of issue 11 changed (layout_pages.UXFLOWS: wizard, team grid, review,
cycles); failures are reported grouped by that owner."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from skillframe.demo.organisation import load_demo
from tests.e2e.conftest import artifacts_dir
from tests.e2e.layout_pages import Visit, visits

pytestmark = pytest.mark.e2e

WIDTHS = ((390, 844), (1280, 900))
PERSONAS = ("anonymous", "alice", "bob", "carol", "dave", "eve", "iris")
# How wide the page is, and what the server took for the document (time to first byte).
MEASURE = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  return {
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    height: document.documentElement.scrollHeight,
    serverMs: nav ? Math.round(nav.responseStart - nav.requestStart) : null,
  };
}"""
# A refusal page is answered with its status on purpose: chromium logs that as a failed load.
REFUSAL_LOG = re.compile(r"Failed to load resource: the server responded with a status of 40[34]")


def slug(path: str) -> str:
    return re.sub(r"[^\w-]+", "_", path.strip("/")) or "home"


def sign_in(page: Any, base: str, username: str, password: str) -> None:
    page.goto(f"{base}/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    assert "/login/" not in page.url, f"{username} could not sign in"


def check_page(page: Any, base: str, visit: Visit, persona: str, width: int) -> tuple[str, dict]:
    """Visit one page; return a problem ('' when none) and its measurements."""
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    response = page.goto(base + visit.path)
    page.wait_for_load_state("load")
    figures = page.evaluate(MEASURE)
    page.screenshot(path=str(artifacts_dir() / f"layout-{persona}-{width}-{slug(visit.path)}.png"))
    if visit.status != 200:
        errors = [e for e in errors if not REFUSAL_LOG.search(e)]
    problems = []
    if response is None or response.status != visit.status:
        problems.append(f"status {response.status if response else None} != {visit.status}")
    if figures["scrollWidth"] > figures["innerWidth"]:
        problems.append(f"{figures['scrollWidth']} px wide in a {figures['innerWidth']} px window")
    if errors:
        problems.append("console: " + " | ".join(errors))
    return "; ".join(problems), figures


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_main_page_fits_a_phone_and_a_laptop(
    persona: str, transactional_db: None, live_server: Any, seeded: Any, browser: Any
) -> None:
    logins = {login.username: login.password for login in load_demo().logins}
    pages = visits(persona)
    failures: dict[str, list[str]] = {}
    timings: list[dict[str, Any]] = []
    for width, height in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": height})
        if persona != "anonymous":
            sign_in(context.new_page(), live_server.url, persona, logins[persona])
        for visit in pages:
            page = context.new_page()  # fresh listeners per page
            problem, figures = check_page(page, live_server.url, visit, persona, width)
            page.close()
            timings.append({"path": visit.path, "width": width, **figures})
            if problem:
                failures.setdefault(visit.owner, []).append(f"{width}px {visit.path}: {problem}")
        context.close()
    (artifacts_dir() / f"layout-timings-{persona}.json").write_text(
        json.dumps(timings, indent=1), encoding="utf-8"
    )
    report = [f"{owner or 'layout'}: {line}" for owner, lines in failures.items() for line in lines]
    assert not report, f"{persona}:\n" + "\n".join(report)


@pytest.mark.parametrize(("width", "height"), WIDTHS)
def test_the_menus_work_by_keyboard(
    width: int, height: int, live_server: Any, personas: Any, browser: Any, shot: Any
) -> None:
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    sign_in(page, live_server.url, "bob", personas.password)
    page.goto(live_server.url + "/me/ratings/")
    team = page.locator(".nav-team summary")
    team.focus()
    page.keyboard.press("Enter")
    grid = page.get_by_role("link", name="Team grid")
    assert grid.is_visible()
    # Open, the menu stays inside the window.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    shot(page, f"layout-menu-open-{width}")
    # Opening another menu closes this one (nav.js); Escape closes it and keeps the focus there.
    page.locator(".nav-me summary").focus()
    page.keyboard.press("Enter")
    assert not grid.is_visible()
    assert page.locator('.nav-me a[aria-current="page"]').inner_text() == "My ratings"
    page.keyboard.press("Escape")
    assert not page.get_by_role("link", name="My gaps").is_visible()
    assert page.evaluate("document.activeElement.textContent").startswith("Me")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "My skills"
    context.close()
