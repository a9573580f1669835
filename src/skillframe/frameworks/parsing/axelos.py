"""Parser for the AXELOS Skills Framework (September 2015) source text.

The source is text extracted from the PDF (see
``src/skillframe/frameworks/data/axelos_skills_framework_2015.txt``). Its layout and every
decision taken on ambiguous or messy text are documented, with source line numbers, in
``docs/axelos-parsing.md``; the skill codes are listed in ``docs/axelos-codes.md``.

Pure Python (standard library only): no Django import here.

Outline of the source and how it is read:

* front matter: ``# Skills Framework``, ``[AXELOS.com](...)``, ``September`` / ``2015``;
* ``# 1 INTRODUCTION`` up to ``## 2 SKILL DEFINITIONS``: the introduction, except the
  ``Level<TAB>Descriptor`` table, which is the five-level scale;
* ``### 2.1 SKILL SUMMARY``: a tab-separated table of family rows (only the first cell filled)
  and skill rows (name, description, five empty level columns); a row may be split over two
  lines (a continuation line starts with an empty cell or a lower-case letter);
* ``## 2.2 ...`` to ``## 2.6 ...``: one section per family. ITSM has sub-group headings written
  as ``##``/``###`` headings in mixed case. Each skill is a block of a heading line and a
  description line (or one line ``<b>HEADING</b> description``), then the header row
  ``1<TAB>2<TAB>3<TAB>4<TAB>5``, then one row of five tab-separated level cells.
"""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass

__all__ = [
    "AxelosFramework",
    "AxelosParseError",
    "Family",
    "Group",
    "LevelDefinition",
    "ScaleLevel",
    "Skill",
    "parse_axelos",
]


class AxelosParseError(ValueError):
    """The text does not have the expected AXELOS layout; the message names the line."""

    def __init__(self, message: str, line: int | None = None) -> None:
        self.line = line
        super().__init__(f"line {line}: {message}" if line is not None else message)


@dataclass(frozen=True)
class ScaleLevel:
    number: int  # 1..5
    name: str  # level name as in the source table, tags stripped, e.g. "Intern /Entry level"
    description: str  # the descriptor sentence(s)


@dataclass(frozen=True)
class LevelDefinition:
    number: int  # 1..5
    headline: str  # the first paragraph of the level cell
    statements: tuple[str, ...]  # the "You can:" statements, in source order, source words


@dataclass(frozen=True)
class Skill:
    code: str  # stable short code, e.g. "PPM-BCD"; see docs/axelos-codes.md
    title: str  # the skill name as written in the 2.1 Skill summary table (sentence case)
    heading: str  # the skill's own heading in its family section, as written (often ALL CAPS)
    description: str  # the description under the heading in the family section
    family: str  # family code, e.g. "PPM"
    group: str | None  # ITSM sub-group code (e.g. "ITSM-ST"); None where the source has none
    levels: tuple[LevelDefinition | None, ...]  # 5 entries; index i is level i+1; None = "–"
    summary: str = ""  # the description given in the 2.1 Skill summary table (extra field)


@dataclass(frozen=True)
class Group:
    code: str
    title: str  # as written, e.g. "IT Service Strategy"


@dataclass(frozen=True)
class Family:
    code: str  # "PPM", "BACM", "ITSM", "BC", "LP"
    title: str  # as written in the 2.1 Skill summary table, e.g. "Leadership and personal"
    groups: tuple[Group, ...]
    skills: tuple[Skill, ...]  # in the order of the family section (source order)


@dataclass(frozen=True)
class AxelosFramework:
    title: str  # "Skills Framework"
    publisher: str  # "AXELOS"
    version: str  # "2015"
    published: str  # "September 2015"
    introduction: str  # the section 1 text (paragraphs joined by "\n\n")
    scale: tuple[ScaleLevel, ...]
    families: tuple[Family, ...]

    def skills(self) -> Iterator[Skill]:
        """All skills, family order then source order."""
        for family in self.families:
            yield from family.skills

    def skill(self, code: str) -> Skill:
        """The skill with this code; KeyError naming the code if there is none."""
        for skill in self.skills():
            if skill.code == code:
                return skill
        raise KeyError(f"no AXELOS skill with code {code!r}")


# --------------------------------------------------------------------------------------------
# Fixed tables (documented in docs/axelos-codes.md and docs/axelos-parsing.md)
# --------------------------------------------------------------------------------------------

