"""Issue 14's browser journey in real chromium: Alice uploads two files and a witness testimony
mapped to INSML005's criteria and submits the standard; Dave judges every item and asks for
more on one; Alice adds evidence and submits again; Dave accepts and signs off; Alice makes her
declaration of authenticity; Iris samples Dave's decisions and agrees with one; the portfolio
ZIP is downloaded and read back (every file there, the manifest's codes right). Screenshots
evidence-1 … evidence-6 are kept as artefacts."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import artifacts_dir
from tests.e2e.test_assessment_journey import sign_in
from tests.e2e.test_quality_journey import sample_and_agree
from tests.evidence.helpers import PNG, assign_dave, pdf

pytestmark = pytest.mark.e2e

LAST = "INSML005.K23"  # the item Alice has no evidence for at first


@pytest.fixture
def assigned(transactional_db: None, personas: Any) -> Any:
    """Carol has qualified Dave for INSML005 and assigned Alice to him."""
    assign_dave(personas)
    return personas


def add_evidence(
    page: Any, base: str, kind: str, title: str, codes: list[str], **more: Any
) -> None:
    page.goto(f"{base}/me/evidence/new/")
    page.get_by_label("Kind").select_option(kind)
    page.get_by_label("Title").fill(title)
    page.get_by_label("Date").fill("2026-03-02")
    page.get_by_label("Maps to").fill(" ".join(codes))
    if "files" in more:
        page.get_by_label("Files").set_input_files([str(path) for path in more["files"]])
    for label, value in more.get("fields", {}).items():
        page.get_by_label(label).fill(value)
    page.get_by_role("button", name="Add the evidence").click()
    page.get_by_role("heading", name=title).wait_for()


def test_evidence_submission_judgement_sign_off_and_portfolio(
    live_server: Any, assigned: Any, browser: Any, shot: Any, tmp_path: Path
) -> None:
    from skillframe.frameworks.models import Element

    base = live_server.url
    password = assigned.password
    unit = Element.objects.get(code="INSML005")
    codes = list(Element.objects.items_of([unit.pk]).values_list("code", flat=True))
    first = [c for c in codes if c != LAST]
    minutes, photo = tmp_path / "team-minutes.pdf", tmp_path / "whiteboard.png"
    minutes.write_bytes(pdf("journey"))
    photo.write_bytes(PNG)

    # 1. Alice: two files and a witness testimony, mapped to every item but one.
    alice = sign_in(browser, base, "alice", password)
    add_evidence(alice, base, "file", "Team meeting minutes", first[:16], files=[minutes])
    add_evidence(alice, base, "file", "Whiteboard of the team plan", first[16:32], files=[photo])
    add_evidence(
        alice,
        base,
        "witness",
        "Testimony of my line manager",
        first[32:],
        fields={
            "Account, statement or notes": "Alice agrees objectives with each team member.",
            "Witness name": "Bob Baker",
            "Witness role": "Delivery lead",
            "Witness contact": "bob@example.org",
        },
    )
    alice.goto(f"{base}/me/evidence/coverage/INSML005/")
    assert "1 without evidence" in alice.locator(".coverage-summary").inner_text().replace(
        "\n", " "
    )
    shot(alice, "evidence-1-alice-coverage")
    alice.get_by_role("button", name="Submit INSML005 for assessment").click()
    alice.get_by_text("waiting for Dave Dunn").wait_for()

    # 2. Dave judges every item: competent, but not yet on the last one; asks for more.
    dave = sign_in(browser, base, "dave", password)
    dave.goto(f"{base}/assessor/")
    dave.get_by_role("link", name="Alice Archer — INSML005").click()
    for code in first:
        dave.get_by_label(f"{code} competent", exact=True).check()
    dave.get_by_label(f"{LAST} not yet competent", exact=True).check()
    dave.get_by_label(f"Feedback on {LAST}").fill("Nothing shows this yet.")
    shot(dave, "evidence-2-dave-judges")
    dave.get_by_role("button", name="Record the decisions").click()
    dave.get_by_text(f"{len(codes)} decision(s) recorded.").wait_for()
    dave.get_by_label("Ask for more evidence").check()
    dave.get_by_label("Feedback (required when asking for more)").fill(
        f"Please add evidence for {LAST}."
    )
    dave.get_by_role("button", name="Send the answer").click()
    dave.get_by_role("heading", name="My learners").wait_for()

    # 3. Alice sees what is missing, adds a reflective account and submits again.
    alice.goto(f"{base}/me/evidence/coverage/INSML005/")
    alice.get_by_text("Dave Dunn asks for more evidence").wait_for()
    shot(alice, "evidence-3-alice-asked-for-more")
    add_evidence(
        alice,
        base,
        "account",
        "Reflective account of a difficult conversation",
        [LAST],
        fields={"Account, statement or notes": "How I handled a conflict in my team."},
    )
    alice.goto(f"{base}/me/evidence/coverage/INSML005/")
    alice.get_by_role("button", name="Submit INSML005 for assessment").click()
    alice.get_by_text("waiting for Dave Dunn").wait_for()

    # 4. Dave: the last item is competent; he accepts and signs the standard off.
    dave.goto(f"{base}/assessor/")
    dave.get_by_role("link", name="Alice Archer — INSML005").click()
    dave.get_by_label(f"{LAST} competent", exact=True).check()
    dave.get_by_role("button", name="Record the decisions").click()
    dave.get_by_text("1 decision(s) recorded.").wait_for()
    dave.get_by_label("Accept the submission").check()
    dave.get_by_role("button", name="Send the answer").click()
    dave.goto(f"{base}/people/E-alice/coverage/INSML005/")
    dave.get_by_role("link", name="Sign off INSML005").click()
    shot(dave, "evidence-4-dave-declaration")
    dave.get_by_role("button", name="Sign off the standard").click()
    dave.get_by_text("the learner’s declaration of authenticity is awaited").wait_for()

    # 5. Alice makes her declaration of authenticity: the standard is signed off.
    alice.goto(f"{base}/me/evidence/coverage/INSML005/")
    alice.get_by_role("link", name="Make my declaration of authenticity").click()
    alice.get_by_role("button", name="I declare this").click()
    alice.get_by_text("Signed off", exact=True).wait_for()
    shot(alice, "evidence-5-signed-off")

    # 5b. Iris (IQA) samples Dave's decisions with a recorded seed, reviews one with the
    # evidence it relied on and agrees (docs/quality.md); Dave is told.
    iris = sign_in(browser, base, "iris", password)
    sample_and_agree(iris, base)
    shot(iris, "evidence-5b-iris-agrees")
    dave.goto(f"{base}/quality/reviews/")
    assert "Agree" in dave.locator("table.samples").inner_text()

    # 6. The portfolio ZIP, read back.
    with alice.expect_download() as download_info:
        alice.get_by_role("link", name="Download the portfolio (ZIP)").click()
    target = artifacts_dir() / "evidence-portfolio.zip"
    download_info.value.save_as(str(target))
    archive = zipfile.ZipFile(target)
    manifest = json.loads(archive.read("manifest.json"))
    (standard,) = manifest["standards"]
    assert standard["code"] == "INSML005" and standard["signed_off"] is True
    assert [item["code"] for item in standard["items"]] == codes
    assert all(item["decision"]["competence"] == "competent" for item in standard["items"])
    files = {f["name"]: f["path"] for e in manifest["evidence"] for f in e["files"]}
    assert archive.read(files["team-minutes.pdf"]) == pdf("journey")
    assert archive.read(files["whiteboard.png"]) == PNG
    mapped = {link["code"] for e in manifest["evidence"] for link in e["elements"]}
    assert mapped == set(codes)
    assert {"index.html", "summary.pdf"} <= set(archive.namelist())
    witness = next(e for e in manifest["evidence"] if e["kind"] == "witness")
    assert witness["witness"] == {
        "name": "Bob Baker",
        "role": "Delivery lead",
        "contact": "bob@example.org",
    }
    alice.goto(f"{base}/me/gaps/")
    assert "signed off" in alice.locator("main").inner_text()
    shot(alice, "evidence-6-gaps-signed-off")
