"""A framework's introduction as blocks a page can render: headings, lists and paragraphs.

PURE Python (no Django). The seed texts keep the source's own structure in plain text: numbered
headings in capitals ("1.1 SOURCES FOR THE SKILLS FRAMEWORK"), "- " bullets, blank lines between
paragraphs. Nothing is dropped or reworded; a heading written in capitals is shown in sentence
case, with its number kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_HEADING = re.compile(r"^(?:#+\s*)?(\d+(?:\.\d+)*)\.?\s+(.+)$")
_BULLET = re.compile(r"^\s*[-•*]\s+(.*)$")


@dataclass(frozen=True)
class Block:
    kind: str  # "heading", "list" or "paragraph"
    text: str = ""
    number: str = ""
    items: tuple[str, ...] = field(default_factory=tuple)


def _heading(line: str) -> Block | None:
    match = _HEADING.match(line.strip())
    if not match:
        return None
    number, title = match.groups()
    letters = [c for c in title if c.isalpha()]
    if not letters or not all(c.isupper() for c in letters) or len(title) > 120:
        return None  # a numbered sentence, not a heading
    return Block("heading", title[:1] + title[1:].lower(), number=number)


def _flush(result: list[Block], paragraph: list[str], items: list[str]) -> None:
    if paragraph:
        result.append(Block("paragraph", " ".join(paragraph)))
        paragraph.clear()
    if items:
        result.append(Block("list", items=tuple(items)))
        items.clear()


def blocks(text: str) -> list[Block]:
    """Split `text` at blank lines into headings, bullet lists and paragraphs, in order."""
    result: list[Block] = []
    for chunk in re.split(r"\n\s*\n", text.strip()):
        lines = [line for line in chunk.splitlines() if line.strip() and line.strip() != "---"]
        paragraph: list[str] = []
        items: list[str] = []
        for line in lines:
            heading = _heading(line)
            bullet = _BULLET.match(line)
            if heading is not None:
                _flush(result, paragraph, items)
                result.append(heading)
            elif bullet:
                _flush(result, paragraph, [])
                items.append(bullet.group(1).strip())
            else:
                _flush(result, [], items)
                paragraph.append(line.strip())
        _flush(result, paragraph, items)
    return result
