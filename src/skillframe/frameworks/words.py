"""English plurals for counts shown to people ("5 skill families", "1211 performance criteria").

PURE Python (no Django): the template filters in templatetags/words.py and any code that writes
a sentence with a count use it, so a noun is pluralised one way everywhere.
"""

from __future__ import annotations

import re

# Nouns whose plural is not made with -s/-es/-ies; lower case.
IRREGULAR = {
    "analysis": "analyses",
    "child": "children",
    "criterion": "criteria",
    "person": "people",
    "phenomenon": "phenomena",
    "staff": "staff",
    "evidence": "evidence",
    "knowledge": "knowledge",
}
_VOWELS = set("aeiou")
_SIBILANT = re.compile(r"(s|x|z|ch|sh)$")
# "level of responsibility": the head noun comes before "of".
_OF = re.compile(r"^(.*?\S)(\s+of\s+.*)$")


def _match_case(word: str, plural: str) -> str:
    if word.isupper() and len(word) > 1:
        return plural.upper()
    if word[:1].isupper():
        return plural[:1].upper() + plural[1:]
    return plural


def _plural_word(word: str) -> str:
    lower = word.lower()
    if lower in IRREGULAR:
        return _match_case(word, IRREGULAR[lower])
    if lower.endswith("y") and len(lower) > 1 and lower[-2] not in _VOWELS:
        return word[:-1] + ("IES" if word.isupper() else "ies")
    if _SIBILANT.search(lower):
        return word + ("ES" if word.isupper() else "es")
    return word + ("S" if word.isupper() else "s")


def plural(noun: str) -> str:
    """The plural of a noun or noun phrase: its last word (or the word before "of")."""
    of = _OF.match(noun)
    if of:
        return plural(of.group(1)) + of.group(2)
    head, sep, last = noun.rpartition(" ")
    if not last:
        return noun
    return f"{head}{sep}{_plural_word(last)}"


def noun_for(count: int, noun: str) -> str:
    """`noun` as it reads after `count`: singular for exactly one, plural otherwise."""
    return noun if count == 1 else plural(noun)


def counted(count: int, noun: str) -> str:
    """'1 skill family', '5 skill families', '0 performance criteria'."""
    return f"{count} {noun_for(count, noun)}"
