"""What a new plan suggests: the person's top development priorities (`priorities.py`).

A priority is an unmet requirement of the current or target role, "met" as gap analysis says
(`gaps.py`: a NOS unit is met when its items are, rolled up), so a plan never suggests what the
gaps page shows as met. The reasons are the priority's own, in words.
"""

from __future__ import annotations

from skillframe.development.suggestions import Suggestion
from skillframe.frameworks.models import Element
from skillframe.insights.data import priorities_for
from skillframe.people.models import Person

LIMIT = 10


def suggestions_for(person: Person) -> list[Suggestion]:
    """The person's first `LIMIT` priorities as objectives to pick from (7 queries)."""
    priorities = priorities_for(person)[:LIMIT]
    elements = Element.objects.select_related("framework").in_bulk(
        [p.element_id for p in priorities]
    )
    return [
        Suggestion(elements[p.element_id], p.target_level, "; ".join(p.reasons)) for p in priorities
    ]
