"""Sampled assessor decisions with their evidence (the evidence workflow's judgements): the
context, the files, and strata per evidence method."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from skillframe.evidence import workflow
from skillframe.evidence.records import EvidenceInput, create_evidence
from skillframe.quality.draws import draw_samples
from skillframe.quality.plans import create_plan, set_rule
from tests.evidence.helpers import assign_dave, pdf, standard

pytestmark = pytest.mark.django_db


@pytest.fixture
def judged(personas: Any) -> dict[str, Any]:
    """Dave judges INSML005.P1–P4 of Alice: P1–P2 on a file, P3–P4 on a witness testimony."""
    p = personas
    today = timezone.localdate()
    assign_dave(p)
    minutes = create_evidence(
        p.alice.user,
        p.alice,
        EvidenceInput(
            kind="file",
            title="Team minutes",
            occurred_on=today,
            files=[("minutes.pdf", pdf("iqa"))],
            elements=["INSML005.P1", "INSML005.P2"],
        ),
    )
    witness = create_evidence(
        p.alice.user,
        p.alice,
        EvidenceInput(
            kind="witness",
            title="Statement from the sponsor",
            occurred_on=today,
            text="Alice chaired every planning meeting.",
            witness_name="Sam Sponsor",
            witness_role="Programme sponsor",
            elements=["INSML005.P3", "INSML005.P4"],
        ),
    )
    submission = workflow.submit(p.alice.user, p.alice, standard())
    for code, relied in (("P1", minutes), ("P2", minutes), ("P3", witness), ("P4", witness)):
        workflow.judge(
            p.dave.user, submission, standard(f"INSML005.{code}"), "competent", evidence=[relied]
        )
    return {"minutes": minutes, "witness": witness, "today": today}


def test_each_evidence_method_is_covered_and_its_rule_honoured(
    personas: Any, judged: dict[str, Any]
) -> None:
    p, today = personas, judged["today"]
    plan = create_plan(p.iris.user, name="IQA", kind="assessor", unit=p.org, new_rate=25)
    set_rule(p.iris.user, plan, method="witness", rate=100)
    draw = draw_samples(p.iris.user, plan, today, today, seed=4)
    assert {(s["method"], s["decisions"], s["drawn"], s["reason"]) for s in draw.strata} == {
        ("file", 2, 1, "new assessor: 0 decisions before the period"),
        ("witness", 2, 2, "evidence method rule (witness)"),
    }
    assert sorted(draw.samples.values_list("method", flat=True)) == ["file", "witness", "witness"]


def test_iris_reviews_with_the_evidence_and_downloads_its_file(
    client: Client, personas: Any, judged: dict[str, Any]
) -> None:
    p, today = personas, judged["today"]
    plan = create_plan(p.iris.user, name="IQA", kind="assessor", unit=p.org, base_rate=100)
    draw = draw_samples(p.iris.user, plan, today, today, seed=4)
    on_file = draw.samples.get(rating__element__code="INSML005.P1")
    on_witness = draw.samples.get(rating__element__code="INSML005.P3")
    client.force_login(p.iris.user)
    page = client.get(f"/quality/samples/{on_witness.pk}/").text
    assert "Statement from the sponsor" in page and "Sam Sponsor, Programme sponsor" in page
    assert "Alice chaired every planning meeting." in page
    page = client.get(f"/quality/samples/{on_file.pk}/").text
    file = judged["minutes"].files.get()
    link = f"/quality/samples/{on_file.pk}/files/{file.pk}/"
    assert link in page
    response = client.get(link)
    assert response.status_code == 200 and response.content == pdf("iqa")
    assert response["Content-Disposition"].startswith('attachment; filename="minutes.pdf"')
    assert response["X-Content-Type-Options"] == "nosniff"
    # Only through a sample whose decision relied on it; never for eve.
    assert client.get(f"/quality/samples/{on_witness.pk}/files/{file.pk}/").status_code == 404
    eve = Client()
    eve.force_login(p.eve.user)
    assert eve.get(link).status_code == 404
    # Iris cannot reach the evidence outside the sample.
    assert client.get(f"/evidence/{judged['minutes'].pk}/").status_code == 404


def test_the_api_serves_a_sampled_file_and_the_raters_reviews(
    client: Client, personas: Any, judged: dict[str, Any]
) -> None:
    """The API twins of quality:evidence_file and quality:my_reviews."""
    p, today = personas, judged["today"]
    plan = create_plan(p.iris.user, name="IQA", kind="assessor", unit=p.org, base_rate=100)
    draw = draw_samples(p.iris.user, plan, today, today, seed=4)
    on_file = draw.samples.get(rating__element__code="INSML005.P1")
    file = judged["minutes"].files.get()
    url = f"/api/quality/samples/{on_file.pk}/files/{file.pk}"
    client.force_login(p.iris.user)
    response = client.get(url)
    assert response.status_code == 200 and response.content == pdf("iqa")
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    on_witness = draw.samples.get(rating__element__code="INSML005.P3")
    assert client.get(f"/api/quality/samples/{on_witness.pk}/files/{file.pk}").status_code == 404
    reviewed = client.post(
        f"/api/quality/samples/{on_file.pk}/review",
        {"outcome": "agree"},
        content_type="application/json",
    )
    assert reviewed.status_code == 201
    eve = Client()
    eve.force_login(p.eve.user)
    assert eve.get(url).status_code == 404
    assert eve.get("/api/quality/my-reviews").json()["count"] == 0
    dave = Client()
    dave.force_login(p.dave.user)
    mine = dave.get("/api/quality/my-reviews").json()
    assert [item["id"] for item in mine["items"]] == [on_file.pk]
    assert mine["items"][0]["review"]["outcome"] == "agree"