# Family code by the family title of the 2.1 summary table (normalized, see _norm).
FAMILY_CODES: dict[str, str] = {
    "project portfolio management": "PPM",
    "business analysis and change management": "BACM",
    "it service management": "ITSM",
    "business and commercial": "BC",
    "leadership and personal": "LP",
}

# Sub-group code by the (normalized) sub-group heading in the family section.
GROUP_CODES: dict[str, str] = {
    "it service strategy": "ITSM-ST",
    "it service design": "ITSM-DE",
    "it service transition": "ITSM-TR",
    "it service operation": "ITSM-OP",
    "relationship management": "ITSM-RM",  # "## Relationship management", line 388
}

# Skill code by (family code, normalized title of the 2.1 summary table).
SKILL_CODES: dict[tuple[str, str], str] = {
    # Project Portfolio Management
    ("PPM", "business case development"): "PPM-BCD",
    ("PPM", "project and programme organization and governance"): "PPM-POG",
    ("PPM", "project and programme planning"): "PPM-PPL",
    ("PPM", "progress monitoring and control"): "PPM-PMC",
    ("PPM", "application of best practice processes, models and tools"): "PPM-ABP",
    ("PPM", "portfolio, programme and project support"): "PPM-PPS",
    ("PPM", "portfolio definition"): "PPM-PFD",
    ("PPM", "portfolio management"): "PPM-PFM",
    ("PPM", "project risk management"): "PPM-PRM",
    ("PPM", "change control and configuration management"): "PPM-CCM",
    ("PPM", "project and programme quality management"): "PPM-PQM",
    ("PPM", "resource and cost estimation"): "PPM-RCE",
    # Business analysis and change management
    ("BACM", "benefits management and realization"): "BACM-BMR",
    ("BACM", "blueprint design"): "BACM-BPD",
    ("BACM", "stakeholder management and communication"): "BACM-SMC",
    ("BACM", "business change management"): "BACM-BCM",
    ("BACM", "process improvement"): "BACM-PRI",
    ("BACM", "requirements/needs identification"): "BACM-RNI",
    ("BACM", "information analysis"): "BACM-IAN",
    ("BACM", "modelling"): "BACM-MOD",
    # IT Service Management
    ("ITSM", "application of best practice processes, methods and tools"): "ITSM-ABP",
    ("ITSM", "architecture design"): "ITSM-ARD",
    ("ITSM", "availability management"): "ITSM-AVM",
    ("ITSM", "business risk management"): "ITSM-BRM",
    ("ITSM", "capacity management"): "ITSM-CPM",
    ("ITSM", "component integration"): "ITSM-CMI",
    ("ITSM", "configuration management"): "ITSM-CFM",
    ("ITSM", "continuity management"): "ITSM-CNM",
    ("ITSM", "incident management"): "ITSM-INM",
    ("ITSM", "innovating"): "ITSM-INN",
    ("ITSM", "information security strategy development"): "ITSM-ISS",
    ("ITSM", "information security management"): "ITSM-ISM",
    ("ITSM", "information and knowledge management"): "ITSM-IKM",
    ("ITSM", "it and business strategy alignment"): "ITSM-BSA",
    ("ITSM", "is governance"): "ITSM-ISG",
    ("ITSM", "it change management"): "ITSM-ICM",
    ("ITSM", "problem management"): "ITSM-PBM",
    ("ITSM", "release management"): "ITSM-RLM",
    ("ITSM", "relationship management"): "ITSM-RSM",
    ("ITSM", "service delivery"): "ITSM-SDL",
    ("ITSM", "service level management"): "ITSM-SLM",
    ("ITSM", "service management policy and procedure design"): "ITSM-SPD",
    ("ITSM", "user support"): "ITSM-USP",
    ("ITSM", "technology trend monitoring"): "ITSM-TTM",
    # Business and commercial
    ("BC", "contract management"): "BC-CTM",
    ("BC", "purchasing"): "BC-PUR",
    ("BC", "financial management"): "BC-FIN",
    ("BC", "resource management"): "BC-RES",
    ("BC", "sales management"): "BC-SAL",
    # Leadership and personal
    ("LP", "leadership and teamwork"): "LP-LTW",
    ("LP", "communication and knowledge sharing"): "LP-CKS",
    ("LP", "negotiation"): "LP-NEG",
    ("LP", "conflict management"): "LP-CNF",
    ("LP", "staff awareness and development"): "LP-SAD",
    ("LP", "quality orientation (attention to detail)"): "LP-QOR",
    ("LP", "business and environmental awareness"): "LP-BEA",
    ("LP", "planning and organization"): "LP-PAO",
}

