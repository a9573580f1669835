"""Read a Moodle competency-framework CSV (tool_lpimportcsv) into a FrameworkSpec.

Accepts what Moodle's exporter writes and what people make of it: headers in any order, in
the current or older English wording or as Moodle's field names (matched case-insensitively,
ignoring punctuation); headers Moodle does not know (a localised export) are taken by position,
as Moodle's own import form does, when the known ones are in Moodle's column order. UTF-8 with
or without BOM, CRLF, `,` or `;`. Like Moodle, parents may come after their children: the
document order is the tree walked from the top in file order. docs/formats.md has the mapping.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any, BinaryIO

from skillframe.frameworks.formats.base import FormatError, Problem
from skillframe.frameworks.formats.moodle_keep import (
    HTML_FORMATS,
    element_metadata,
    framework_metadata,
    kept_description,
    kept_of,
)
from skillframe.frameworks.spec import ElementSpec, FrameworkSpec, ScaleLevelSpec
from skillframe.importing.cells import from_csv_cell
from skillframe.importing.spreadsheets import csv_rows

# Moodle's 14 columns in its order (framework_importer::list_required_headers), with the
# exporter's header texts (lang/en/tool_lpimportcsv.php).
HEADERS = {
    "parentidnumber": "Parent ID number",
    "idnumber": "ID number",
    "shortname": "Short name",
    "description": "Description",
    "descriptionformat": "Description format",
    "scalevalues": "Scale values",
    "scaleconfiguration": "Scale configuration",
    "ruletype": "Rule type (optional)",
    "ruleoutcome": "Rule outcome (optional)",
    "ruleconfig": "Rule config (optional)",
    "relatedidnumbers": "Cross-referenced competency ID numbers",
    "exportid": "Exported ID (optional)",
    "isframework": "Is framework",
    "taxonomy": "Taxonomy",
}
FIELDS = tuple(HEADERS)
REQUIRED = ("parentidnumber", "idnumber", "shortname", "isframework")
# Normalised header text → field: the field names, older Moodle wordings ("Shortname",
# "Cross referenced competency id numbers", "Exported id (optional)") and plain synonyms.
ALIASES = {
    "crossreferencedcompetencyidnumbers": "relatedidnumbers",
    "relatedcompetencies": "relatedidnumbers",
    "exportedid": "exportid",
    "taxonomies": "taxonomy",
    "parent": "parentidnumber",
    "parentid": "parentidnumber",
    "name": "shortname",
    "framework": "isframework",
}
# Moodle's taxonomy terms (core_competency\competency_framework::TAXONOMY_*).
TAXONOMIES = (
    "behaviour",
    "competency",
    "concept",
    "domain",
    "indicator",
    "level",
    "outcome",
    "practice",
    "proficiency",
    "skill",
    "value",
)
# FORMAT_MOODLE, FORMAT_HTML, FORMAT_PLAIN, FORMAT_MARKDOWN (Moodle's text formats).
TEXT_FORMATS = {"0": "Moodle auto-format", "1": "HTML", "2": "plain text", "4": "Markdown"}
SHORTNAME_MAX = 100  # the importer cuts short names and ID numbers to 100 characters
FALSE = {"", "0", "false", "no"}


def normalise_header(text: str) -> str:
    text = re.sub(r"\(optional\)", "", text.strip().lower())
    return re.sub(r"[^a-z0-9]", "", text)


def shorten(text: str, limit: int = SHORTNAME_MAX) -> str:
    """One line of at most `limit` characters, cut at a word with "…" when it is longer."""
    line = " ".join(text.split())
    if len(line) <= limit:
        return line
    cut = line[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "…"


def written_texts(code: str, title: str, statement: str) -> tuple[str, str]:
    """(short name, description) our export writes for an element: Moodle's short name holds
    100 characters; the description takes the full text so that no words are lost."""
    if not title.strip() and not statement.strip():
        return code, ""  # Moodle skips a competency without a short name (and its subtree)
    if statement:
        return shorten(title or statement), statement
    short = shorten(title)
    return short, title if short != title else ""


def title_from(shortname: str, statement: str) -> str:
    """The title an imported short name gives: none when it is only the statement shortened
    (what our export writes for an element without a title)."""
    shortname = shortname.strip()
    return "" if statement and shortname == shorten(statement) else shortname


def description_html(metadata: dict[str, Any], statement: str) -> str | None:
    """The sanitised HTML description of an element imported from Moodle, while its text is
    still the element's statement; None otherwise (pages then show the plain statement)."""
    kept = kept_of(metadata)
    text_format = kept.get("descriptionformat", "")
    html = kept.get("description")
    if html is None or text_format not in HTML_FORMATS:
        return None
    if description_text(html, text_format) != statement:
        return None
    return kept_description(html, text_format)


