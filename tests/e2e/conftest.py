"""Playwright driving Debian's chromium (/usr/bin/chromium); we never download a browser build.

Without chromium the browser tests are skipped on a developer machine and FAIL in CI
(SKILLFRAME_REQUIRE_BROWSER=1), so CI can never pass while silently skipping them.
Screenshots go to test-artifacts/ (or $SKILLFRAME_ARTIFACTS_DIR): always for the named journey
shots, and for any failing test.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
# Headless in a closed network: no first-run, sync or background traffic that would be refused.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def artifacts_dir() -> Path:
    path = Path(os.environ.get("SKILLFRAME_ARTIFACTS_DIR", "test-artifacts"))
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        message = f"Debian chromium is not installed at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("SKILLFRAME_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    # Playwright's sync API runs an event loop in this thread; the Django ORM calls made by the
    # tests themselves (fixtures) are still synchronous, so allow them.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield instance
        instance.close()
        # While Playwright's event loop runs in this thread, Django keeps the database
        # connections of every later test (and of the catalogue reload after a browser test) in
        # a context of their own, which the end of the session cannot see: close them here, or
        # PostgreSQL refuses to drop the test database because they are still open.
        from django.db import connections

        connections.close_all()


@pytest.fixture
def page(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)
        page.screenshot(path=str(artifacts_dir() / f"FAILED-{name}.png"), full_page=True)
    context.close()


@pytest.fixture
def shot() -> Any:
    """Save a named screenshot of a journey step into the artefacts folder."""

    def take(page: Any, name: str) -> Path:
        path = artifacts_dir() / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def live_catalogue(transactional_db: None, live_server: Any, seeded: Any) -> Any:
    """A live server whose database holds both seed frameworks (loaded once per test database,
    and again after each transactional test: see tests/conftest.py)."""
    return live_server
