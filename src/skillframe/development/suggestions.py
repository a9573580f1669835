"""What a new plan could work on: the person's top priorities, or their roles' unmet requirements.

The priorities come from `skillframe.insights.data.priorities_for(person)` when that module is
installed (gap analysis weighted by importance and organisation goals). Without it, the
suggestions are the requirements of the person's current and target roles that their current
rating (validated first, else their own) does not meet yet.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from skillframe.assessments.models import Competence, CurrentRating, Rating
from skillframe.frameworks.models import Element
from skillframe.people.models import Person, RoleRequirement

LIMIT = 10


@dataclass(frozen=True)
class Suggestion:
    element: Element
    target_level: int | None
    reason: str  # why it is suggested, shown beside it

    @property
    def key(self) -> str:
        """The form value that picks this suggestion: "<framework>:<code>:<level or ''>"."""
        level = "" if self.target_level is None else str(self.target_level)
        return f"{self.element.framework.slug}:{self.element.code}:{level}"

    @property
    def target_label(self) -> str:
        return f"level {self.target_level}" if self.target_level is not None else "competent"


def _field(item: Any, name: str) -> Any:
    return item.get(name) if isinstance(item, dict) else getattr(item, name, None)


def _from_priorities(items: Iterable[Any]) -> list[Suggestion]:
    """Read the insights priorities (insights.priorities.Priority: element_id, target_level,
    reasons) leniently: objects or dicts with an element or element id, a target level and
    optionally a reason or reasons, so a change of shape there degrades to the fallback."""
    rows = list(items)[:LIMIT]
    ids = set()
    for item in rows:
        element = _field(item, "element")
        if element is None:
            element = _field(item, "element_id")
        ids.add(element.pk if isinstance(element, Element) else element)
    elements = Element.objects.select_related("framework").in_bulk([i for i in ids if i])
    found = []
    for item in rows:
        element = _field(item, "element")
        if element is None:
            element = _field(item, "element_id")
        element = elements.get(element.pk if isinstance(element, Element) else element)
        if element is None:
            continue
        target = _field(item, "target_level")
        if target is None:
            target = _field(item, "target")
        reasons = _field(item, "reasons")
        reason = _field(item, "reason") or ("; ".join(reasons) if reasons else "a priority")
        found.append(Suggestion(element, target, str(reason)))
    return found


def _meets(requirement: RoleRequirement, entry: CurrentRating | None) -> bool:
    best = entry.best if entry else None
    if best is None:
        return False
    if requirement.target_level is None:
        return best.competence == Competence.COMPETENT
    return best.level is not None and best.level >= requirement.target_level


def unmet_requirements(person: Person) -> list[Suggestion]:
    """Requirements of the person's roles their current rating does not meet (two queries)."""
    roles = [r for r in (person.current_role_id, person.target_role_id) if r is not None]
    requirements = list(
        RoleRequirement.objects.filter(role_id__in=roles)
        .select_related("element__framework", "role")
        .order_by("-importance", "role_id", "position", "id")  # essential before desirable
    )
    current = Rating.objects.current([person.pk], {r.element_id for r in requirements})
    found: list[Suggestion] = []
    seen: set[int] = set()
    for requirement in requirements:
        if requirement.element_id in seen:
            continue
        seen.add(requirement.element_id)
        if not _meets(requirement, current.get((person.pk, requirement.element_id))):
            importance = requirement.get_importance_display().lower()
            found.append(
                Suggestion(
                    requirement.element,
                    requirement.target_level,
                    f"{importance} for {requirement.role.title}, not met yet",
                )
            )
    return found[:LIMIT]


def suggestions_for(person: Person) -> list[Suggestion]:
    try:
        from skillframe.insights.data import priorities_for  # type: ignore[import-not-found]
    except ImportError:
        return unmet_requirements(person)
    found = _from_priorities(priorities_for(person))
    return found or unmet_requirements(person)
