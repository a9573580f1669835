"""Issue 6's browser journey in real chromium: Alice sees her gaps and priorities against her role
and her target role, drafts a plan from her top two priorities, Bob returns it with a comment,
Alice fixes it and resubmits, Bob approves, Alice downloads her PDF report. Screenshots
(develop-1 … develop-6) and the PDF (develop-report.pdf) are kept in the artefacts folder."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from tests.e2e.conftest import artifacts_dir
from tests.e2e.test_assessment_journey import sign_in

pytestmark = pytest.mark.e2e


@pytest.fixture
def rated(transactional_db: None, personas: Any) -> Any:
    """Alice's own ratings and Bob's validations: below target on two skills, met on one."""
    from skillframe.assessments.ratings import record_rating
    from skillframe.frameworks.models import Element

    alice, bob = personas.alice, personas.bob

    def el(code: str) -> Element:
        return Element.objects.select_related("framework").get(code=code)

    record_rating(alice.user, alice, el("PPM-PPL"), "self", level=2)
    record_rating(bob.user, alice, el("PPM-PPL"), "manager", level=2)
    record_rating(alice.user, alice, el("BACM-SMC"), "self", level=2)
    record_rating(alice.user, alice, el("LP-LTW"), "self", level=3)
    record_rating(bob.user, alice, el("LP-LTW"), "manager", level=3)
    return personas


def test_gaps_plan_approval_and_pdf_report(
    live_server: Any, rated: Any, browser: Any, shot: Any
) -> None:
    base = live_server.url
    password = rated.password

    # 1. Alice's gaps and priorities, against her role and her target role.
    alice = sign_in(browser, base, "alice", password)
    alice.goto(f"{base}/me/gaps/")
    main = alice.locator("main")
    main.get_by_text("Project manager").first.wait_for()
    main.get_by_text("Team leader").first.wait_for()
    assert "essential" in main.inner_text().lower()
    shot(alice, "develop-1-alice-gaps")

    # 2. A plan from her top two priorities.
    alice.goto(f"{base}/plans/new/")
    alice.get_by_label("Title").fill("Towards team leader")
    suggestions = alice.locator('input[type="checkbox"][name="suggestions"]')
    assert suggestions.count() >= 2
    suggestions.nth(0).check()
    suggestions.nth(1).check()
    due = (timezone.localdate() + timedelta(days=120)).isoformat()
    alice.get_by_label("Due date of the objectives you pick").fill(due)
    alice.get_by_role("button", name="Create the plan").click()
    alice.get_by_role("heading", name="Towards team leader").wait_for()
    assert alice.locator("#objectives-heading").count() == 1
    shot(alice, "develop-2-alice-plan-draft")
    alice.get_by_role("button", name="Submit to Bob Baker for approval").click()
    plan_url = alice.url.split("?")[0].split("#")[0]
    plan_path = plan_url.removeprefix(base)

    # 3. Bob returns it with a comment.
    bob = sign_in(browser, base, "bob", password)
    bob.goto(f"{base}{plan_path}review/")
    bob.get_by_label("Return it for changes").check()
    bob.get_by_label("Comment").fill("Name the programme you will plan; the title is too vague.")
    bob.get_by_role("button", name="Send the decision").click()
    bob.wait_for_load_state()
    shot(bob, "develop-3-bob-returned")

    # 4. Alice sees the comment, fixes the title and resubmits.
    alice.goto(plan_url)
    alice.get_by_text("the title is too vague").first.wait_for()
    alice.get_by_role("link", name="Rename the plan").click()
    alice.get_by_label("Title").fill("Lead the 2027 billing programme plan")
    alice.get_by_role("button", name="Save").click()
    alice.get_by_role("heading", name="Lead the 2027 billing programme plan").wait_for()
    alice.get_by_role("button", name="Submit to Bob Baker for approval").click()
    alice.wait_for_load_state()
    shot(alice, "develop-4-alice-resubmitted")

    # 5. Bob approves.
    bob.goto(f"{base}{plan_path}review/")
    bob.get_by_label("Approve the plan").check()
    bob.get_by_role("button", name="Send the decision").click()
    bob.wait_for_load_state()
    alice.goto(plan_url)
    assert "approved" in alice.locator("main").inner_text().lower()
    shot(alice, "develop-5-alice-approved")

    # 6. Her personal report, and its PDF.
    alice.goto(f"{base}/me/report/")
    alice.locator("svg[role='img']").first.wait_for()
    shot(alice, "develop-6-alice-report")
    with alice.expect_download() as download_info:
        alice.evaluate(
            "url => { const a = document.createElement('a'); a.href = url; a.download = '';"
            " document.body.appendChild(a); a.click(); }",
            f"{base}/people/E-alice/report.pdf",
        )
    target = artifacts_dir() / "develop-report.pdf"
    download_info.value.save_as(str(target))
    data = target.read_bytes()
    assert data.startswith(b"%PDF-")
    from io import BytesIO

    from pypdf import PdfReader

    text = "\n".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages)
    assert "Alice Archer" in text and "Project manager" in text
