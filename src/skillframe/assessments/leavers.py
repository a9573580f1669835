"""Anonymising a leaver, the assessments' share: the free text of the ratings about them.

Connected to `people.signals.person_anonymised` in `apps.py`; `people.records.anonymise` sends it
inside its transaction (docs/people.md, Anonymising a leaver).
"""

from __future__ import annotations

from typing import Any

from django.db import models

from skillframe.assessments.models import Rating, RatingReply
from skillframe.people.models import Person
from skillframe.people.signals import Blanked


def blank_rating_texts(sender: Any, person: Person, **kwargs: Any) -> list[Blanked]:
    """Blank the comments of the ratings about `person` and the replies to those ratings."""
    # THE ONE DOCUMENTED EXCEPTION to "ratings are append-only" (docs/people.md, Anonymising a
    # leaver): RatingQuerySet.update refuses on purpose, so a plain QuerySet over the same table
    # blanks the comments of this person's ratings. Rows, levels and dates are kept untouched.
    plain: models.QuerySet[Rating] = models.QuerySet(model=Rating)
    ratings_blanked = plain.filter(person=person).exclude(comment="").update(comment="")
    # Replies to those ratings are append-only by convention too; same exception, same reason.
    replies = RatingReply.objects.filter(rating__person=person).exclude(text="")
    replies_blanked = replies.update(text="")
    return [
        Blanked("ratings_blanked", "rating comment(s)", ratings_blanked),
        Blanked("replies_blanked", "reply text(s)", replies_blanked),
    ]