class _Text(HTMLParser):
    """HTML as the text a reader sees: tags dropped, blocks and <br> on their own lines."""

    BLOCKS = frozenset({"p", "div", "br", "li", "ul", "ol", "tr", "h1", "h2", "h3", "h4", "h5"})

    def __init__(self, *, newlines_are_breaks: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        # In HTML a line break in the source is just a space; Moodle auto-format keeps it.
        self.newlines_are_breaks = newlines_are_breaks

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data if self.newlines_are_breaks else data.replace("\n", " "))

    def text(self) -> str:
        lines = ("".join(self.parts)).split("\n")
        return "\n".join(" ".join(line.split()) for line in lines if line.strip())


def description_text(description: str, text_format: str) -> str:
    if text_format in {"2", "4"}:  # plain text and Markdown are text already
        return description
    parser = _Text(newlines_are_breaks=text_format != "1")
    parser.feed(description)
    parser.close()
    return parser.text()


@dataclass
class _Row:
    number: int
    cells: dict[str, str]

    def get(self, name: str) -> str:
        return self.cells.get(name, "")


@dataclass
class _Reader:
    problems: list[Problem] = field(default_factory=list)
    columns: dict[int, str] = field(default_factory=dict)  # cell index → field

    def problem(self, row: _Row | int, name: str, value: str, message: str) -> None:
        number = row.number if isinstance(row, _Row) else row
        column = HEADERS.get(name, name)
        self.problems.append(Problem(f"row {number}", column, value, message))

    def header(self, number: int, cells: list[str]) -> None:
        known = {normalise_header(text): key for key, text in HEADERS.items()}
        known |= {key: key for key in FIELDS} | ALIASES
        unknown: list[int] = []
        for index, text in enumerate(cells):
            key = known.get(normalise_header(text))
            if key is None:
                unknown.append(index)
            elif key in self.columns.values():
                self.problem(number, key, text, "duplicate column")
            else:
                self.columns[index] = key
        in_moodle_order = all(FIELDS.index(key) == index for index, key in self.columns.items())
        if in_moodle_order:  # a localised Moodle export: fill the gaps by position
            for index in unknown:
                if index < len(FIELDS) and FIELDS[index] not in self.columns.values():
                    self.columns[index] = FIELDS[index]
        for key in REQUIRED:
            if key not in self.columns.values():
                self.problem(number, key, ", ".join(cells), "required column is missing")

    def row(self, number: int, cells: list[str]) -> _Row:
        return _Row(
            number, {key: cells[index] for index, key in self.columns.items() if index < len(cells)}
        )


def load(data: BinaryIO, *, slug: str | None = None) -> FrameworkSpec:
    reader = _Reader()
    # Cells as they were before our export made them formula-safe (to_csv_cell).
    rows_iter = ((number, [from_csv_cell(c) for c in cells]) for number, cells in csv_rows(data))
    first = next(rows_iter, None)
    if first is None:
        raise FormatError([Problem("row 1", "", "", "the file is empty: no header row")])
    reader.header(*first)
    if reader.problems:
        raise FormatError(reader.problems)
    frameworks: list[_Row] = []
    competencies: list[_Row] = []
    for number, cells in rows_iter:
        row = reader.row(number, cells)
        if row.get("isframework").strip().lower() in FALSE:
            competencies.append(row)
        else:
            frameworks.append(row)
    if not frameworks:
        reader.problem(1, "isframework", "", "no framework row (a row with Is framework = 1)")
    for extra in frameworks[1:]:
        message = f"more than one framework row (the first is row {frameworks[0].number})"
        reader.problem(extra, "isframework", extra.get("isframework"), message)
    framework = frameworks[0] if frameworks else None
    taxonomies = _taxonomies(reader, framework) if framework else []
    elements = _elements(reader, competencies, taxonomies)
    scale = _scale(reader, framework) if framework else ()
    if reader.problems or framework is None:
        raise FormatError(reader.problems)
    final_slug = slug or slug_of(framework.get("idnumber") or framework.get("shortname"))
    title = framework.get("shortname").strip() or framework.get("idnumber").strip()
    return FrameworkSpec(
        slug=final_slug,
        title=title,
        description=_description(reader, framework),
        metadata=framework_metadata(framework.cells, final_slug, title),
        scale=scale,
        elements=elements,
    )


