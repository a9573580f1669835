"""The kinds of element our own frameworks are made of, and which of them are a unit's items.

PURE Python (no Django import): parsers, formats and kernels use it as well as the models.
Kinds are open-ended (an imported framework brings its own), so `Element.kind` is a plain string
field and `ElementKind` names the kinds the code itself knows; a StrEnum member compares equal
to its string, so `kind == ElementKind.UNIT` and `filter(kind=ElementKind.UNIT)` both work.
"""

from __future__ import annotations

from enum import StrEnum


class ElementKind(StrEnum):
    # AXELOS: family → group → skill → level definition → "You can" statement
    FAMILY = "family"
    GROUP = "group"
    SKILL = "skill"
    LEVEL = "level"
    STATEMENT = "statement"
    # NOS: unit (standard) → performance criterion, knowledge section → knowledge item, skills
    UNIT = "unit"
    CRITERION = "performance-criterion"
    KNOWLEDGE_SECTION = "knowledge-section"
    KNOWLEDGE_ITEM = "knowledge-item"
    SKILL_ITEM = "skill-list-item"

    @property
    def label(self) -> str:
        """The kind's name for people (also the CASE CFItemType title)."""
        return _LABELS[self]

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        """[(value, label)] in tree order, as Django's choices and <select> options want them."""
        return [(kind.value, kind.label) for kind in cls]


_LABELS = {
    ElementKind.FAMILY: "Skill family",
    ElementKind.GROUP: "Skill group",
    ElementKind.SKILL: "Skill",
    ElementKind.LEVEL: "Level definition",
    ElementKind.STATEMENT: "Statement",
    ElementKind.UNIT: "Standard",
    ElementKind.CRITERION: "Performance criterion",
    ElementKind.KNOWLEDGE_SECTION: "Knowledge section",
    ElementKind.KNOWLEDGE_ITEM: "Knowledge and understanding item",
    ElementKind.SKILL_ITEM: "Skills list item",
}

# What a NOS unit's *items* are: the elements judged competent / not yet one by one and rolled
# up to the unit (gap analysis, the wizard, the home page). Performance criteria are the unit's
# children; knowledge items sit one level lower, in the unit's knowledge sections. Skills-list
# items are not judged. `Element.objects.items_of(units)` finds them.
UNIT_ITEM_KINDS: tuple[ElementKind, ...] = (ElementKind.CRITERION, ElementKind.KNOWLEDGE_ITEM)


def kind_label(kind: str) -> str:
    """The label of one of our kinds; another (imported) kind is its own label."""
    try:
        return ElementKind(kind).label
    except ValueError:
        return kind