# Section headings whose words differ from the summary-table name, by (family code,
# normalized heading) -> normalized summary title. Every other heading must equal its summary
# title once normalized (case and spacing).
HEADING_ALIASES: dict[tuple[str, str], str] = {
    # line 156 vs line 68
    ("PPM", "application of ppm best practice processes, models and tools"): (
        "application of best practice processes, models and tools"
    ),
    # line 163 vs line 69
    ("PPM", "portfolio, programme and project support (p30/pmo)"): (
        "portfolio, programme and project support"
    ),
    # line 208 vs line 79
    ("BACM", "benefits management"): "benefits management and realization",
    # line 237 vs line 84
    ("BACM", "requirements identification"): "requirements/needs identification",
    # line 270 vs line 103
    ("ITSM", "information systems (is) governance"): "is governance",
    # line 299 vs line 88
    ("ITSM", "application of itsm best practice processes, methods and tools"): (
        "application of best practice processes, methods and tools"
    ),
    # line 462 ("DETIAL", a typo kept in Skill.heading) vs lines 126/128
    (
        "LP",
        "quality orientation (attention to detial)",
    ): "quality orientation (attention to detail)",
}

# Words that open a "You can:" statement (imperative verbs and the adverbs or adjectives the
# source starts statements with). Used only to split a paragraph where the source ran several
# statements together with single spaces ("You can: Identify ... Monitor ..."), see
# _split_run_on and docs/axelos-parsing.md.
STATEMENT_OPENERS: frozenset[str] = frozenset(
    """
    Accurately Act Actively Adapt Address Adjust Adopt Advise Agree Align Allocate Analyze
    Anticipate Apply Approach Ask Assess Assign Assimilate Assure Audit Authorize Balance
    Baseline Be Benchmark Bring Build Capture Carry Chair Challenge Champion Check Clearly Coach
    Collate Collect Communicate Competently Complete Comply Conduct Confidently Consider
    Construct Contribute Control Convey Coordinate Correlate Create Cultivate Customize Decide
    Define Delegate Deliver Demonstrate Deploy Design Develop Devise Direct Document Draft Drive
    Effectively Embed Engage Ensure Escalate Establish Estimate Evaluate Examine Explain Explore
    Facilitate Factor Focus Follow Foster Gain Gather Get Give Guide Has Help Identify Implement
    Include Incorporate Influence Integrate Interpret Interrogate Introduce Investigate Keep
    Lead List Listen Log Maintain Make Manage Map Measure Minimize Monitor Negotiate Obtain
    Optimize Organize Oversee Perform Place Plan Positively Prepare Present Prioritize Proactive
    Proactively Produce Programme Promote Promptly Provide Provides Raise Rapidly Reach Recognize
    Recommend Record Refer Refocus Report Research Resolve Respect Respond Review Scan Schedule
    Secure Seek Select Set Share Show Specify Stay Structure Suggest Support Systematically
    Tailor Take Think Track Translate Understand Update Use Value Verify Win Work
    """.split()  # noqa: SIM905
)

_MONTHS = frozenset(
    "January February March April May June July August September October November December".split()  # noqa: SIM905
)

_LEVEL_HEADER = re.compile(r"^1\t2\t3\t4\t5\s*$")
_FAMILY_HEADING = re.compile(r"^#{1,3}\s+2\.([2-9])\s+(.+?)\s*$")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*$")
_UNDEFINED = frozenset({"–", "-", "—"})  # en dash (as printed), hyphen (line 154), em dash
_YOU_CAN = "You can:"
_BLOCK_TAG = re.compile(r"</?(?:p|li|ul|ol|br|div)\b[^>]*>", re.IGNORECASE)
_ANY_TAG = re.compile(r"<[^>]+>")
_WIDE_GAP = re.compile(r"\s{3,}")
_WS = re.compile(r"\s+")
_ABBREVIATIONS = frozenset({"e.g.", "i.e.", "e.g.,", "i.e.,", "etc."})


# --------------------------------------------------------------------------------------------
# Small text helpers
# --------------------------------------------------------------------------------------------


