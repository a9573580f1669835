"""Anonymising a leaver, development's share: the comments on their plans.

Connected to `people.signals.person_anonymised` in `apps.py`. Like rating comments, the return
and approval comments of a plan's versions and the progress notes of its objectives are free text
that may identify the person; they are blanked, while the plans, objectives, targets, dates and
statuses stay (team statistics and the history of the plan rely on them).
"""

from __future__ import annotations

from typing import Any

from django.db import models

from skillframe.development.models import PlanVersion, ProgressUpdate
from skillframe.people.models import Person
from skillframe.people.signals import Blanked


def blank_plan_texts(sender: Any, person: Person, **kwargs: Any) -> list[Blanked]:
    """Blank the version comments and progress notes of `person`'s plans."""
    # Versions and progress updates are append-only (their querysets refuse update()); this is
    # the same documented exception as for rating comments, through a plain QuerySet.
    versions: models.QuerySet[PlanVersion] = (
        models.QuerySet(model=PlanVersion).filter(plan__person=person).exclude(comment="")
    )
    updates: models.QuerySet[ProgressUpdate] = models.QuerySet(model=ProgressUpdate).filter(
        objective__plan__person=person
    )
    return [
        Blanked("plan_comments_blanked", "plan comment(s)", versions.update(comment="")),
        Blanked(
            "progress_notes_blanked", "progress note(s)", updates.exclude(text="").update(text="")
        ),
    ]
