"""The coverage map: for one learner and one standard, every criterion and knowledge item with
how much evidence maps to it, the assessor's current decision and what is missing.

A fixed number of queries whatever the amount of evidence (tests/evidence/test_coverage.py):
the items, one grouped count of the mapped evidence the viewer may see, the assessor's newest
decisions (a window function), the submissions and the sign-off.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import models

from skillframe.assessments.models import Competence, Rating, Source
from skillframe.evidence.access import visible_evidence
from skillframe.evidence.models import EvidenceLink, SignOff, Submission
from skillframe.frameworks.models import Element
from skillframe.people.access import Viewer
from skillframe.people.models import Person

# A decision that counts as the item being achieved.
ACHIEVED = (Competence.COMPETENT, Competence.NOT_APPLICABLE)


class State:
    GAP = "gap"  # no evidence
    EVIDENCED = "evidenced"  # evidence, no decision yet
    NOT_YET = "not-yet"
    COMPETENT = "competent"


@dataclass
class CoverageRow:
    element: Element
    evidence_count: int
    decision: Rating | None

    @property
    def state(self) -> str:
        if self.decision is not None and self.decision.competence in ACHIEVED:
            return State.COMPETENT
        if self.decision is not None and self.decision.competence == Competence.NOT_YET:
            return State.NOT_YET
        return State.EVIDENCED if self.evidence_count else State.GAP


@dataclass
class Coverage:
    learner: Person
    standard: Element
    rows: list[CoverageRow]
    standard_evidence: int  # evidence mapped to the standard as a whole
    sign_off: SignOff | None
    submissions: list[Submission] = field(default_factory=list)

    def count(self, state: str) -> int:
        return sum(1 for row in self.rows if row.state == state)

    @property
    def counts(self) -> dict[str, int]:
        """{state: items in it}, every state present (for pages and the PDF)."""
        states = (State.COMPETENT, State.NOT_YET, State.EVIDENCED, State.GAP)
        return {state.replace("-", "_"): self.count(state) for state in states}

    @property
    def gaps(self) -> list[CoverageRow]:
        return [row for row in self.rows if row.state == State.GAP]

    @property
    def all_competent(self) -> bool:
        return bool(self.rows) and all(row.state == State.COMPETENT for row in self.rows)

    @property
    def signed_off(self) -> bool:
        return self.sign_off is not None and self.sign_off.complete

    @property
    def waiting(self) -> Submission | None:
        return next((s for s in self.submissions if s.status == Submission.Status.WAITING), None)


def assessor_decisions(learner: Person, element_ids: list[int]) -> dict[int, Rating]:
    """{element id: the newest assessor rating} for the learner (one query)."""
    rows = (
        Rating.objects.filter(person=learner, element_id__in=element_ids, source=Source.ASSESSOR)
        .latest_per_source()
        .select_related("rater")
    )
    return {rating.element_id: rating for rating in rows}


def items_of(standard: Element) -> list[Element]:
    return list(Element.objects.items_of([standard.pk]).select_related("parent"))


def coverage(viewer: Viewer, learner: Person, standard: Element) -> Coverage:
    items = items_of(standard)
    ids = [item.pk for item in items]
    counts = dict(
        EvidenceLink.objects.filter(
            element_id__in=[*ids, standard.pk],
            evidence__in=visible_evidence(viewer).filter(owner=learner).values("pk"),
        )
        .values("element_id")
        .annotate(n=models.Count("evidence_id", distinct=True))
        .values_list("element_id", "n")
    )
    decisions = assessor_decisions(learner, ids)
    rows = [CoverageRow(item, counts.get(item.pk, 0), decisions.get(item.pk)) for item in items]
    sign_off = SignOff.objects.filter(learner=learner, standard=standard).first()
    submissions = list(
        Submission.objects.filter(learner=learner, standard=standard).select_related(
            "assessor__user"
        )[:20]
    )
    return Coverage(
        learner=learner,
        standard=standard,
        rows=rows,
        standard_evidence=counts.get(standard.pk, 0),
        sign_off=sign_off,
        submissions=submissions,
    )


def signed_off_standards(person_ids: list[int]) -> dict[tuple[int, int], SignOff]:
    """{(person id, standard id): completed sign-off} for these people (one query): for gaps,
    reports and role fit."""
    rows = SignOff.objects.filter(learner_id__in=person_ids, completed_at__isnull=False)
    return {(s.learner_id, s.standard_id): s for s in rows}