def _clean(fragment: str) -> str:
    """Strip tags, decode entities, collapse whitespace. Characters such as – and “ are kept."""
    text = _BLOCK_TAG.sub(" ", fragment)
    text = _ANY_TAG.sub("", text)  # inline tags (<b>, <u>, ...) vanish without a space
    text = html.unescape(text)
    return _WS.sub(" ", text).strip()


def _norm(text: str) -> str:
    """Comparison key: lower case, single spaces."""
    return _WS.sub(" ", text).strip().lower()


def _strip_heading_markup(line: str) -> str:
    """`## X`, `**X**`, `<b>X</b>`, `X<TAB><TAB>` -> `X`."""
    text = line.strip()
    match = _MD_HEADING.match(text)
    if match:
        text = match.group(2)
    if text.startswith("**") and text.endswith("**") and len(text) > 4:
        text = text[2:-2]
    return _clean(text)


def _is_all_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _tags_open(text: str) -> bool:
    """True while a <p>, <li> or <ul> opened in `text` is not closed (row continues)."""
    for tag in ("p", "li", "ul"):
        opened = len(re.findall(rf"<{tag}\b[^>]*>", text, re.IGNORECASE))
        closed = len(re.findall(rf"</{tag}\s*>", text, re.IGNORECASE))
        if opened > closed:
            return True
    return False


# --------------------------------------------------------------------------------------------
# Level cells
# --------------------------------------------------------------------------------------------


def _split_run_on(text: str) -> list[str]:
    """Split a paragraph in which several statements follow one another with single spaces.

    A new statement starts at a word of STATEMENT_OPENERS (capitalized, e.g. "Monitor") when
    it is outside parentheses and the token before it ends a phrase: it ends in a letter, a
    digit, ")", "." or a closing quote; it is not an abbreviation such as "e.g."; and it is
    not a Title-case word ending in a letter (so "Net Present Value" stays whole).
    """
    statements: list[str] = []
    current: list[str] = []
    depth = 0
    for token in text.split(" "):
        if not token:
            continue
        word = token.rstrip(",;:").split("/")[0]  # "Lead/contribute" opens with "Lead"
        if current and depth == 0 and word in STATEMENT_OPENERS:
            previous = current[-1]
            abbreviation = previous.lower() in _ABBREVIATIONS
            ends_phrase = bool(re.search(r"[A-Za-z0-9).\"”’]$", previous)) and not abbreviation
            title_case = (
                previous[-1].isalpha()
                and previous[0].isupper()
                and any(c.islower() for c in previous)
            )
            if ends_phrase and not title_case:
                statements.append(" ".join(current))
                current = []
        current.append(token)
        depth = max(0, depth + token.count("(") - token.count(")"))
    if current:
        statements.append(" ".join(current))
    return statements


def _statements(post: str, line: int, number: int) -> tuple[str, ...]:
    """The statements after "You can:" in a level cell."""
    # Fragments between block tags: each <li> or <p> is one fragment; text run on after
    # "You can:" inside the same <p> (or a cell with no tags at all) is one fragment.
    raw_fragments = _BLOCK_TAG.split(post)
    delimited = bool(_BLOCK_TAG.match(post.lstrip()))
    statements: list[str] = []
    for raw in raw_fragments:
        raw_text = _ANY_TAG.sub("", raw)  # entities are decoded once, by _clean
        if not raw_text.strip():
            continue
        if delimited:
            statements.append(_clean(raw_text))
            continue
        # Run-on paragraph (statements not in their own <p>/<li>).
        pieces = [p for p in _WIDE_GAP.split(raw_text.strip()) if p.strip()]
        if len(pieces) > 1:
            # Wide gaps (runs of spaces) separate the statements; a piece ending with ":"
            # continues in the next piece (line 412, level 5).
            merged: list[str] = []
            for piece in pieces:
                piece = _clean(piece)
                if merged and merged[-1].endswith(":"):
                    merged[-1] = f"{merged[-1]} {piece}"
                else:
                    merged.append(piece)
            statements.extend(merged)
        else:
            statements.extend(_split_run_on(_clean(raw_text)))
        delimited = True  # anything after the first closing tag is delimited again
    if not statements:
        raise AxelosParseError(f"level {number}: no statements after {_YOU_CAN!r}", line)
    return tuple(statements)


