"""Read-side queries behind the catalogue pages and API: outlines, element pages, level grids."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from skillframe.frameworks.compare import Segment, additions
from skillframe.frameworks.kinds import ElementKind
from skillframe.frameworks.models import Element, Framework, ScaleLevel

# Kinds that are details of a skill or standard; the framework outline stops above them.
DETAIL_KINDS = frozenset(
    {
        ElementKind.LEVEL,
        ElementKind.STATEMENT,
        ElementKind.CRITERION,
        ElementKind.KNOWLEDGE_SECTION,
        ElementKind.KNOWLEDGE_ITEM,
        ElementKind.SKILL_ITEM,
    }
)


_SUMMARY_KINDS: dict[str, list[tuple[str, str, str]]] = {
    ElementKind.FAMILY: [(ElementKind.SKILL, "skill", "skills")],
    ElementKind.GROUP: [(ElementKind.SKILL, "skill", "skills")],
    ElementKind.SKILL: [
        (ElementKind.LEVEL, "level defined", "levels defined"),
        (ElementKind.STATEMENT, "statement", "statements"),
    ],
    ElementKind.UNIT: [
        (ElementKind.CRITERION, "performance criterion", "performance criteria"),
        (ElementKind.KNOWLEDGE_ITEM, "knowledge item", "knowledge items"),
        (ElementKind.SKILL_ITEM, "skill", "skills"),
    ],
}


@dataclass
class OutlineNode:
    element: Element
    depth: int
    counts: Counter[str] = field(default_factory=Counter)  # descendants by kind

    @property
    def summary(self) -> str:
        """The counts a reader wants at this node, in words ("3 levels defined · 12 statements")."""
        shown = _SUMMARY_KINDS.get(self.element.kind)
        if shown is None:
            total = sum(self.counts.values())
            return f"{total} element{'s' if total != 1 else ''}" if total else ""
        return " · ".join(
            f"{self.counts[kind]} {singular if self.counts[kind] == 1 else plural}"
            for kind, singular, plural in shown
        )


def outline(framework: Framework) -> list[OutlineNode]:
    """The framework tree above the detail kinds, each node with its descendant counts.

    Two queries whatever the size: the (id, parent, kind) skeleton, then the shown elements.
    """
    skeleton = list(
        Element.objects.filter(framework=framework)
        .order_by("ordinal")
        .values_list("id", "parent_id", "kind")
    )
    parent_of = {pk: parent for pk, parent, _ in skeleton}
    shown_ids = [pk for pk, _, kind in skeleton if kind not in DETAIL_KINDS]
    counts: dict[int, Counter[str]] = {pk: Counter() for pk in shown_ids}
    for _pk, parent, kind in skeleton:
        ancestor = parent
        while ancestor is not None:
            if ancestor in counts:
                counts[ancestor][kind] += 1
            ancestor = parent_of[ancestor]
    elements = Element.objects.in_bulk(shown_ids)
    depth: dict[int, int] = {}
    nodes = []
    for pk in shown_ids:
        parent = parent_of[pk]
        depth[pk] = depth[parent] + 1 if parent in depth else 0
        nodes.append(OutlineNode(elements[pk], depth[pk], counts[pk]))
    return nodes


def ancestors(element: Element) -> list[Element]:
    """From the root down to the element's parent."""
    chain: list[Element] = []
    current = element.parent
    while current is not None:
        chain.append(current)
        current = current.parent
    return chain[::-1]


def subtree(element: Element) -> dict[int | None, list[Element]]:
    """Children lists for the element's whole subtree (one query over the framework)."""
    children: dict[int | None, list[Element]] = {}
    keep = {element.pk}
    for node in Element.objects.filter(framework_id=element.framework_id).order_by("ordinal"):
        if node.parent_id in keep:
            keep.add(node.pk)
            children.setdefault(node.parent_id, []).append(node)
    return children


@dataclass
class LevelCell:
    scale: ScaleLevel
    definition: Element | None  # None: the skill is not defined at this level
    statements: list[Element]


def level_grid(skill: Element) -> list[LevelCell]:
    """One cell per scale level (1…5 for AXELOS), defined or not, in scale order."""
    children = subtree(skill)
    definitions = {
        level.level: level
        for level in children.get(skill.pk, [])
        if level.kind == ElementKind.LEVEL
    }
    return [
        LevelCell(
            scale=scale,
            definition=definitions.get(scale.number),
            statements=children.get(definitions[scale.number].pk, [])
            if scale.number in definitions
            else [],
        )
        for scale in ScaleLevel.objects.filter(framework_id=skill.framework_id).order_by("number")
    ]


@dataclass
class Comparison:
    lower: LevelCell
    higher: LevelCell
    headline: list[Segment]
    statements: list[list[Segment]]


class CompareError(ValueError):
    pass


def compare_levels(skill: Element, lower: int, higher: int) -> Comparison:
    grid = {cell.scale.number: cell for cell in level_grid(skill)}
    for number in (lower, higher):
        if number not in grid:
            raise CompareError(f"level {number} is not on this framework's scale")
        if grid[number].definition is None:
            raise CompareError(f"{skill.title} is not defined at level {number}")
    if higher <= lower:
        raise CompareError(f"the higher level ({higher}) must be above the lower one ({lower})")
    low, high = grid[lower], grid[higher]
    assert low.definition is not None and high.definition is not None
    base = [low.definition.statement, *(s.statement for s in low.statements)]
    return Comparison(
        lower=low,
        higher=high,
        headline=additions(base, high.definition.statement),
        statements=[additions(base, s.statement) for s in high.statements],
    )
