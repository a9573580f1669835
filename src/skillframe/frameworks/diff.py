"""The difference between two versions of a framework, element by element (pure Python).

Elements are matched by code, the public identifier that stays when a text is reworded. An
element is *added* (only in the new version), *removed* (only in the old), *moved* (another
parent, or another place among the siblings both versions share) or *reworded* (title or
statement changed; the change is given word by word). One element can be moved and reworded.
The scale is compared by level number. Used by the versions pages, the API and
`skillframe frameworks diff` (docs/versions.md).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

from skillframe.frameworks.spec import ElementSpec, FrameworkSpec, ScaleLevelSpec

ADDED, REMOVED, MOVED, REWORDED = "added", "removed", "moved", "reworded"


@dataclass(frozen=True)
class WordChange:
    """One run of words: kept ("equal"), taken out ("delete") or put in ("insert")."""

    op: str
    text: str


def word_diff(old: str, new: str) -> list[WordChange]:
    """`old` → `new` as runs of whole words (whitespace-separated), in reading order."""
    a, b = old.split(), new.split()
    runs: list[WordChange] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            runs.append(WordChange("equal", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            runs.append(WordChange("delete", " ".join(a[i1:i2])))
        if j2 > j1:
            runs.append(WordChange("insert", " ".join(b[j1:j2])))
    return runs


@dataclass(frozen=True)
class ElementChange:
    code: str
    kind: str
    label: str  # the title, else the start of the statement (new text where there is one)
    changes: tuple[str, ...]  # of ADDED, REMOVED, MOVED, REWORDED
    old_parent: str | None = None
    new_parent: str | None = None
    title: list[WordChange] = field(default_factory=list)
    statement: list[WordChange] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "kind": self.kind,
            "label": self.label,
            "changes": list(self.changes),
            "old_parent": self.old_parent,
            "new_parent": self.new_parent,
            "title": [[w.op, w.text] for w in self.title],
            "statement": [[w.op, w.text] for w in self.statement],
        }


@dataclass(frozen=True)
class ScaleChange:
    number: int
    change: str  # ADDED, REMOVED or REWORDED
    old: ScaleLevelSpec | None
    new: ScaleLevelSpec | None

    def as_json(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "change": self.change,
            "old": {"name": self.old.name, "description": self.old.description}
            if self.old
            else None,
            "new": {"name": self.new.name, "description": self.new.description}
            if self.new
            else None,
        }


@dataclass(frozen=True)
class FrameworkDiff:
    elements: list[ElementChange]  # in the new version's order, removed ones in the old's
    scale: list[ScaleChange]

    def of(self, change: str) -> list[ElementChange]:
        return [e for e in self.elements if change in e.changes]

    def counts(self) -> dict[str, int]:
        return {name: len(self.of(name)) for name in (ADDED, REMOVED, MOVED, REWORDED)}

    def as_json(self) -> dict[str, Any]:
        return {
            "counts": self.counts(),
            "elements": [e.as_json() for e in self.elements],
            "scale": [s.as_json() for s in self.scale],
        }


def _label(element: ElementSpec) -> str:
    text = element.title or element.statement
    return text if len(text) <= 80 else text[:79].rstrip() + "…"


def _moved(old: FrameworkSpec, new: FrameworkSpec) -> set[str]:
    """Codes under another parent, or out of their place among the siblings both share (the
    fewest: those outside the longest run the two orders have in common)."""
    old_by = {e.code: e for e in old.elements}
    new_by = {e.code: e for e in new.elements}
    moved = {c for c, e in new_by.items() if c in old_by and old_by[c].parent_code != e.parent_code}
    siblings_old: dict[str | None, list[str]] = {}
    siblings_new: dict[str | None, list[str]] = {}
    for e in old.elements:
        if e.code in new_by and e.code not in moved:
            siblings_old.setdefault(e.parent_code, []).append(e.code)
    for e in new.elements:
        if e.code in old_by and e.code not in moved:
            siblings_new.setdefault(e.parent_code, []).append(e.code)
    for parent, order in siblings_new.items():
        before = siblings_old.get(parent, [])
        if before == order:
            continue
        matcher = difflib.SequenceMatcher(a=before, b=order, autojunk=False)
        kept = {
            c
            for block in matcher.get_matching_blocks()
            for c in order[block.b : block.b + block.size]
        }
        moved |= set(order) - kept
    return moved


def diff_specs(old: FrameworkSpec, new: FrameworkSpec) -> FrameworkDiff:
    """What changed from `old` to `new` (two versions of one framework)."""
    old_by = {e.code: e for e in old.elements}
    new_codes = {e.code for e in new.elements}
    moved = _moved(old, new)
    changes: list[ElementChange] = []
    for element in new.elements:
        before = old_by.get(element.code)
        if before is None:
            changes.append(
                ElementChange(
                    element.code,
                    element.kind,
                    _label(element),
                    (ADDED,),
                    new_parent=element.parent_code,
                    title=word_diff("", element.title),
                    statement=word_diff("", element.statement),
                )
            )
            continue
        kinds: list[str] = []
        if element.code in moved:
            kinds.append(MOVED)
        reworded = before.title != element.title or before.statement != element.statement
        if reworded:
            kinds.append(REWORDED)
        if kinds:
            changes.append(
                ElementChange(
                    element.code,
                    element.kind,
                    _label(element),
                    tuple(kinds),
                    old_parent=before.parent_code,
                    new_parent=element.parent_code,
                    title=word_diff(before.title, element.title) if reworded else [],
                    statement=word_diff(before.statement, element.statement) if reworded else [],
                )
            )
    for element in old.elements:
        if element.code not in new_codes:
            changes.append(
                ElementChange(
                    element.code,
                    element.kind,
                    _label(element),
                    (REMOVED,),
                    old_parent=element.parent_code,
                    title=word_diff(element.title, ""),
                    statement=word_diff(element.statement, ""),
                )
            )
    return FrameworkDiff(changes, _scale_changes(old.scale, new.scale))


def _scale_changes(
    old: tuple[ScaleLevelSpec, ...], new: tuple[ScaleLevelSpec, ...]
) -> list[ScaleChange]:
    before = {level.number: level for level in old}
    after = {level.number: level for level in new}
    found: list[ScaleChange] = []
    for number in sorted(before.keys() | after.keys()):
        a, b = before.get(number), after.get(number)
        if a is None:
            found.append(ScaleChange(number, ADDED, None, b))
        elif b is None:
            found.append(ScaleChange(number, REMOVED, a, None))
        elif (a.name, a.description) != (b.name, b.description):
            found.append(ScaleChange(number, REWORDED, a, b))
    return found