def _level(cell: str, number: int, line: int) -> LevelDefinition | None:
    text = cell.strip()
    if text in _UNDEFINED:
        return None
    if not text:
        raise AxelosParseError(f"level {number}: empty cell (expected '–' or a definition)", line)
    pre, sep, post = text.partition(_YOU_CAN)
    if not sep:
        raise AxelosParseError(f"level {number}: no {_YOU_CAN!r} in the level cell", line)
    headline = _clean(pre)
    if not headline:
        raise AxelosParseError(f"level {number}: no headline before {_YOU_CAN!r}", line)
    return LevelDefinition(number, headline, _statements(post, line, number))


# --------------------------------------------------------------------------------------------
# Sections
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _SummaryRow:
    family_title: str
    title: str
    description: str
    line: int


def _find(lines: list[str], pattern: str, start: int = 0) -> int:
    regex = re.compile(pattern)
    for index in range(start, len(lines)):
        if regex.match(lines[index]):
            return index
    raise AxelosParseError(f"expected a line matching {pattern!r} after line {start}")


def _front_matter(lines: list[str], end: int) -> tuple[str, str, str, str]:
    title = publisher = published = version = ""
    for index in range(end):
        line = lines[index].strip()
        if not title and line.startswith("# "):
            title = line[2:].strip()
        match = re.search(r"\[([A-Za-z]+)\.com\]", line)
        if match and not publisher:
            publisher = match.group(1)
        if not published and line in _MONTHS:
            following = [x.strip() for x in lines[index + 1 : end] if x.strip()]
            if following and re.fullmatch(r"\d{4}", following[0]):
                version = following[0]
                published = f"{line} {version}"
    if not (title and publisher and published):
        raise AxelosParseError(
            "front matter: expected '# <title>', '[<publisher>.com](...)' and '<Month>'/'<year>'"
            f" before line {end + 1}"
        )
    return title, publisher, version, published


def _introduction(lines: list[str], start: int, end: int) -> tuple[str, tuple[ScaleLevel, ...]]:
    """Section 1 (lines start..end-1, 0-based): the paragraphs and the scale table."""
    paragraphs: list[str] = []
    block: list[str] = []
    scale: list[ScaleLevel] = []

    def flush() -> None:
        if block:
            joiner = "\n" if all(x.startswith("- ") for x in block) else " "
            paragraphs.append(joiner.join(block))
            block.clear()

    in_scale = False
    for index in range(start, end):
        raw = lines[index]
        line = raw.strip()
        if raw.startswith("Level\tDescriptor"):
            flush()
            in_scale = True
            continue
        if in_scale:
            match = re.match(r"^(\d)\t(.*)$", raw)
            if match:
                cell = match.group(2)
                bold = re.match(r"^\s*<b>(.*?)</b>(.*)$", cell)
                if not bold:
                    raise AxelosParseError(
                        "scale row: expected '<b>level name</b> descriptor'", index + 1
                    )
                scale.append(
                    ScaleLevel(int(match.group(1)), _clean(bold.group(1)), _clean(bold.group(2)))
                )
                continue
            in_scale = False
        if not line or line == "---":
            flush()
            continue
        heading = _MD_HEADING.match(line)
        if heading:
            flush()
            if index != start:  # the "# 1 INTRODUCTION" heading itself is not text
                paragraphs.append(_clean(heading.group(2)))
            continue
        block.append(_clean(line) if not line.startswith("- ") else "- " + _clean(line[2:]))
    flush()
    numbers = [level.number for level in scale]
    if numbers != [1, 2, 3, 4, 5]:
        raise AxelosParseError(
            f"scale: expected levels 1..5 in section 1, found {numbers}", start + 1
        )
    return "\n\n".join(paragraphs), tuple(scale)


def _summary(lines: list[str], start: int, end: int) -> list[_SummaryRow]:
    """Rows of the 2.1 summary table (lines start..end-1, 0-based)."""
    # Gather logical rows: (cells, first line number), merging continuation lines.
    rows: list[tuple[list[str], int]] = []
    for index in range(start, end):
        raw = lines[index]
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in raw.split("\t")]
        if cells[0] == "Skill" or all(c in {"", "1", "2", "3", "4", "5"} for c in cells):
            continue  # the two header rows
        first = cells[0]
        continuation = (not first and any(cells)) or first[:1].islower()
        if continuation:
            if not rows:
                raise AxelosParseError("summary table: continuation line before any row", index + 1)
            previous, line_no = rows[-1]
            width = max(len(previous), len(cells))
            previous += [""] * (width - len(previous))
            for i, cell in enumerate(cells):
                if cell:
                    previous[i] = f"{previous[i]} {cell}".strip()
            continue
        rows.append((cells, index + 1))

    result: list[_SummaryRow] = []
    family = ""
    for cells, line_no in rows:
        name = _clean(cells[0])
        description = _clean(cells[1]) if len(cells) > 1 else ""
        if any(c.strip() for c in cells[2:]):
            raise AxelosParseError("summary table: unexpected text in the level columns", line_no)
        if not description:
            family = name
            continue
        if not family:
            raise AxelosParseError("summary table: skill row before any family row", line_no)
        result.append(_SummaryRow(family, name, description, line_no))
    return result


