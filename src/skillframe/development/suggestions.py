"""What a new plan could start with: an element, its target and why (shown beside it).

Which elements to suggest is insights' business (`insights/suggestions.py`, from the person's
ranked priorities); development sits below insights in the layers (docs/layers.md), so it
only defines the shape that its new-plan form (`forms.NewPlanForm`) reads.
"""

from __future__ import annotations

from dataclasses import dataclass

from skillframe.frameworks.models import Element


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
