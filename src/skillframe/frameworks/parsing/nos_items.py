"""Numbered lists of the NOS source: performance criteria and knowledge and understanding.

Private helper of :mod:`skillframe.frameworks.parsing.nos`. The lists come out of the PDF in
several shapes, often mixed within one unit (``docs/nos-parsing.md`` has the line numbers):

* one item per line, ``- 12. text`` or ``12. text``, blank lines and running headers between;
* the item number at the end of the line or in its middle (``text of line one 6. line two``):
  the PDF's number column is vertically centred on a two-line item;
* tab-separated table rows (``understand:<TAB>1. text``), several items packed on one row,
  sometimes glued (``...expectations15. your...``);
* a whole table flattened into one long line with numbers, the left-column words ("You need to
  know and", "understand:") and the section headings interleaved with the item words;
* items without a number, items split over page breaks.

The list is first cut into tokens (numbers, section headings, sub-headings, text fragments),
then every run of text between two tokens is shared out: the rest of the previous item, the
items the numbering says are missing there, and the first line of the next item when its number
was printed after that line. Whatever cannot be reconciled raises :class:`NosParseError`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .nos_text import (
    FUNCTION_WORDS,
    KNOWLEDGE_HEADINGS,
    NosParseError,
    dangles,
    heading_key,
    is_page_furniture,
    normalise_space,
    strip_left_column,
)

__all__ = ["RawItem", "RawSection", "item_starters", "parse_numbered_list"]

# A first line of an item is one PDF line of the text column: 50 to 66 characters in the
# source (measured on the 38 lines "first line N. rest"); the window leaves some slack.
HEAD_MIN, HEAD_MAX = 40, 75
# The most items the numbering may skip at one place (the source skips up to 3: INSML010 K1-K4).
MAX_GAP = 6

_HEADING_BY_KEY = {heading_key(h): kind for kind, h in KNOWLEDGE_HEADINGS.items()}
_INLINE_HEADING_RE = re.compile(
    "|".join(re.escape(h) for h in KNOWLEDGE_HEADINGS.values()), re.IGNORECASE
)
_INLINE_JUNK_RE = re.compile(
    r"^\s*(?-i:Knowledge and understanding)\b|You need to know and understand:"
    r"|You need to know and|\b[ui]nderstand:|^\s*(?-i:Performance criteria)\b|You must be able to:",
    re.IGNORECASE,
)
_BULLET_RE = re.compile(r"^\s*[-•–]\s+")
_NUMBER_RE = re.compile(r"(?<![\d.])(\d{1,2})(\.?)(?=\s|$)")
_URN_RE = re.compile(r"\s*\bINSML\d{3}\b")
_FIRST_WORD_RE = re.compile(r"^\W*([\w'’-]+)")
# words that begin an item even in mid-line; "when", "where", "who" also open relative clauses
_INTERROGATIVES = frozenset(["how", "what", "why", "whether"])
_STARTER_RE = re.compile(r"^\s*(?:[-•–]\s+)?\d{1,2}\.\s+([a-z][\w'’-]*)")


@dataclass
class RawItem:
    number: int
    line: int
    parts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return normalise_space(_URN_RE.sub("", " ".join(self.parts)))


@dataclass
class RawSection:
    kind: str  # "general", "industry", "context" or "" (no heading)
    heading: str
    line: int
    items: list[RawItem] = field(default_factory=list)


@dataclass
class _Tok:
    kind: str  # "text", "num", "head", "sub"
    line: int
    text: str = ""
    value: int = 0
    line_start: bool = False  # text: begins its line; num: nothing before it on its line
    bullet: bool = False  # text: its line began with a "- " bullet


def item_starters(lines: list[tuple[int, str]]) -> frozenset[str]:
    """First words of the plainly numbered items ("12. identify ...") of a list kind."""
    found = set()
    for _, line in lines:
        text, _ = strip_left_column(line)
        match = _STARTER_RE.match(text)
        if match:
            found.add(match.group(1).casefold())
    return frozenset(found)


def _first_word(text: str) -> str:
    match = _FIRST_WORD_RE.match(text)
    return match.group(1).casefold() if match else ""


class _Tokenizer:
    def __init__(self, title: str, allow_subheadings: bool) -> None:
        self.title = title
        self.allow_subheadings = allow_subheadings
        self.last = 0  # the last accepted item number
        self.tokens: list[_Tok] = []

    def feed(self, lineno: int, raw: str) -> None:
        if is_page_furniture(raw, self.title):
            return
        text, _ = strip_left_column(raw)
        folded = text.casefold()
        if any(word in folded for word in ("nderstand", "need to know", "riteria", "able to:")):
            text = _INLINE_JUNK_RE.sub(" ", text)
        if not text.strip():
            return
        kind = _HEADING_BY_KEY.get(heading_key(text))
        if kind is not None:
            self.tokens.append(_Tok("head", lineno, text=kind))
            return
        bullet = _BULLET_RE.match(text)
        if bullet:
            text = text[bullet.end() :]
        line_start = True
        pos = 0
        inline = _INLINE_HEADING_RE.finditer(text) if "nderstanding" in folded else ()
        for match in inline:
            line_start = self._feed_part(lineno, text[pos : match.start()], line_start, bullet)
            bullet = None
            kind = _HEADING_BY_KEY[heading_key(match.group(0))]
            self.tokens.append(_Tok("head", lineno, text=kind))
            pos = match.end()
        self._feed_part(lineno, text[pos:], line_start, bullet)

    def _feed_part(
        self, lineno: int, part: str, line_start: bool, bullet: re.Match[str] | None
    ) -> bool:
        """Tokenize a piece of a line; return whether the line still has had nothing in it."""
        pos = 0
        for match in _NUMBER_RE.finditer(part):
            value = int(match.group(1))
            if not self._accept(part, match, value):
                continue
            before = part[pos : match.start()]
            if before.strip():
                self._text(lineno, before, line_start, bullet)
                line_start, bullet = False, None
            self.tokens.append(_Tok("num", lineno, value=value, line_start=line_start))
            line_start, bullet = False, None
            if value > self.last:
                self.last = value
            pos = match.end()
        rest = part[pos:]
        if rest.strip():
            self._text(lineno, rest, line_start, bullet)
            line_start = False
        return line_start

    def _accept(self, part: str, match: re.Match[str], value: int) -> bool:
        start = match.start()
        before = part[start - 1] if start else " "
        dotted = bool(match.group(2))
        if before.isspace():
            if dotted:
                return self.last < value <= self.last + MAX_GAP or (
                    value == self.last and value > 0
                )
            after = part[match.end() : match.end() + 2]
            return value == self.last + 1 and len(after) == 2 and after[1].islower()
        if before.isalpha() or before == ")":
            return dotted and value == self.last + 1
        return False

    def _text(self, lineno: int, text: str, line_start: bool, bullet: re.Match[str] | None) -> None:
        text = normalise_space(text)
        if self.allow_subheadings and text[:1].isupper():
            self.tokens.append(_Tok("sub", lineno, text=text))
            return
        self.tokens.append(
            _Tok("text", lineno, text=text, line_start=line_start, bullet=bullet is not None)
        )


@dataclass
class _Boundary:
    seg: int  # index of the fragment in the run
    pos: int  # character offset in it


def _inline_starts(text: str, starters: frozenset[str]) -> list[int]:
    """Offsets in ``text`` where a new item could begin: a starter word not after a comma or
    a function word."""
    found = []
    for match in re.finditer(r"(?<= )[a-z][\w'’-]*", text):
        if match.group(0).casefold() not in starters:
            continue
        before = text[: match.start()].rstrip()
        if not before or before.endswith((",", ";", ":", "(")):
            continue
        previous = before.split()[-1].casefold()
        if previous in FUNCTION_WORDS:
            continue
        found.append(match.start())
    return found


class _Builder:
    def __init__(self, tokens: list[_Tok], starters: frozenset[str], what: str) -> None:
        self.tokens = tokens
        self.starters = starters
        self.what = what
        self.sections: list[RawSection] = []
        self.items: list[RawItem] = []  # all items, in order
        self.duplicates: list[tuple[str, RawItem]] = []
        self.pending_head = ""

    # -- sections and items -------------------------------------------------------------
    def _section(self, line: int) -> RawSection:
        if not self.sections:
            self.sections.append(RawSection("", "", line))
        return self.sections[-1]

    def _new_item(self, number: int, line: int, text: str) -> RawItem:
        item = RawItem(number, line, [text] if text else [])
        self._section(line).items.append(item)
        self.items.append(item)
        return item

    def _last_number(self) -> int:
        return self.items[-1].number if self.items else 0

    # -- the walk -----------------------------------------------------------------------
    def build(self) -> list[RawSection]:
        tokens = self.tokens
        i = 0
        prev: _Tok | None = None
        while i < len(tokens):
            tok = tokens[i]
            if tok.kind == "text":
                j = i
                while j < len(tokens) and tokens[j].kind == "text":
                    j += 1
                nxt = tokens[j] if j < len(tokens) else None
                rest = tokens[j + 1] if j + 1 < len(tokens) else None
                rest_text = ""
                if nxt is not None and rest is not None and rest.kind == "text":
                    rest_text = rest.text if rest.line == nxt.line else ""
                self._run(tokens[i:j], prev, nxt, rest_text)
                i = j
                continue
            if tok.kind == "head":
                current = self.sections[-1] if self.sections else None
                # the same heading twice with nothing between (INSML010, lines 1310-1311)
                if current is None or current.items or current.kind != tok.text:
                    heading = KNOWLEDGE_HEADINGS[tok.text]
                    self.sections.append(RawSection(tok.text, heading, tok.line))
            elif tok.kind == "num":
                self._number(tok)
            prev = tok
            i += 1
        if self.pending_head:
            raise NosParseError(f"{self.what}: text without an item", tokens[-1].line)
        for old_text, item in self.duplicates:
            if not item.text.startswith(old_text):
                raise NosParseError(
                    f"{self.what}: item number {item.number} appears twice with different text",
                    item.line,
                )
        return self.sections

    def _number(self, tok: _Tok) -> None:
        if self.items and tok.value == self._last_number():
            # the same number again: a truncated copy of the item followed by the full item
            # (INSML028 K16, lines 3502/3504); the later one replaces the earlier.
            old = self.items.pop()
            for section in self.sections:
                if old in section.items:
                    section.items.remove(old)
            self.duplicates.append((old.text, self._new_item(tok.value, tok.line, "")))
        else:
            self._new_item(tok.value, tok.line, "")
        if self.pending_head:
            self.items[-1].parts.insert(0, self.pending_head)
            self.pending_head = ""

    def _run(self, segs: list[_Tok], prev: _Tok | None, nxt: _Tok | None, rest: str) -> None:
        """Share out a run of text fragments between two tokens (``rest``: the text after
        the next token on its line)."""
        texts = [s.text for s in segs]
        after_item = prev is not None and prev.kind == "num"
        last = self._last_number()
        missing: int | None = None
        if nxt is not None and nxt.kind == "num" and nxt.value != last:
            missing = nxt.value - last - 1
        # 1. the first line of the next item, printed before its number
        head_possible = (
            nxt is not None
            and nxt.kind == "num"
            and not nxt.line_start
            and segs[-1].line == nxt.line
            and nxt.value != last
        )
        head = ""
        if head_possible and not after_item and missing == 0:
            head, texts = " ".join(texts), []
        elif head_possible:
            before = " ".join(texts[:-1]) or (self.items[-1].text if after_item else "")
            cut = self._head_cut(segs[-1], texts[-1], before, rest)
            if cut is not None:
                head, texts[-1] = texts[-1][cut:], texts[-1][:cut]
        # 2. the items the numbering says are missing here
        forced = not after_item and any(t.strip() for t in texts)
        need = None if missing is None else missing - (1 if forced else 0)
        bounds = self._boundaries(segs, texts, need, forced, after_item)
        continuation, *pieces = _cut(texts, bounds)
        if continuation:
            if not after_item:
                raise NosParseError(f"{self.what}: text before the first item", segs[0].line)
            first = bounds[0] if bounds else _Boundary(len(segs), 0)
            for k, seg in enumerate(segs[: first.seg + 1]):
                part = texts[k][: first.pos] if k == first.seg else texts[k]
                if part.strip():
                    self._continue(part, seg.line_start, nxt)
        number = last
        for piece, bound in zip(pieces, bounds, strict=True):
            number += 1
            self._new_item(number, segs[bound.seg].line, piece)
        if missing is not None and number != nxt.value - 1:  # type: ignore[union-attr]
            raise NosParseError(
                f"{self.what}: cannot reconcile item numbers: {nxt.value} follows "  # type: ignore[union-attr]
                f"{last} but {number - last} unnumbered item(s) found",
                segs[0].line,
            )
        if head:
            self.pending_head = normalise_space(head)

    def _head_cut(self, seg: _Tok, text: str, before: str, rest: str) -> int | None:
        """Where the first line of the next item begins in the fragment before its number.

        A line that begins with the fragment is that first line when it starts like an item
        ("how to engage people ... other key 1. stakeholders", 534). In a flattened table the
        fragment also holds the end of the previous item; the number was printed late only if
        the words after it continue a sentence (they do not start like an item) or the words
        before it stop mid-phrase ("...objectives including 3. how to develop", 3108). The
        first line is then a full PDF line that starts like an item.
        """
        if seg.line_start and _first_word(text) in self.starters and not dangles(before):
            return 0
        late = _first_word(rest) not in self.starters or dangles(text)
        if not late:
            return None
        cuts = [p for p in _inline_starts(text, self.starters) if len(text) - p >= HEAD_MIN]
        cuts = [p for p in cuts if len(text) - p <= HEAD_MAX]
        if seg.line_start and HEAD_MIN <= len(text) <= HEAD_MAX and not dangles(before):
            return 0
        # an item starting "how ..." / "what ..." first, then the longest first line
        cuts.sort(key=lambda p: (_first_word(text[p:]) not in _INTERROGATIVES, p))
        return cuts[0] if cuts else None

    def _boundaries(
        self, segs: list[_Tok], texts: list[str], need: int | None, forced: bool, after: bool
    ) -> list[_Boundary]:
        bounds = [_Boundary(0, 0)] if forced else []
        if need == 0 or not any(t.strip() for t in texts):
            return bounds
        tiers: dict[str, list[_Boundary]] = {"A": [], "B": [], "C": [], "E": [], "D": []}
        for k, (seg, text) in enumerate(zip(segs, texts, strict=True)):
            if not text.strip():
                continue
            if (k > 0 or after) and seg.line_start and not (k == 0 and forced):
                before = " ".join(texts[:k]) if k else self.items[-1].text
                if seg.bullet:
                    tiers["A"].append(_Boundary(k, 0))
                elif _first_word(text) in self.starters and not dangles(before):
                    tiers["B"].append(_Boundary(k, 0))
                else:
                    tiers["D"].append(_Boundary(k, 0))
            for p in _inline_starts(text, self.starters):
                # "how", "what", "why"... begin items; "the" also follows verbs mid-item
                tier = "C" if _first_word(text[p:]) in _INTERROGATIVES else "E"
                tiers[tier].append(_Boundary(k, p))
        if need is None:  # after the last number of a list: only clear item starts count
            bounds.extend(tiers["A"] + tiers["B"])
            return sorted(bounds, key=lambda b: (b.seg, b.pos))
        chosen: list[_Boundary] = []
        for tier in "ABCED":
            left = need - len(chosen)
            if left <= 0:
                break
            candidates = tiers[tier]
            if len(candidates) > left:
                raise NosParseError(
                    f"{self.what}: {left} unnumbered item(s) expected here but "
                    f"{len(candidates)} equally likely places to start them",
                    segs[candidates[0].seg].line,
                )
            chosen.extend(candidates)
        bounds.extend(chosen)
        return sorted(bounds, key=lambda b: (b.seg, b.pos))

    def _continue(self, text: str, line_start: bool, nxt: _Tok | None) -> None:
        """Append the rest of an item; a fragment on a later line after a complete item may
        belong to the item before it, or repeat words already read."""
        target = self.items[-1]
        text = normalise_space(text)
        if line_start and not dangles(target.text) and len(self.items) >= 2:
            earlier = self.items[-2]
            if dangles(earlier.text) and (nxt is None or nxt.kind != "num"):
                # INSML037: K19's tail "in what format" (4737) is printed after K20 (4735)
                earlier.parts.append(text)
                return
            if len(text.split()) >= 3 and (text in target.text or text in earlier.text):
                # INSML056: "in products and services" (6850) repeats words of PC19/PC20
                return
        target.parts.append(text)


def _cut(texts: list[str], bounds: list[_Boundary]) -> list[str]:
    """Split the fragments at the boundaries: the text before the first one, then one piece
    per boundary (if the first boundary is at the very start the first piece is empty)."""
    pieces = [""]
    for k, text in enumerate(texts):
        here = sorted(b.pos for b in bounds if b.seg == k)
        pos = 0
        for cut in here:
            pieces[-1] += " " + text[pos:cut]
            pieces.append("")
            pos = cut
        pieces[-1] += " " + text[pos:]
    return [normalise_space(p) for p in pieces]


def parse_numbered_list(
    lines: list[tuple[int, str]],
    title: str,
    starters: frozenset[str],
    what: str,
    subheadings: bool = False,
) -> list[RawSection]:
    """Parse the lines of one list (page furniture included) into sections of items."""
    tokenizer = _Tokenizer(title, subheadings)
    for lineno, line in lines:
        tokenizer.feed(lineno, line)
    if not tokenizer.tokens:
        raise NosParseError(f"{what}: no items", lines[0][0] if lines else None)
    return _Builder(tokenizer.tokens, starters, what).build()
