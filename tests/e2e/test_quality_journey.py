"""Issue 14's quality assurance in real chromium: Dave has judged Alice's INSML005 criteria on
her evidence; Iris (IQA) creates a sampling plan, draws a seeded sample, opens a sampled
decision with its evidence and agrees; Dave is told and reads the review. Screenshots
(quality-1 … quality-4) are kept in the artefacts folder."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from tests.e2e.test_assessment_journey import sign_in

pytestmark = pytest.mark.e2e


@pytest.fixture
def judged(transactional_db: None, personas: Any) -> Any:
    """Alice's witness testimony for INSML005.P1–P2, submitted; Dave judged both competent."""
    from skillframe.evidence import workflow
    from skillframe.evidence.records import EvidenceInput, create_evidence
    from tests.evidence.helpers import assign_dave, standard

    p = personas
    assign_dave(p)
    witness = create_evidence(
        p.alice.user,
        p.alice,
        EvidenceInput(
            kind="witness",
            title="Statement from the sponsor",
            occurred_on=timezone.localdate(),
            text="Alice chaired every planning meeting and kept the team to the plan.",
            witness_name="Sam Sponsor",
            witness_role="Programme sponsor",
            elements=["INSML005.P1", "INSML005.P2"],
        ),
    )
    submission = workflow.submit(p.alice.user, p.alice, standard())
    for code in ("INSML005.P1", "INSML005.P2"):
        workflow.judge(p.dave.user, submission, standard(code), "competent", evidence=[witness])
    return p


def sample_and_agree(iris: Any, base: str, shot: Any = None) -> None:
    """As Iris: a new assessor sampling plan (50%), a draw with seed 2026 over the last 90 days,
    the first sampled decision opened with its evidence, and agreed with."""
    iris.locator("summary", has_text="Quality").click()
    iris.get_by_role("link", name="Quality assurance").click()
    iris.wait_for_url(f"{base}/quality/")
    iris.get_by_role("link", name="New sampling plan").click()
    iris.get_by_label("Name").fill("Assessor decisions")
    iris.get_by_label("Samples").select_option("assessor")
    iris.get_by_label("Base rate (% of each rater's decisions)").fill("50")
    if shot:
        shot(iris, "quality-1-new-plan")
    iris.get_by_role("button", name="Create the plan").click()
    iris.get_by_role("heading", name="Assessor decisions").wait_for()
    iris.get_by_label("Seed").fill("2026")
    iris.get_by_role("button", name="Draw samples").click()
    iris.wait_for_url("**/quality/samples/?draw=*")
    rows = iris.locator("table.samples tbody tr")
    assert rows.count() >= 1
    if shot:
        shot(iris, "quality-2-samples")
    rows.first.get_by_role("link").click()
    main = iris.locator("main")
    main.get_by_role("heading", name="Evidence the decision relied on").wait_for()
    assert "Dave Dunn" in main.inner_text()
    iris.get_by_role("radio", name="Agree", exact=True).check()
    iris.get_by_label("Comment").fill("Judgement sound: the evidence covers the criterion.")
    iris.get_by_role("button", name="Record the review").click()
    main.get_by_text("Judgement sound: the evidence covers the criterion.").wait_for()
    assert "Record the review" not in main.inner_text()


def test_iris_samples_a_decision_and_agrees(
    live_server: Any, judged: Any, browser: Any, shot: Any
) -> None:
    base = live_server.url
    iris = sign_in(browser, base, "iris", judged.password)

    # 1–3. A plan, a seeded draw (50% of Dave's two decisions: one), the decision reviewed with
    # the witness testimony it relied on, agreed with.
    sample_and_agree(iris, base, shot)
    main = iris.locator("main").inner_text()
    assert "Statement from the sponsor" in main and "Sam Sponsor, Programme sponsor" in main
    shot(iris, "quality-3-agreed")
    iris.goto(f"{base}/quality/samples/")
    assert iris.locator("table.samples tbody tr").count() == 1
    iris.goto(f"{base}/quality/")
    assert "Dave Dunn" in iris.locator("table.agreement").first.inner_text()
    assert "100%" in iris.locator("table.agreement").first.inner_text()

    # 4. Dave is told and reads the review of his decision.
    dave = sign_in(browser, base, "dave", judged.password)
    dave.goto(f"{base}/notifications/")
    dave.get_by_text("Iris Irving agreed with your decision on INSML005").first.wait_for()
    dave.goto(f"{base}/quality/reviews/")
    assert "Agree" in dave.locator("table.samples").inner_text()
    shot(dave, "quality-4-dave-reads")
