"""The evidence app's rows of the access matrix (tests/test_access_matrix.py), kept here so the
matrix file only gains two lines: the rows, who knows each object, and the objects they name.

Alice has one piece of evidence (a PDF) mapped to INSML005.P1 and submitted to Dave, her
assessor for INSML005 (so Dave reads it); she has not shared it with Bob, her manager.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from tests.test_access_matrix import LOGIN, Row, everyone, only

# She, her assessor (it is submitted) and HR read it; Bob (not shared) and Eve must not know.
EVIDENCE_READERS = only({"alice": 200, "carol": 200, "dave": 200}, 404)
EVIDENCE_OWNER = only({"alice": 200}, 404, carol=403, dave=403)
ALICE_READERS = only({"alice": 200, "bob": 200, "carol": 200, "dave": 200}, 404)

ROWS: dict[str, Row] = {
    "evidence:mine": Row(lambda c: "/me/evidence/", everyone(200)),
    "evidence:create": Row(lambda c: "/me/evidence/new/", everyone(200)),
    "evidence:my_coverage": Row(lambda c: "/me/evidence/coverage/INSML005/", everyone(200)),
    # Each persona submits their own: Alice's is already waiting, the others have no assessor;
    # both are told why on their own page (a redirect), nothing is created.
    "evidence:submit": Row(
        lambda c: "/me/evidence/coverage/INSML005/submit/",
        everyone(302),
        method="post",
        unchanged=("evidence.Submission",),
    ),
    "evidence:detail": Row(lambda c: f"/evidence/{c.evidence.pk}/", EVIDENCE_READERS),
    "evidence:edit": Row(
        lambda c: f"/evidence/{c.evidence.pk}/edit/",
        only({"alice": 302}, 404, carol=403, dave=403),
        method="post",
        data=lambda c: {"elements": "INSML005.P1 INSML005.P2"},
        unchanged=("evidence.EvidenceLink",),
    ),
    "evidence:delete": Row(lambda c: f"/evidence/{c.evidence.pk}/delete/", EVIDENCE_OWNER),
    "evidence:file": Row(
        lambda c: f"/evidence/{c.evidence.pk}/files/{c.evidence_file.pk}/", EVIDENCE_READERS
    ),
    "evidence:coverage": Row(lambda c: "/people/E-alice/coverage/INSML005/", ALICE_READERS),
    "evidence:declare": Row(
        lambda c: "/people/E-alice/coverage/INSML005/sign-off/",
        only({"alice": 200, "dave": 200}, 404, bob=403, carol=403),
    ),
    "evidence:portfolio": Row(lambda c: "/people/E-alice/portfolio.zip", ALICE_READERS),
    "evidence:assessor_home": Row(lambda c: "/assessor/", everyone(200)),
    "evidence:submission": Row(
        lambda c: f"/assessor/submissions/{c.submission.pk}/", EVIDENCE_READERS
    ),
    "evidence:judge": Row(
        lambda c: f"/assessor/submissions/{c.submission.pk}/judge/",
        only({"dave": 302}, 404, alice=403, carol=403),
        method="post",
        data=lambda c: {
            "element": "INSML005.P1",
            "competence": "competent",
            "evidence": [c.evidence.pk],
        },
        unchanged=("assessments.Rating", "evidence.Judgement"),
    ),
    "evidence:answer": Row(
        lambda c: f"/assessor/submissions/{c.submission.pk}/answer/",
        only({"dave": 302}, 404, alice=403, carol=403),
        method="post",
        data=lambda c: {"outcome": "more", "feedback": "Show P2 too"},
    ),
    "evidence:assignments": Row(lambda c: "/assessors/", only({"carol": 200}, 403), unchanged=()),
}

KNOWN_BY: dict[str, str | tuple[str, ...]] = {
    "evidence:detail": "evidence:detail",
    "evidence:edit": "evidence:detail",
    "evidence:delete": "evidence:detail",
    "evidence:file": "evidence:detail",
    "evidence:submission": "evidence:submission",
    "evidence:judge": "evidence:submission",
    "evidence:answer": "evidence:submission",
    "evidence:coverage": "people:detail",
    "evidence:declare": "people:detail",
    "evidence:portfolio": "people:detail",
}


def context(p: Any) -> dict[str, Any]:
    """The objects the rows name, on top of the matrix's personas."""
    from skillframe.evidence import workflow
    from skillframe.evidence.models import EvidenceKind
    from skillframe.evidence.records import EvidenceInput, create_evidence
    from tests.evidence.helpers import assign_dave, pdf, standard

    assign_dave(p)
    data = EvidenceInput(
        kind=EvidenceKind.FILE,
        title="Team meeting minutes",
        occurred_on=date(2026, 1, 10),
        files=[("minutes.pdf", pdf("matrix"))],
        elements=["INSML005.P1"],
    )
    evidence = create_evidence(p.alice.user, p.alice, data)
    submission = workflow.submit(p.alice.user, p.alice, standard())
    return {
        "evidence": evidence,
        "evidence_file": evidence.files.get(),
        "submission": submission,
    }


__all__ = ["KNOWN_BY", "LOGIN", "ROWS", "context"]