def slug_of(text: str) -> str:
    """The slug a Moodle ID number (or short name) gives."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:64].rstrip("-")


def _description(reader: _Reader, row: _Row) -> str:
    text_format = row.get("descriptionformat").strip()
    if text_format and text_format not in TEXT_FORMATS:
        known = ", ".join(f"{code} = {name}" for code, name in TEXT_FORMATS.items())
        reader.problem(row, "descriptionformat", text_format, f"unknown text format ({known})")
    return _statement(row)


def _statement(row: _Row) -> str:
    text_format = row.get("descriptionformat").strip()
    if text_format and text_format not in TEXT_FORMATS:
        return row.get("description")
    # HTML is sanitised first, so the statement is the text of the markup we keep.
    return description_text(kept_description(row.get("description"), text_format), text_format)


def _taxonomies(reader: _Reader, row: _Row) -> list[str]:
    terms = [term.strip() for term in row.get("taxonomy").split(",")]
    for term in terms:
        if term and term not in TAXONOMIES:
            message = f"not a Moodle taxonomy term ({', '.join(TAXONOMIES)})"
            reader.problem(row, "taxonomy", term, message)
    return terms if any(terms) else []


def _scale(reader: _Reader, row: _Row) -> tuple[ScaleLevelSpec, ...]:
    configuration = row.get("scaleconfiguration").strip()
    if configuration:
        try:
            parsed = json.loads(configuration)
        except json.JSONDecodeError as exc:
            parsed = None
            reader.problem(row, "scaleconfiguration", configuration, f"not JSON: {exc.msg}")
        else:
            if not (isinstance(parsed, list) and parsed and isinstance(parsed[0], dict)):
                message = 'not a Moodle scale configuration ([{"scaleid": …}, {"id": …}, …])'
                reader.problem(row, "scaleconfiguration", configuration, message)
    values = [value.strip() for value in row.get("scalevalues").split(",")]
    if not any(values):
        return ()
    for value in values:
        if not value:
            reader.problem(row, "scalevalues", row.get("scalevalues"), "empty scale value")
    return tuple(ScaleLevelSpec(number, name) for number, name in enumerate(values, start=1))


def _elements(reader: _Reader, rows: list[_Row], taxonomies: list[str]) -> tuple[ElementSpec, ...]:
    by_code: dict[str, _Row] = {}
    for row in rows:
        code = row.get("idnumber").strip()
        if not code:
            reader.problem(row, "idnumber", "", "empty ID number")
        elif code in by_code:
            first = by_code[code].number
            reader.problem(row, "idnumber", code, f"duplicate ID number (first at row {first})")
        else:
            by_code[code] = row
        if len(code) > SHORTNAME_MAX:
            reader.problem(row, "idnumber", code, f"longer than {SHORTNAME_MAX} characters")
        if not row.get("shortname").strip():
            reader.problem(row, "shortname", "", "empty short name (Moodle would skip the row)")
        _description(reader, row)  # reports an unknown text format
    children: dict[str, list[_Row]] = {}
    related: dict[str, list[str]] = {}
    for code, row in by_code.items():
        parent = row.get("parentidnumber").strip()
        if parent and parent not in by_code:
            reader.problem(row, "parentidnumber", parent, "unknown parent ID number")
        children.setdefault(parent, []).append(row)
        related[code] = _related(reader, row, by_code)
    placed = list(_walk(reader, children, "", None, 1, taxonomies, related))
    reached = {element.code for element in placed}
    for code, row in by_code.items():
        parent = row.get("parentidnumber").strip()
        if code not in reached and (not parent or parent in by_code):
            message = "not under the framework: the parent ID numbers form a cycle"
            reader.problem(row, "parentidnumber", parent, message)
    return tuple(placed)


def _related(reader: _Reader, row: _Row, by_code: dict[str, _Row]) -> list[str]:
    """The cross-referenced ID numbers of a competency, as given; unknown ones are refused
    (like an unknown parent: the reference would be lost)."""
    codes = [code.strip() for code in row.get("relatedidnumbers").split(",") if code.strip()]
    for code in codes:
        if code not in by_code:
            message = "unknown cross-referenced ID number"
            reader.problem(row, "relatedidnumbers", code, message)
    return codes


def _walk(
    reader: _Reader,
    children: dict[str, list[_Row]],
    code: str,
    parent: str | None,
    depth: int,
    taxonomies: list[str],
    related: dict[str, list[str]],
) -> Iterator[ElementSpec]:
    """Pre-order from the top, children in file order (Moodle's add_children)."""
    kind = (taxonomies[depth - 1] if depth <= len(taxonomies) else "") or "competency"
    for row in children.get(code, []):
        child = row.get("idnumber").strip()
        statement = _statement(row)
        # Our export puts the statement, shortened, in the short name of an element with no
        # title: that short name is not a title of its own.
        title = title_from(row.get("shortname"), statement)
        metadata = element_metadata(
            row.cells,
            (row.get("shortname"), row.get("description")),
            written_texts(child, title, statement),
            related.get(child, []),
        )
        yield ElementSpec(child, kind, parent, title=title, statement=statement, metadata=metadata)
        yield from _walk(reader, children, child, child, depth + 1, taxonomies, related)
