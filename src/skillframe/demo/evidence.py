"""The demo's evidence and assessor story (issue 14): Dave's learners at different stages.

- Dave is qualified for the team-leader standards (INSML005, INSML011, INSML023); Carol (HR)
  assigned him his learners.
- Alice: INSML005, evidence mapped (two pieces), not submitted yet: the learner's view.
- Lucy: INSML005 submitted, waiting for Dave.
- Aisha: INSML011 judged: most items competent, one not yet; Dave asked for more evidence.
- Daniel: INSML005 signed off (Dave's declaration, then Daniel's declaration of authenticity).

Everything goes through the same domain functions as the pages (records, assignments,
workflow), as the people who would do it, so the audit trail and notifications are real. Files
are small PDFs made here; no file of the repository is read.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django.contrib.auth.models import User
from django.db import models
from django.utils import timezone
from fpdf import FPDF

from skillframe.assessments.models import Rating, Source
from skillframe.evidence import assignments, workflow
from skillframe.evidence.models import Evidence, EvidenceKind, Judgement, SignOff, Submission
from skillframe.evidence.records import EvidenceInput, create_evidence
from skillframe.frameworks.models import Element
from skillframe.notifications.models import Notification
from skillframe.people.models import Person

QUALIFIED = ("INSML005", "INSML011", "INSML023")
STORY = (("alice", "INSML005"), ("lucy", "INSML005"), ("aisha", "INSML011"), ("daniel", "INSML005"))


def _pdf(title: str, lines: list[str]) -> bytes:
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("helvetica", "B", 14)
    pdf.cell(0, 10, title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("helvetica", "", 11)
    for line in lines:
        pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _pieces(person: Person, codes: list[str], today: date) -> list[Evidence]:
    """Three pieces covering every item: minutes (a file), a witness testimony, an account."""
    name = person.name
    first, second, third = codes[::3], codes[1::3], codes[2::3]
    minutes = EvidenceInput(
        kind=EvidenceKind.FILE,
        title="Team meeting minutes and actions",
        occurred_on=today - timedelta(days=40),
        description=f"Minutes of the weekly team meeting chaired by {name}.",
        files=[
            (
                "team-meeting-minutes.pdf",
                _pdf(
                    "Team meeting minutes",
                    [
                        f"Chair: {name}",
                        "1. Priorities for the month agreed with each team member.",
                        "2. Workload rebalanced after the service desk re-tender.",
                        "3. Actions: owners and dates recorded below.",
                    ],
                ),
            )
        ],
        elements=first,
    )
    witness = EvidenceInput(
        kind=EvidenceKind.WITNESS,
        title="Witness testimony from the team's manager",
        occurred_on=today - timedelta(days=30),
        text=f"I have watched {name} lead the team for six months: objectives are agreed with "
        "each person, progress is reviewed fortnightly and problems are raised early.",
        witness_name=person.manager.name if person.manager else "Helen Walsh",
        witness_role="Line manager",
        witness_contact="via the HR business partner",
        elements=second,
    )
    account = EvidenceInput(
        kind=EvidenceKind.ACCOUNT,
        title="Reflective account: leading the team through a change",
        occurred_on=today - timedelta(days=20),
        text="When the rota changed I explained why, listened to concerns in one-to-ones, "
        "agreed how we would share the new work and checked after a month how it went.",
        elements=third,
    )
    return [create_evidence(person.user, person, data) for data in (minutes, witness, account)]


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _backdate(since: datetime, today: date) -> None:
    """Put the story in the past (the demo's other data is back-dated too): the rows written
    since `since` get the dates the story gives them, never "now".

    DELIBERATE BYPASS, demo data only: ratings are append-only (their queryset refuses update())
    and the other times are set by the database; the demo invents a past through plain
    querysets, as demo/ratings.py does. Nothing else in the application may do this.
    """

    def plain(model: type[models.Model]) -> models.QuerySet[Any]:
        return models.QuerySet(model=model)

    plain(Evidence).filter(created_at__gte=since).update(
        created_at=_at(today - timedelta(days=18), 10),
        updated_at=_at(today - timedelta(days=18), 10),
    )
    plain(Submission).filter(submitted_at__gte=since).update(
        submitted_at=_at(today - timedelta(days=14), 11)
    )
    plain(Submission).filter(answered_at__gte=since).update(
        answered_at=_at(today - timedelta(days=9), 16)
    )
    plain(Rating).filter(created_at__gte=since, source=Source.ASSESSOR).update(
        created_at=_at(today - timedelta(days=10), 15)
    )
    plain(Judgement).filter(created_at__gte=since).update(
        created_at=_at(today - timedelta(days=10), 15)
    )
    plain(SignOff).filter(created_at__gte=since).update(
        created_at=_at(today - timedelta(days=8), 9),
        assessor_declared_at=_at(today - timedelta(days=8), 9),
        learner_declared_at=_at(today - timedelta(days=7), 12),
        completed_at=_at(today - timedelta(days=7), 12),
    )
    plain(Notification).filter(created_at__gte=since).update(
        created_at=_at(today - timedelta(days=7), 12)
    )


def tell(people: dict[str, Person], hr: User, today: date) -> int:
    """Build the story; returns the number of pieces of evidence made."""
    since = timezone.now() - timedelta(seconds=1)
    made = _tell(people, hr, today)
    _backdate(since, today)
    return made


def _tell(people: dict[str, Person], hr: User, today: date) -> int:
    dave = people["dave"]
    units = {u.code: u for u in Element.objects.filter(code__in=QUALIFIED, kind="unit")}
    for code in QUALIFIED:
        assignments.qualify(hr, dave, units[code], today - timedelta(days=400))
    made = 0
    for username, code in STORY:
        learner, unit = people[username], units[code]
        assignments.assign(hr, dave, learner, unit, today - timedelta(days=90))
        items = list(Element.objects.items_of([unit.pk]))
        codes = [item.code for item in items]
        if username == "alice":
            made += len(_pieces(learner, codes[: len(codes) // 2], today))
            continue
        pieces = _pieces(learner, codes, today)
        made += len(pieces)
        submission = workflow.submit(learner.user, learner, unit, note="Ready for assessment.")
        if username == "lucy":
            continue
        by_code = {link.element.code: e for e in pieces for link in e.links.all()}
        for item in items:
            if username == "aisha" and item == items[-1]:
                workflow.judge(
                    dave.user,
                    submission,
                    item,
                    "not-yet",
                    "The account does not show this yet: add an example from your own team.",
                )
                continue
            workflow.judge(dave.user, submission, item, "competent", evidence=[by_code[item.code]])
        if username == "aisha":
            workflow.answer(
                dave.user,
                submission,
                Submission.Status.MORE,
                f"Nearly there: {items[-1].code} needs one more piece of evidence.",
            )
            continue
        workflow.answer(dave.user, submission, Submission.Status.ACCEPTED)
        workflow.declare(dave.user, learner, unit, confirmed=True)
        workflow.declare(learner.user, learner, unit, confirmed=True)
    return made
