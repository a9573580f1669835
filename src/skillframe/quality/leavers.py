"""Anonymising a leaver, quality's share: the reviewers' comments and required actions.

Connected to `people.signals.person_anonymised` in `apps.py`. A review's comment and action are
free text about a decision on the person (the sample's person) or by them (the rater): they are
blanked, while the samples, outcomes, dates and the agreement rates they make stay.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from skillframe.people.models import Person
from skillframe.people.signals import Blanked
from skillframe.quality.models import Review


def blank_review_texts(sender: Any, person: Person, **kwargs: Any) -> list[Blanked]:
    """Blank the comments and actions of reviews of decisions on or by `person`."""
    reviews = Review.objects.filter(Q(sample__person=person) | Q(sample__rater_id=person.user_id))
    comments = reviews.exclude(comment="").update(comment="")
    actions = reviews.exclude(action="").update(action="")
    return [
        Blanked("review_comments_blanked", "quality review comment(s)", comments),
        Blanked("review_actions_blanked", "quality review action(s)", actions),
    ]