def _level_row(lines: list[str], index: int) -> tuple[list[str], int, int]:
    """Read the level row starting at/after 0-based `index`.

    Returns (cells, 1-based line of the row, 0-based index after the row). A row whose HTML
    is left open at the end of a line (a cell split by a page break) continues on the next
    non-blank line, joined with one space.
    """
    while index < len(lines) and not lines[index].strip():
        index += 1
    if index >= len(lines):
        raise AxelosParseError(
            "expected a row of five level cells after the level header", len(lines)
        )
    row_line = index + 1
    text = lines[index].rstrip("\n")
    index += 1
    while _tags_open(text):
        while index < len(lines) and not lines[index].strip():
            index += 1
        if index >= len(lines):
            raise AxelosParseError("level row: HTML left open at the end of the text", row_line)
        text = f"{text.rstrip()} {lines[index].strip()}"
        index += 1
    cells = text.strip("\r\n").split("\t")
    if len(cells) != 5:
        raise AxelosParseError(
            f"level row has {len(cells)} tab-separated cells, expected 5", row_line
        )
    return cells, row_line, index


@dataclass
class _RawSkill:
    heading: str
    description: str
    group: str | None
    levels: tuple[LevelDefinition | None, ...]
    line: int


def _family_section(
    lines: list[str], start: int, end: int, family_code: str
) -> tuple[list[Group], list[_RawSkill]]:
    """Skills of one family section (0-based lines start..end-1, start = the heading)."""
    groups: list[Group] = []
    skills: list[_RawSkill] = []
    block: list[tuple[str, int]] = []
    group: str | None = None
    index = start + 1
    while index < end:
        raw = lines[index]
        line = raw.strip()
        if not line or line == "---":
            index += 1
            continue
        heading = _MD_HEADING.match(line)
        if heading and not _is_all_caps(heading.group(2)):
            # Mixed-case markdown heading: an ITSM sub-group (e.g. "### IT Service Strategy").
            if block:
                raise AxelosParseError(
                    f"text {block[0][0]!r} is not followed by a level header", block[0][1]
                )
            title = _clean(heading.group(2))
            code = GROUP_CODES.get(_norm(title))
            if code is None:
                raise AxelosParseError(f"unknown sub-group heading {title!r}", index + 1)
            groups.append(Group(code, title))
            group = code
            index += 1
            continue
        if _LEVEL_HEADER.match(raw):
            if not block:
                raise AxelosParseError("level header without a skill heading before it", index + 1)
            heading_text, description, head_line = _heading_block(block, index + 1)
            cells, row_line, index = _level_row(lines, index + 1)
            levels = tuple(_level(cell, n, row_line) for n, cell in enumerate(cells, start=1))
            skills.append(_RawSkill(heading_text, description, group, levels, head_line))
            block = []
            continue
        block.append((raw, index + 1))
        index += 1
    if block:
        raise AxelosParseError(
            f"text {block[0][0]!r} is not followed by a level header", block[0][1]
        )
    if family_code != "ITSM" and groups:
        raise AxelosParseError(f"sub-group headings in family {family_code}", start + 1)
    return groups, skills


def _heading_block(block: list[tuple[str, int]], header_line: int) -> tuple[str, str, int]:
    """(heading, description, line of heading) from the lines before a level header."""
    if len(block) == 1:
        text, line = block[0]
        match = re.match(r"^\s*(?:<b>(.*?)</b>|\*\*(.*?)\*\*)(.*)$", text)
        if match:
            heading = _clean(match.group(1) or match.group(2) or "")
            description = _clean(match.group(3))
            if heading and description:
                return heading, description, line
        raise AxelosParseError(
            "expected a skill heading and its description before the level header at line "
            f"{header_line}",
            line,
        )
    if len(block) != 2:
        raise AxelosParseError(
            f"expected a skill heading and one description line before the level header at "
            f"line {header_line}, found {len(block)} lines",
            block[0][1],
        )
    (head, head_line), (desc, _) = block
    heading = _strip_heading_markup(head)
    if not heading:
        raise AxelosParseError("empty skill heading", head_line)
    return heading, _clean(desc), head_line


