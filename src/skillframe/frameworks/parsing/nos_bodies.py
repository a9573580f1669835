"""Where the NOS units are: front matter, contents table, unit bodies.

Private helper of :mod:`skillframe.frameworks.parsing.nos`. The URNs are written only in the
contents table. A body is found by its ``Overview`` heading; the title precedes it in only some
units (and repeats as a running page header in some of the others; 15 units never show it), so
bodies are paired with the contents rows in order, and every body that names its unit (a title
line or bare URN before the ``Overview``, else the first running header) anchors the pairing.
A contents row without a body, or a body without a contents row, raises
:class:`NosParseError` naming it (``docs/nos-parsing.md``).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from .nos_text import NosParseError, heading_key, normalise_space

__all__ = ["Body", "assign_bodies", "contents_table", "find_bodies", "front_matter"]

_MONTH_YEAR_RE = re.compile(
    r"\b((?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December)\s+\d{4})\b"
)
_CONTENTS_ROW_RE = re.compile(r"^\s*([A-Z]{2,}[A-Z0-9]*\d{3})\s*\t\s*(\S.*?)\s*$")
_URN_LINE_RE = re.compile(r"^\s*([A-Z]{2,}[A-Z0-9]*\d{3})\s*$")


@dataclass
class Body:
    """The lines of one unit body, from its Overview heading to the next unit's first line."""

    overview: int  # index of the Overview line
    end: int  # index after the last line
    evidence: str | None  # the URN named by a title or bare URN in the body, if any
    evidence_line: int


def front_matter(lines: list[str]) -> tuple[str, str]:
    nonblank = [(i, normalise_space(ln)) for i, ln in enumerate(lines) if ln.strip()]
    if not nonblank:
        raise NosParseError("empty text", 1)
    title = nonblank[0][1]
    for i, line in nonblank[1:6]:
        if "national occupational standards" in line.casefold():
            match = _MONTH_YEAR_RE.search(line)
            if match:
                return title, match.group(1)
            raise NosParseError("no publication month and year in the NOS line", i + 1)
    raise NosParseError("expected 'National Occupational Standards (NOS) <Month Year>'", 2)


def contents_table(lines: list[str]) -> tuple[dict[str, str], int]:
    """The contents table: URN -> title, in order; and the index of the first body line."""
    start = next(
        (i for i, ln in enumerate(lines) if heading_key(ln) == "urn nos title"),
        None,
    )
    if start is None:
        raise NosParseError("no contents table (expected 'URN<TAB>NOS Title')", 1)
    contents: dict[str, str] = {}
    i = start + 1
    while i < len(lines):
        line = lines[i]
        if line.strip():
            match = _CONTENTS_ROW_RE.match(line)
            if not match:
                break
            urn, title = match.group(1), normalise_space(match.group(2))
            if urn in contents:
                raise NosParseError(f"URN {urn} listed twice in the contents table", i + 1)
            contents[urn] = title
        i += 1
    if not contents:
        raise NosParseError("the contents table is empty", start + 1)
    return contents, i


def _title_urn(line: str, contents: dict[str, str], by_title: dict[str, str]) -> str | None:
    """The URN whose title (or which URN itself) the line is, if any."""
    if not line.strip():
        return None
    match = _URN_LINE_RE.match(line)
    if match and match.group(1) in contents:
        return match.group(1)
    return by_title.get(heading_key(line))


def find_bodies(lines: list[str], contents: dict[str, str], body_start: int) -> list[Body]:
    by_title = {heading_key(title): urn for urn, title in contents.items()}
    overviews = [i for i in range(body_start, len(lines)) if heading_key(lines[i]) == "overview"]
    if not overviews:
        raise NosParseError("no unit body (no 'Overview' heading) after the contents", body_start)
    starts: list[int] = []
    evidence: list[tuple[str | None, int]] = []
    for ov in overviews:
        first, found, where = ov, None, ov
        j = ov - 1
        while j >= body_start:
            line = lines[j]
            if line.strip():
                urn = _title_urn(line, contents, by_title)
                if urn is None:
                    break
                if found is None or _URN_LINE_RE.match(line) is None:
                    found, where = urn, j
                first = j
            j -= 1
        if j >= body_start and "\t" not in lines[j]:
            raise NosParseError(
                f"body unit {normalise_space(lines[j])!r} has no URN in the contents table "
                f"(its Overview is at line {ov + 1})",
                j + 1,
            )
        starts.append(first)
        evidence.append((found, where))
    bodies = []
    for k, ov in enumerate(overviews):
        end = starts[k + 1] if k + 1 < len(overviews) else len(lines)
        found, where = evidence[k]
        if found is None:  # no title before the Overview: a running header may name it
            for j in range(ov + 1, end):
                urn = _title_urn(lines[j], contents, by_title)
                if urn is not None:
                    found, where = urn, j
                    break
        bodies.append(Body(ov, end, found, where + 1))
    return bodies


def assign_bodies(bodies: list[Body], contents: dict[str, str]) -> list[tuple[Body, str]]:
    """Pair bodies with contents rows in order; every body that names its unit must agree."""
    urns = list(contents)
    position = {urn: k for k, urn in enumerate(urns)}
    anchors = [(b, position[b.evidence]) for b in bodies if b.evidence is not None]
    for (b1, p1), (b2, p2) in itertools.pairwise(anchors):
        if p2 <= p1:
            raise NosParseError(
                f"unit {urns[p2]} appears in the body after {urns[p1]} (line "
                f"{b1.evidence_line}); the contents table has the opposite order",
                b2.evidence_line,
            )
    result: list[tuple[Body, str]] = []
    k = 0  # index into bodies
    slot = 0  # index into contents
    for anchor_body, anchor_pos in [*anchors, (None, len(urns))]:
        free = []
        while k < len(bodies) and bodies[k] is not anchor_body:
            free.append(bodies[k])
            k += 1
        slots = urns[slot:anchor_pos]
        if len(free) < len(slots):
            line = (
                free[0].overview + 1
                if free
                else (anchor_body.overview + 1 if anchor_body is not None else len(bodies))
            )
            names = ", ".join(f"{u} {contents[u]!r}" for u in slots)
            how = (
                "not found in the body"
                if not free
                else (f"not all found in the body ({len(slots) - len(free)} missing)")
            )
            raise NosParseError(f"contents unit(s) {names} {how}", line)
        if len(free) > len(slots):
            extra = free[len(slots)]
            raise NosParseError(
                "body unit has no URN in the contents table (more bodies than contents rows here)",
                extra.overview + 1,
            )
        result.extend(zip(free, slots, strict=True))
        if anchor_body is not None:
            result.append((anchor_body, urns[anchor_pos]))
            k += 1
        slot = anchor_pos + 1
    return result
