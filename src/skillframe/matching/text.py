"""Words and segments of free text: tokenising, stemming and cutting into sentences with offsets.

PURE Python (no Django). One tokeniser serves the framework text and the user's text, so a stem
in a query is the stem in the index.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import Stemmer

_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:['’][a-z]+)?")
# Sentence ends, line breaks, bullets and semicolons separate segments: a CV is a list of lines.
_BREAK = re.compile(r"(?<=[.!?;])\s+|\n+|\s[•·▪–-]\s|^\s*[•·▪*-]\s", re.MULTILINE)

STOPWORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "also",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "during",
        "each",
        "etc",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "me",
        "more",
        "most",
        "my",
        "myself",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "ours",
        "ourselves",
        "out",
        "over",
        "own",
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "themselves",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "yours",
        "yourself",
        "yourselves",
        "e",
        "g",
        "eg",
        "ie",
        "may",
        "must",
        "within",
        "using",
        "use",
        "used",
        "able",
        "ensure",
        "including",
        "include",
        "includes",
        "various",
        "make",
        "made",
        "across",
        "per",
        "via",
        "get",
        "got",
    ]
)


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("english")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    return str(_stemmer().stemWord(word))


def words(text: str) -> list[str]:
    """Lower-case words of `text`, without stopwords (not stemmed)."""
    found = (match.group(0).lower().replace("’", "'") for match in _WORD.finditer(text))
    return [word.split("'")[0] for word in found if word.split("'")[0] not in STOPWORDS]


def tokens(text: str) -> list[str]:
    """Stems of the content words of `text`, in order."""
    return [stem(word) for word in words(text) if len(word) > 1]


@dataclass(frozen=True)
class Segment:
    """A stretch of the input: `text == source[start:end]`."""

    start: int
    end: int
    text: str


def segments(source: str) -> list[Segment]:
    """The input cut into sentences/lines, each trimmed, with exact character offsets."""
    out: list[Segment] = []
    position = 0
    for match in [*_BREAK.finditer(source), None]:
        stop = match.start() if match is not None else len(source)
        _add_trimmed(source, position, stop, out)
        if match is not None:
            position = max(match.end(), position)
    return out


def _add_trimmed(source: str, start: int, stop: int, out: list[Segment]) -> None:
    piece = source[start:stop]
    stripped = piece.strip()
    if not stripped or not _WORD.search(stripped):
        return
    begin = start + (len(piece) - len(piece.lstrip()))
    end = begin + len(stripped)
    out.append(Segment(begin, end, source[begin:end]))
