"""What a higher level of a skill adds to the level below: word-level, explainable highlighting.

Pure Python. The higher level's headline and statements are split into segments that are either
shared with the lower level's text (same word sequence) or added; the page marks the added ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class Segment:
    text: str
    added: bool


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _key(word: str) -> str:
    # Compare words without case or surrounding punctuation: "plans." matches "plans".
    return word.lower().strip(".,;:()\"'“”‘’")


def additions(lower: list[str], higher_text: str) -> list[Segment]:
    """Segments of `higher_text`, marking runs of words that do not appear in order in `lower`."""
    base = [_key(word) for text in lower for word in _words(text)]
    words = _words(higher_text)
    keys = [_key(word) for word in words]
    matcher = SequenceMatcher(a=base, b=keys, autojunk=False)
    shared = [False] * len(words)
    for block in matcher.get_matching_blocks():
        # Single common words ("the", "and") are noise; only runs of 2+ words count as shared.
        if block.size >= 2:
            for index in range(block.b, block.b + block.size):
                shared[index] = True
    segments: list[Segment] = []
    for word, is_shared in zip(words, shared, strict=True):
        added = not is_shared
        if segments and segments[-1].added == added:
            segments[-1] = Segment(f"{segments[-1].text} {word}", added)
        else:
            segments.append(Segment(word, added))
    return segments


def added_share(segments: list[Segment]) -> float:
    """Fraction of words that are new (0 = all shared, 1 = all new)."""
    total = sum(len(_words(segment.text)) for segment in segments)
    new = sum(len(_words(segment.text)) for segment in segments if segment.added)
    return new / total if total else 0.0
