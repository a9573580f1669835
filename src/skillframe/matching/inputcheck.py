"""What text the matcher accepts, with an answer that says what is wrong.

PURE Python. Empty, too long, binary-looking and non-English text are refused before any
scoring: a suggestion for those would be noise dressed up as an answer.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from skillframe.matching.text import STOPWORDS, stem

MAX_CHARS = 50_000  # a long CV is about 15,000 characters
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
_LATIN = re.compile(r"[A-Za-z]")
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


class SuggestInputError(ValueError):
    """The text cannot be matched; the message says why, for the person who sent it."""


def check_text(text: str, vocabulary: Collection[str] | None = None) -> None:
    """Raise SuggestInputError when `text` cannot be matched; without a vocabulary the
    language check (share of words the frameworks know) is skipped."""
    if not text or not text.strip():
        raise SuggestInputError("No text: paste or upload the text to match.")
    if len(text) > MAX_CHARS:
        raise SuggestInputError(
            f"The text is {len(text):,} characters long; the most that is matched at once is "
            f"{MAX_CHARS:,}. Split it into parts."
        )
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
    if "\x00" in text or "\ufffd" in text or controls > len(text) * 0.01:
        raise SuggestInputError(
            "The text looks binary (control characters or undecodable bytes): upload a .txt, "
            ".docx or .pdf file, or paste plain text."
        )
    letters = _LETTER.findall(text)
    if not letters:
        raise SuggestInputError("The text has no words to match.")
    latin = sum(1 for ch in letters if _LATIN.match(ch))
    words = [w.lower() for w in _WORD.findall(text)]
    known = sum(1 for w in words if w in STOPWORDS or (vocabulary and stem(w) in vocabulary))
    unknown_language = vocabulary is not None and len(words) >= 4 and known < 0.35 * len(words)
    if latin < 0.6 * len(letters) or unknown_language:
        raise SuggestInputError(
            "The text does not look like English: the frameworks are in English, so "
            "suggestions need English text."
        )
