"""Anonymising a leaver blanks the comments on their development plans (people sends
`person_anonymised`; development blanks its own rows)."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from skillframe.audit.models import AuditEvent
from skillframe.development import objectives, plans
from skillframe.development.models import Plan, PlanVersion, ProgressUpdate
from skillframe.people.models import Person
from skillframe.people.records import anonymise
from skillframe.people.signals import person_anonymised
from tests.development.helpers import alice_plan, first_objective


def test_a_leavers_plan_comments_and_progress_notes_are_blanked(personas: Any) -> None:
    alice, bob, eve = personas.alice, personas.bob, personas.eve
    plan = alice_plan(personas, submitted=True)
    plans.return_plan(bob.user, plan, "Alice, add the Archer project as an activity")
    objectives.add_progress(alice.user, first_objective(plan), "Talked to my sister Ann Archer")
    eves = plans.create_plan(eve.user, "Eve's plan")
    eves_note = objectives.add_progress(
        eve.user,
        objectives.add_objective(
            eve.user,
            eves,
            element=first_objective(plan).element,
            target_level=3,
            measure="mine",
            due_on=first_objective(plan).due_on,
        ),
        "Eve's own note",
    )

    out = StringIO()
    call_command("people", "anonymise", "E-alice", "--yes", stdout=out)

    assert "1 plan comment(s) and 1 progress note(s) blanked" in out.getvalue()
    versions = PlanVersion.objects.filter(plan=plan).order_by("number")
    assert [(v.action, v.comment) for v in versions] == [("submit", ""), ("return", "")]
    assert list(
        ProgressUpdate.objects.filter(objective__plan=plan).values_list("text", flat=True)
    ) == [""]
    # The plan itself stays: objectives, targets and statuses are the statistics' rows.
    kept = Plan.objects.get(pk=plan.pk)
    assert kept.status == Plan.Status.RETURNED and kept.objectives.count() == 2
    assert ProgressUpdate.objects.get(pk=eves_note.pk).text == "Eve's own note"
    event = AuditEvent.objects.get(action="people.anonymise")
    assert event.data["plan_comments_blanked"] == 1 and event.data["progress_notes_blanked"] == 1


def test_a_failing_receiver_rolls_the_whole_anonymisation_back(personas: Any) -> None:
    def refuse(sender: Any, person: Person, **kwargs: Any) -> list[Any]:
        raise RuntimeError("cannot blank")

    person_anonymised.connect(refuse, dispatch_uid="test.refuse")
    try:
        with pytest.raises(RuntimeError):
            anonymise(personas.alice, actor=None)
    finally:
        person_anonymised.disconnect(dispatch_uid="test.refuse")
    user = Person.objects.select_related("user").get(pk=personas.alice.pk).user
    assert user.username == "alice" and user.is_active
    assert not AuditEvent.objects.filter(action="people.anonymise").exists()
