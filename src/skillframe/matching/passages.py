"""Framework text at the grain it is matched: one passage per title, overview sentence, level
statement, criterion or knowledge item, each owned by the skill (AXELOS) or standard (NOS) it
rolls up to.

PURE Python (no Django): built from a FrameworkSpec, so the bench and the web share it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from skillframe.frameworks.kinds import ElementKind
from skillframe.frameworks.spec import ElementSpec, FrameworkSpec

# The elements a suggestion is made for: a skill or a standard (unit).
OWNER_KINDS = (ElementKind.SKILL, ElementKind.UNIT)
# NOS overviews open with "This standard is about …": boilerplate that would match every text.
_BOILERPLATE = re.compile(r"^(?:this|the) standard (?:is about|also covers|covers)\s*", re.I)
ALIAS = "alias"  # everyday words for the owner (aliases.py): matched, never shown as matched text
_SENTENCE = re.compile(r"(?<=[.;])\s+(?=[A-Z])")


@dataclass(frozen=True)
class Passage:
    framework: str
    owner: str  # code of the skill or standard
    owner_title: str
    owner_kind: str
    code: str  # code of the element the text comes from
    kind: str
    level: int | None
    text: str
    # Titles and descriptions say what the skill *is*; they count for more than one criterion.
    weight: float


def passages_of(spec: FrameworkSpec, aliases: dict[str, str] | None = None) -> list[Passage]:
    """The passages of a framework; `aliases` (code -> everyday words) adds one more per owner."""
    by_code = {element.code: element for element in spec.elements}
    out: list[Passage] = []
    for element in spec.elements:
        owner = _owner(element, by_code)
        if owner is None:
            continue
        out.extend(_element_passages(spec.slug, element, owner))
        if element is owner and aliases and element.code in aliases:
            out.append(
                Passage(
                    framework=spec.slug,
                    owner=owner.code,
                    owner_title=owner.title,
                    owner_kind=owner.kind,
                    code=owner.code,
                    kind=ALIAS,
                    level=None,
                    text=aliases[element.code],
                    weight=1.0,
                )
            )
    return out


def _owner(element: ElementSpec, by_code: dict[str, ElementSpec]) -> ElementSpec | None:
    current: ElementSpec | None = element
    while current is not None:
        if current.kind in OWNER_KINDS:
            return current
        current = by_code.get(current.parent_code) if current.parent_code else None
    return None


def _element_passages(slug: str, element: ElementSpec, owner: ElementSpec) -> list[Passage]:
    def passage(text: str, weight: float, kind: str | None = None) -> Passage:
        return Passage(
            framework=slug,
            owner=owner.code,
            owner_title=owner.title,
            owner_kind=owner.kind,
            code=element.code,
            kind=kind or element.kind,
            level=element.level,
            text=" ".join(text.split()),
            weight=weight,
        )

    texts: list[Passage] = []
    if element is owner:
        if element.title:
            texts.append(passage(element.title, 1.0, "title"))
        overview = _BOILERPLATE.sub("", element.statement or "")
        texts.extend(
            passage(sentence, 0.95, "overview")
            for sentence in _SENTENCE.split(overview)
            if sentence
        )
        summary = element.metadata.get("summary_description")
        if isinstance(summary, str) and summary and summary != element.statement:
            texts.append(passage(summary, 0.95, "overview"))
        keywords = element.metadata.get("keywords")
        if isinstance(keywords, list) and keywords:
            texts.append(passage("; ".join(str(k) for k in keywords), 0.85, "keywords"))
    elif element.kind == ElementKind.SKILL_ITEM:
        return []  # NOS skills lists are generic ("communicating") and shared by every unit
    elif element.kind in (ElementKind.KNOWLEDGE_SECTION, ElementKind.GROUP, ElementKind.FAMILY):
        return []
    else:
        text = element.statement or element.title
        if text:
            texts.append(passage(text, 0.9))
    return [p for p in texts if p.text]