# --------------------------------------------------------------------------------------------
# Entry point
# --------------------------------------------------------------------------------------------


def parse_axelos(text: str) -> AxelosFramework:
    """Parse the AXELOS Skills Framework 2015 source text."""
    lines = text.splitlines()
    intro_start = _find(lines, r"^#\s+1\s+INTRODUCTION\s*$")
    definitions = _find(lines, r"^#{1,3}\s+2\s+SKILL DEFINITIONS\s*$", intro_start)
    summary_start = _find(lines, r"^#{1,3}\s+2\.1\s+SKILL SUMMARY\s*$", definitions)
    title, publisher, version, published = _front_matter(lines, intro_start)
    introduction, scale = _introduction(lines, intro_start, definitions)

    family_starts = [i for i in range(summary_start, len(lines)) if _FAMILY_HEADING.match(lines[i])]
    if not family_starts:
        raise AxelosParseError(
            "no family sections ('## 2.2 ...') after the skill summary", summary_start + 1
        )
    summary_rows = _summary(lines, summary_start + 1, family_starts[0])

    # Summary families, in table order.
    summary_families: list[str] = []
    for row in summary_rows:
        if row.family_title not in summary_families:
            summary_families.append(row.family_title)

    families: list[Family] = []
    used_rows: set[int] = set()
    bounds = [*family_starts, len(lines)]
    for start, end in itertools.pairwise(bounds):
        match = _FAMILY_HEADING.match(lines[start])
        assert match is not None
        section_title = _norm(match.group(2))
        family_title = next(
            (
                f
                for f in summary_families
                if section_title == _norm(f) or section_title.startswith(_norm(f) + " ")
            ),
            None,
        )
        if family_title is None:
            raise AxelosParseError(
                f"family section {match.group(2)!r} matches no family of the summary table",
                start + 1,
            )
        family_code = FAMILY_CODES.get(_norm(family_title))
        if family_code is None:
            raise AxelosParseError(f"no family code for {family_title!r}", start + 1)
        if any(f.code == family_code for f in families):
            raise AxelosParseError(f"second section for family {family_code}", start + 1)
        groups, raw_skills = _family_section(lines, start, end, family_code)

        candidates = {
            _norm(row.title): (i, row)
            for i, row in enumerate(summary_rows)
            if row.family_title == family_title
        }
        skills: list[Skill] = []
        for raw in raw_skills:
            key = _norm(raw.heading)
            key = HEADING_ALIASES.get((family_code, key), key)
            if key not in candidates:
                raise AxelosParseError(
                    f"skill heading {raw.heading!r} matches no {family_title!r} row of the "
                    "2.1 summary table",
                    raw.line,
                )
            row_index, row = candidates[key]
            if row_index in used_rows:
                raise AxelosParseError(
                    f"skill heading {raw.heading!r} matches summary row at line {row.line}, "
                    "already matched",
                    raw.line,
                )
            used_rows.add(row_index)
            code = SKILL_CODES.get((family_code, key))
            if code is None:
                raise AxelosParseError(f"no skill code for {row.title!r}", raw.line)
            skills.append(
                Skill(
                    code=code,
                    title=row.title,
                    heading=raw.heading,
                    description=raw.description,
                    family=family_code,
                    group=raw.group,
                    levels=raw.levels,
                    summary=row.description,
                )
            )
        families.append(Family(family_code, family_title, tuple(groups), tuple(skills)))

    unmatched = [row for i, row in enumerate(summary_rows) if i not in used_rows]
    if unmatched:
        row = unmatched[0]
        raise AxelosParseError(
            f"summary row {row.title!r} has no skill section in family {row.family_title!r}",
            row.line,
        )
    codes = [s.code for f in families for s in f.skills]
    if len(codes) != len(set(codes)):
        raise AxelosParseError("duplicate skill codes")  # cannot happen with SKILL_CODES
    return AxelosFramework(
        title=title,
        publisher=publisher,
        version=version,
        published=published,
        introduction=introduction,
        scale=scale,
        families=tuple(families),
    )
