"""A leaver's suggestion feedback: the texts they pasted (CV lines, evidence notes) are theirs.

Connected to `people.signals.person_anonymised` in `apps.py`. Unlike a comment, a feedback row
is nothing without its text, so the leaver's rows are deleted rather than blanked.
"""

from __future__ import annotations

from typing import Any

from skillframe.matching.models import SuggestionFeedback
from skillframe.people.models import Person
from skillframe.people.signals import Blanked


def delete_feedback(sender: Any, person: Person, **kwargs: Any) -> list[Blanked]:
    if person.user_id is None:
        return []
    deleted, _ = SuggestionFeedback.objects.filter(user_id=person.user_id).delete()
    return [Blanked("suggestion_feedback_deleted", "suggestion feedback text(s)", deleted)]
