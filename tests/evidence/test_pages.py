"""The evidence pages, end to end through the web client (the browser journey is in
tests/e2e/test_evidence_journey.py)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from skillframe.evidence.models import Assignment, Evidence, SignOff, Submission
from skillframe.frameworks.models import Element
from tests.evidence.helpers import pdf, standard

pytestmark = pytest.mark.django_db


def token(html: str) -> str:
    found = re.search(r'name="confirm" value="([^"]+)"', html)
    assert found, "no confirmation token on the page"
    return found.group(1)


def test_hr_assigns_on_the_assessors_page(client: Client, personas: Any) -> None:
    client.force_login(personas.carol.user)
    page = client.get("/assessors/")
    assert page.status_code == 200 and "Qualify an assessor" in page.content.decode()
    fields = {"assessor": "E-dave", "learner": "E-alice", "standard": "INSML005"}
    refused = client.post("/assessors/", {"action": "assign", **fields}, follow=True)
    assert "not qualified to assess INSML005" in refused.content.decode()
    assert not Assignment.objects.exists()
    client.post("/assessors/", {"action": "qualify", "assessor": "E-dave", "standard": "INSML005"})
    done = client.post("/assessors/", {"action": "assign", **fields}, follow=True)
    assert "Dave Dunn assesses Alice Archer on INSML005" in done.content.decode()
    assert Assignment.objects.get().learner == personas.alice


def test_learner_and_assessor_pages(client: Client, personas: Any) -> None:
    p = personas
    client.force_login(p.carol.user)
    client.post("/assessors/", {"action": "qualify", "assessor": "E-dave", "standard": "INSML005"})
    client.post(
        "/assessors/",
        {"action": "assign", "assessor": "E-dave", "learner": "E-alice", "standard": "INSML005"},
    )
    items = list(Element.objects.items_of([standard().pk]).values_list("code", flat=True))

    client.force_login(p.alice.user)
    nav = client.get("/me/").content.decode()
    assert 'href="/me/evidence/"' in nav
    form = client.get("/me/evidence/new/?elements=INSML005")
    assert 'value="file"' in form.content.decode()
    created = client.post(
        "/me/evidence/new/",
        {
            "kind": "file",
            "title": "Team meeting minutes",
            "occurred_on": "2026-01-10",
            "elements": " ".join(items),
            "files": [SimpleUploadedFile("minutes.pdf", pdf("web"))],
        },
    )
    assert created.status_code == 302, created.content.decode()
    piece = Evidence.objects.get()
    assert "minutes.pdf" in client.get(f"/evidence/{piece.pk}/").content.decode()
    mine = client.get("/me/evidence/").content.decode()
    assert "Team meeting minutes" in mine and "/me/evidence/coverage/INSML005/" in mine
    cov = client.get("/me/evidence/coverage/INSML005/").content.decode()
    assert f"<strong>{len(items)}</strong> evidenced, awaiting a decision" in cov
    assert "Submit INSML005 for assessment" in cov and "data-print" in cov
    client.post("/me/evidence/coverage/INSML005/submit/", {"note": "Ready"})
    submission = Submission.objects.get()
    assert "waiting for Dave Dunn" in client.get("/me/evidence/coverage/INSML005/").content.decode()

    client.force_login(p.dave.user)
    nav = client.get("/assessor/").content.decode()
    assert 'href="/assessor/"' in nav and "Alice Archer — INSML005" in nav
    page = client.get(f"/assessor/submissions/{submission.pk}/").content.decode()
    assert page.count('class="judge-form"') == len(items)
    for code in items[:-1]:
        client.post(
            f"/assessor/submissions/{submission.pk}/judge/",
            {"element": code, "competence": "competent", "evidence": [piece.pk]},
        )
    client.post(
        f"/assessor/submissions/{submission.pk}/judge/",
        {"element": items[-1], "competence": "not-yet", "feedback": "Show the budget"},
    )
    client.post(
        f"/assessor/submissions/{submission.pk}/answer/",
        {"outcome": "more", "feedback": "Show the budget"},
    )
    submission.refresh_from_db()
    assert submission.status == Submission.Status.MORE
    assert client.get("/people/E-alice/coverage/INSML005/sign-off/").status_code == 200
    refused = client.post(
        "/people/E-alice/coverage/INSML005/sign-off/",
        {
            "confirm": token(
                client.get("/people/E-alice/coverage/INSML005/sign-off/").content.decode()
            )
        },
        follow=True,
    )
    assert "1 item(s) not yet judged competent" in refused.content.decode()
    assert not SignOff.objects.exists()

    client.force_login(p.alice.user)
    cov = client.get("/me/evidence/coverage/INSML005/").content.decode()
    assert "Dave Dunn asks for more evidence" in cov and "Show the budget" in cov
    # A bare POST to the declaration does nothing: it answers with the confirmation step.
    bare = client.post("/people/E-alice/coverage/INSML005/sign-off/")
    assert bare.status_code == 400 and not SignOff.objects.exists()


def test_delete_confirms_and_hides_evidence_a_decision_relied_on(
    client: Client, personas: Any
) -> None:
    from tests.evidence.test_workflow import account

    p = personas
    from tests.evidence.helpers import assign_dave

    assign_dave(p)
    piece = account(p, ["INSML005.P1"])
    from skillframe.evidence import workflow

    submission = workflow.submit(p.alice.user, p.alice, standard())
    workflow.judge(
        p.dave.user, submission, Element.objects.get(code="INSML005.P1"), "competent",
        evidence=[piece],
    )  # fmt: skip
    client.force_login(p.alice.user)
    step = client.get(f"/evidence/{piece.pk}/delete/").content.decode()
    assert "An assessment relied on this evidence" in step
    client.post(f"/evidence/{piece.pk}/delete/", {"confirm": token(step)})
    piece.refresh_from_db()
    assert piece.deleted_at is not None
    assert client.get(f"/evidence/{piece.pk}/").status_code == 404
    client.force_login(p.dave.user)
    assert client.get(f"/evidence/{piece.pk}/").status_code == 404
