"""Parser for the National Occupational Standards, Management and Leadership (April 2021).

The source is text extracted from the PDF
(``src/skillframe/frameworks/data/nos_management_leadership_2021.txt``). Every decision taken
on ambiguous or messy text is documented, with source line numbers, in ``docs/nos-parsing.md``.

Pure Python (standard library only): no Django import here.

Outline of the source and how it is read:

* front matter: the suite title, "National Occupational Standards (NOS) April 2021", the
  publisher's address;
* the contents table ``URN<TAB>NOS Title``, one ``INSML001<TAB>title`` row per unit: the only
  place where the URNs are written;
* 58 unit bodies, each: (title) ``Overview`` paragraphs, ``Performance criteria`` list,
  ``Knowledge and understanding`` lists under up to three section headings, a ``Skills`` list
  (headed "Behaviours" once, unheaded in seven units) and the tab-separated metadata table.
  The title precedes the ``Overview`` in only some units and repeats as a running page header,
  so bodies are found by their ``Overview`` heading and matched to the contents rows in order;
  every title that is present (before the ``Overview`` or as a running header) must agree.

The numbered lists are read by :mod:`.nos_items`, the metadata by :mod:`.nos_meta`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from .nos_bodies import Body, assign_bodies, contents_table, find_bodies, front_matter
from .nos_items import RawSection, item_starters, parse_numbered_list
from .nos_meta import parse_metadata
from .nos_text import (
    KNOWLEDGE_HEADINGS,
    NosParseError,
    clean_line,
    heading_key,
    is_page_furniture,
    normalise_space,
    strip_left_column,
)

__all__ = [
    "KnowledgeKind",
    "KnowledgeSection",
    "NosMetadata",
    "NosParseError",
    "NosSuite",
    "NosUnit",
    "NumberedItem",
    "parse_nos",
]

KnowledgeKind = Literal["general", "industry", "context"]


@dataclass(frozen=True)
class NumberedItem:
    number: int  # the item number as in the source (an unnumbered item: its position)
    text: str  # source words, number and page furniture removed, page-break splits joined


@dataclass(frozen=True)
class KnowledgeSection:
    kind: KnowledgeKind
    heading: str  # exact heading; "" where the source has none (INSML011)
    items: tuple[NumberedItem, ...]  # K numbering continues across sections as in the source


@dataclass(frozen=True)
class NosMetadata:
    developed_by: str
    version_number: str
    date_approved: str
    indicative_review_date: str
    validity: str
    status: str
    originating_organisation: str
    original_urns: tuple[str, ...]  # "Original URN" split on ","
    relevant_occupations: tuple[str, ...]  # split on ";" (the source never lists several)
    suite: str
    keywords: tuple[str, ...]  # split on ";", trimmed
    fields: tuple[tuple[str, str], ...]  # every row of the table as in the source, in order


@dataclass(frozen=True)
class NosUnit:
    urn: str
    title: str
    overview: str  # paragraphs joined by "\n\n"
    performance_criteria: tuple[NumberedItem, ...]
    knowledge: tuple[KnowledgeSection, ...]
    skills: tuple[str, ...]
    metadata: NosMetadata


@dataclass(frozen=True)
class NosSuite:
    title: str
    publisher: str
    published: str
    units: tuple[NosUnit, ...]

    def unit(self, urn: str) -> NosUnit:
        for unit in self.units:
            if unit.urn == urn:
                return unit
        raise KeyError(f"no NOS unit {urn!r} in {self.title}")


_SKILL_RE = re.compile(r"^\s*(?:[-•–]\s+)?(\d{1,3})\.?\s+(\S.*)$")
_IMPLICIT_SKILLS_RE = re.compile(r"^\s*(?:[-•–]\s+)?1\.\s+[A-Z]")
_K_STARTERS = frozenset(["how", "the", "what", "why", "when", "where", "who", "your"])
_PC_LEAD_IN = frozenset({"", "performance criteria", "you must be able to:"})
_K_LEAD_IN = frozenset(
    {
        "knowledge and understanding",
        "knowledge and",
        "understanding",
        "you need to know and",
        "you need to know and understand:",
        "understand:",
    }
)


def parse_nos(text: str) -> NosSuite:
    """Parse the whole NOS source text."""
    lines = [clean_line(raw) for raw in text.split("\n")]
    title, published = front_matter(lines)
    contents, body_start = contents_table(lines)
    bodies = find_bodies(lines, contents, body_start)
    assigned = assign_bodies(bodies, contents)
    regions = [_regions(lines, body, urn, contents[urn]) for body, urn in assigned]
    pc_starters = item_starters([ln for r in regions for ln in r["pc"]])
    k_starters = item_starters([ln for r in regions for ln in r["k"]]) | _K_STARTERS
    units = tuple(
        _unit(urn, contents[urn], region, pc_starters, k_starters)
        for (_, urn), region in zip(assigned, regions, strict=True)
    )
    developers = {u.metadata.developed_by for u in units}
    publisher = developers.pop() if len(developers) == 1 else ""
    return NosSuite(title=title, publisher=publisher, published=published, units=units)


# -- one unit --------------------------------------------------------------------------------


def _regions(
    lines: list[str], body: Body, urn: str, title: str
) -> dict[str, list[tuple[int, str]]]:
    """Cut a body into overview, performance criteria, knowledge, skills, metadata lines."""
    span = range(body.overview + 1, body.end)

    def find(start: int, test: object, what: str, required: bool = True) -> int | None:
        for i in range(start, body.end):
            if test(lines[i]):  # type: ignore[operator]
                return i
        if required:
            raise NosParseError(f"{urn}: no {what} found in the unit", body.overview + 1)
        return None

    pc = find(span.start, lambda ln: heading_key(ln).startswith("performance criteria"), "PC")
    assert pc is not None
    ku = find(pc + 1, _is_knowledge_heading, "'Knowledge and understanding' heading")
    assert ku is not None
    meta = find(ku + 1, lambda ln: heading_key(ln).startswith("developed by"), "metadata table")
    assert meta is not None
    skills = find(
        ku + 1, lambda ln: heading_key(ln) in ("skills", "behaviours"), "Skills", required=False
    )
    if skills is None or skills > meta:
        skills = meta
        seen_item = False
        for i in range(ku + 1, meta):
            text, _ = strip_left_column(lines[i])
            if seen_item and _IMPLICIT_SKILLS_RE.match(text):
                skills = i  # a list restarting at "1. Capitalised": the unheaded skills list
                break
            if re.search(r"\d\.?\s", text):
                seen_item = True
    ku_start = ku
    while ku_start < skills and heading_key(strip_left_column(lines[ku_start])[0]) in _K_LEAD_IN:
        ku_start += 1
    pc_start = pc
    while pc_start < ku and heading_key(lines[pc_start]) in _PC_LEAD_IN:
        pc_start += 1

    def numbered(a: int, b: int) -> list[tuple[int, str]]:
        return [(i + 1, lines[i]) for i in range(a, b)]

    return {
        "title": [(0, title)],
        "overview": numbered(span.start, pc),
        "pc": numbered(pc_start, ku),
        "k": numbered(ku_start, skills),
        "skills": numbered(skills, meta),
        "meta": numbered(meta, body.end),
        "at": [(body.overview + 1, "")],
    }


def _is_knowledge_heading(line: str) -> bool:
    key = heading_key(strip_left_column(line)[0] if "\t" in line else line)
    key = key or heading_key(line)
    return key.startswith("knowledge and understanding") or key == "knowledge and"


def _unit(
    urn: str,
    title: str,
    region: dict[str, list[tuple[int, str]]],
    pc_starters: frozenset[str],
    k_starters: frozenset[str],
) -> NosUnit:
    overview = _overview(region["overview"], title, urn, region["at"][0][0])
    pc_sections = parse_numbered_list(
        region["pc"], title, pc_starters, f"{urn} performance criteria", subheadings=True
    )
    pcs = tuple(NumberedItem(i.number, i.text) for s in pc_sections for i in s.items)
    _check_sequence(pcs, urn, "performance criteria", region["pc"][0][0])
    knowledge = _knowledge(
        parse_numbered_list(region["k"], title, k_starters, f"{urn} knowledge"), urn
    )
    _check_sequence(
        tuple(i for s in knowledge for i in s.items), urn, "knowledge", region["k"][0][0]
    )
    skills = _skills(region["skills"], title, urn)
    meta = parse_metadata([(n, ln) for n, ln in region["meta"]], urn)
    v = meta.values
    metadata = NosMetadata(
        developed_by=v["developed_by"],
        version_number=v["version_number"],
        date_approved=v["date_approved"],
        indicative_review_date=v["indicative_review_date"],
        validity=v["validity"],
        status=v["status"],
        originating_organisation=v["originating_organisation"],
        original_urns=_split(v["original_urn"], ","),
        relevant_occupations=_split(v["relevant_occupations"], ";"),
        suite=v["suite"],
        keywords=_split(v["keywords"], ";"),
        fields=meta.fields,
    )
    return NosUnit(urn, title, overview, pcs, knowledge, skills, metadata)


def _split(value: str, separator: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(separator) if part.strip())


def _check_sequence(items: tuple[NumberedItem, ...], urn: str, what: str, line: int) -> None:
    numbers = [i.number for i in items]
    if numbers != list(range(1, len(numbers) + 1)):
        raise NosParseError(f"{urn}: {what} numbered {numbers}, expected 1..{len(numbers)}", line)
    for item in items:
        if not item.text:
            raise NosParseError(f"{urn}: {what} item {item.number} has no text", line)


def _overview(lines: list[tuple[int, str]], title: str, urn: str, at: int) -> str:
    paragraphs: list[str] = []
    joinable = False
    for _, line in lines:
        if is_page_furniture(line, title):
            joinable = bool(paragraphs)
            continue
        text = normalise_space(line)
        # the running header glued to the end of the last paragraph (3560, 5336)
        if text.endswith(" " + title) and text != title:
            text = text[: -len(title) - 1].rstrip()
        if joinable and paragraphs and paragraphs[-1][-1:] not in ".!?:" and text[:1].islower():
            paragraphs[-1] += " " + text  # a paragraph split by a page break
        else:
            paragraphs.append(text)
        joinable = True
    if not paragraphs:
        raise NosParseError(f"{urn}: the Overview is empty", at)
    return "\n\n".join(paragraphs)


def _knowledge(sections: list[RawSection], urn: str) -> tuple[KnowledgeSection, ...]:
    result = []
    for k, section in enumerate(sections):
        if not section.items:
            raise NosParseError(
                f"{urn}: K&U section {section.heading!r} has no items", section.line
            )
        kind = section.kind or "general"
        if not section.kind and k:
            raise NosParseError(f"{urn}: K&U items without a section heading", section.line)
        if kind not in KNOWLEDGE_HEADINGS:
            raise NosParseError(f"{urn}: unknown K&U section {kind!r}", section.line)
        items = tuple(NumberedItem(i.number, i.text) for i in section.items)
        result.append(KnowledgeSection(kind, section.heading, items))  # type: ignore[arg-type]
    return tuple(result)


def _skills(lines: list[tuple[int, str]], title: str, urn: str) -> tuple[str, ...]:
    skills: list[str] = []
    for lineno, line in lines:
        if is_page_furniture(line, title) or heading_key(line) in ("skills", "behaviours"):
            continue
        match = _SKILL_RE.match(line)
        if match is None:
            if not skills:
                raise NosParseError(f"{urn}: unexpected text before the skills list", lineno)
            skills[-1] = f"{skills[-1]} {normalise_space(line)}"
            continue
        number = int(match.group(1))
        if number != len(skills) + 1:
            raise NosParseError(
                f"{urn}: skill number {number} where {len(skills) + 1} was expected", lineno
            )
        skills.append(normalise_space(match.group(2)))
    return tuple(skills)
