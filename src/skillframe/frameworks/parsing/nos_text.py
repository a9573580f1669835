"""Line-level helpers for the NOS parser (private to :mod:`skillframe.frameworks.parsing.nos`).

Cleaning of one source line (HTML tags, character entities), recognition of headings written in
any of the source's styles (plain, ``## heading``, ``**heading**``, ALL CAPS) and recognition
of page furniture (running headers, bare URNs, page numbers, left-column fragments of the
knowledge table). Pure Python, standard library only.
"""

from __future__ import annotations

import html
import re
from difflib import SequenceMatcher
from functools import lru_cache

__all__ = [
    "FUNCTION_WORDS",
    "KNOWLEDGE_HEADINGS",
    "LEFT_COLUMN_JUNK",
    "NosParseError",
    "clean_line",
    "dangles",
    "heading_key",
    "is_page_furniture",
    "normalise_space",
    "strip_left_column",
]


class NosParseError(ValueError):
    """The NOS text does not have the expected structure; the message names the line."""

    def __init__(self, message: str, line: int | None = None) -> None:
        self.line = line
        super().__init__(f"line {line}: {message}" if line is not None else message)


_TAG_RE = re.compile(r"</?[A-Za-z][^<>]*>")
# Only entities written with their ";" are decoded: "CFAM&LAA1" and "Management & leadership"
# must stay as they are (html.unescape alone would also decode legacy forms such as "&LT").
_ENTITY_RE = re.compile(r"&(?:#\d+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);")


def clean_line(raw: str) -> str:
    """Strip HTML tags and decode character entities; keep tabs and typographic characters."""
    text = _TAG_RE.sub("", raw) if "<" in raw else raw
    if "&" in text:
        text = _ENTITY_RE.sub(lambda m: html.unescape(m.group(0)), text)
    return text.rstrip("\r\n")


def normalise_space(text: str) -> str:
    """Collapse runs of white space (tabs included) to one space and trim."""
    return " ".join(text.split())


_HEADING_DECOR_RE = re.compile(r"^\s*#+\s*|^\s*[*_]{2}|[*_]{2}\s*$")


@lru_cache(maxsize=8192)
def heading_key(line: str) -> str:
    """Comparable form of a heading line: ``## Skills``, ``**SKILLS**`` and ``Skills`` agree."""
    text = line.replace("\t", " ")
    previous = None
    while previous != text and ("#" in text or "*" in text or "_" in text):
        previous = text
        text = _HEADING_DECOR_RE.sub("", text)
    return normalise_space(text).casefold()


# The three K&U section headings, as the source writes them, by kind.
KNOWLEDGE_HEADINGS: dict[str, str] = {
    "general": "General knowledge and understanding",
    "industry": "Industry and sector specific knowledge and understanding",
    "context": "Context specific knowledge and understanding",
}

# Cells of the knowledge table's left column, which the PDF extraction scatters over the lines
# of the table: "You need to know and" / "understand:" (once "inderstand:"), the split heading
# "Knowledge and" / "understanding", and stray marks ("-", "_", "C").
LEFT_COLUMN_JUNK = frozenset(
    {
        "",
        "knowledge and understanding",
        "knowledge and",
        "understanding",
        "you need to know and",
        "you need to know and understand:",
        "understand:",
        "inderstand:",
    }
)


def strip_left_column(line: str) -> tuple[str, bool]:
    """Drop left-column cells of a tab-separated table row; say whether any cell was dropped."""
    if "\t" not in line:
        return line, False
    kept = []
    dropped = False
    for cell in line.split("\t"):
        key = normalise_space(cell).casefold()
        if key in LEFT_COLUMN_JUNK or (len(key) == 1 and not key.isdigit()):
            dropped = True
            continue
        kept.append(cell)
    return " ".join(kept), dropped


_URN_LINE_RE = re.compile(r"^INSML\d{3}$")
_PAGE_NUMBER_RE = re.compile(r"^\d{1,3}$")


def is_page_furniture(line: str, title: str) -> bool:
    """True for a running header (the unit title, also garbled), a bare URN or a page number."""
    text = normalise_space(line)
    if not text:
        return True
    if _URN_LINE_RE.match(text) or _PAGE_NUMBER_RE.match(text):
        return True
    return is_title_line(text, title)


def is_title_line(text: str, title: str) -> bool:
    """The line is the title, exactly or as an OCR-garbled copy of similar length.

    The garbled form occurs once ("Managa customer sonica" for "Manage customer service", line
    6388); a ratio of 0.8 accepts it and rejects every item continuation line of the source.
    """
    key, title_key = heading_key(text), heading_key(title)
    if key == title_key:
        return True
    if not key or abs(len(key) - len(title_key)) > max(2, len(title_key) // 10):
        return False
    matcher = SequenceMatcher(None, key, title_key, autojunk=False)
    return matcher.quick_ratio() >= 0.8 and matcher.ratio() >= 0.8


def _words(text: str) -> list[str]:
    return text.split()


# Words after which a line (or an item) is unfinished: an item ending with one of them
# "dangles" and the next fragment continues it; a candidate item start right after one of
# them is not an item start.
FUNCTION_WORDS = frozenset(
    _words(
        """a an and or nor but of to the in on at by for with from into onto about as than
        between including include includes such via per within without across against through
        during over under upon among their your its our his her my those that which who whom
        whose what when where why how whether all any each every both either neither not no
        is are be been being was were can could may might must should will would also if
        so-called e.g. i.e."""
    )
)


_INTERROGATIVES = frozenset(_words("what when where why how whether which who whom whose"))


def dangles(text: str) -> bool:
    """The text ends in the middle of a phrase (a function word or a comma)."""
    stripped = text.rstrip()
    if not stripped:
        return False
    if stripped.endswith((",", ";", "(", "-", "–")):
        return True
    last = stripped.split()[-1].casefold()
    # an item may end with "... and when" (INSML025 K13, line 3108): not a dangling word
    return last in FUNCTION_WORDS and last not in _INTERROGATIVES
