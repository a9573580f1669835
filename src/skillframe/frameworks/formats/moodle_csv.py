"""Moodle's competency-framework CSV, as admin/tool/lpimportcsv imports and exports it.

Fourteen columns (moodle_load.HEADERS); one row marked "Is framework" carries the framework and
its scale, then one row per competency linked to its parent by ID number. Mapping (the full
table and what Moodle cannot hold are in docs/formats.md):

- framework: ID number = slug, short name = title, description = description (plain text),
  scale values = our scale level names, scale configuration = JSON marking the default and the
  proficient values, taxonomy = one Moodle term per tree depth, from our element kinds;
- element: parent ID number = parent code, ID number = code, short name = title (or, with no
  title, the statement shortened to Moodle's 100 characters), description = the statement in
  full (or the title, when only a shortened title fits in the short name), format plain text;
  an element with neither title nor statement gets its code as short name (Moodle needs one).

Related elements (`metadata["related"]`) are the cross-referenced ID numbers. A framework
imported from Moodle gets back the cells it came with while they still hold (moodle_keep.py:
ID number as given, HTML descriptions, short names, rules, exported ids). Kinds (beyond the
per-depth taxonomy), levels, other metadata, UUIDs and the framework's other fields have no
column in Moodle and are not written. Every cell is formula-safe (to_csv_cell). Reading is in
moodle_load.py.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from typing import Any, BinaryIO

from skillframe.frameworks.formats.moodle_keep import ROW_DEFAULTS, kept_of, related_of
from skillframe.frameworks.formats.moodle_load import (
    HEADERS,
    TAXONOMIES,
    description_text,
    load,
    shorten,
    slug_of,
    title_from,
    written_texts,
)
from skillframe.frameworks.kinds import ElementKind
from skillframe.frameworks.spec import ElementSpec, FrameworkSpec, ScaleLevelSpec
from skillframe.importing.cells import to_csv_cell

PLAIN_TEXT = "2"  # Moodle's FORMAT_PLAIN: descriptions are shown exactly as written
# Moodle's default competency scale, used when a framework has no scale (NOS): Moodle needs one.
COMPETENT_SCALE = (ScaleLevelSpec(1, "Not yet competent"), ScaleLevelSpec(2, "Competent"))
# Our element kinds as Moodle taxonomy terms; a kind that is a Moodle term stays itself.
KIND_TAXONOMY: dict[str, str] = {
    ElementKind.FAMILY: "domain",
    ElementKind.GROUP: "domain",
    ElementKind.SKILL: "skill",
    ElementKind.LEVEL: "level",
    ElementKind.STATEMENT: "behaviour",
    ElementKind.UNIT: "competency",
    ElementKind.CRITERION: "indicator",
    ElementKind.KNOWLEDGE_SECTION: "concept",
    ElementKind.KNOWLEDGE_ITEM: "concept",
    ElementKind.SKILL_ITEM: "skill",
}


def scale_configuration(scale: tuple[ScaleLevelSpec, ...]) -> str:
    """Moodle's scale configuration: the scale id (replaced on import), then one entry per value.

    Moodle needs one default and at least one proficient value. We mark the value just above
    the lower half (3 of 5, 2 of 2) as the default and it and every higher value as proficient.
    """
    proficient_from = len(scale) // 2 + 1
    entries: list[dict[str, object]] = [{"scaleid": "1"}]
    for index in range(1, len(scale) + 1):
        entries.append(
            {
                "id": index,
                "scaledefault": int(index == proficient_from),
                "proficient": int(index >= proficient_from),
            }
        )
    return json.dumps(entries, separators=(",", ":"))


def scale_values(scale: tuple[ScaleLevelSpec, ...]) -> str:
    # Moodle separates scale values with commas and has no way to escape one in a value.
    return ",".join(" ".join(level.name.replace(",", ";").split()) for level in scale)


def taxonomies(spec: FrameworkSpec) -> str:
    """One Moodle taxonomy term per depth: the term of the most common kind at that depth."""
    depth: dict[str, int] = {}
    kinds: dict[int, Counter[str]] = {}
    for element in spec.elements:
        depth[element.code] = 1 if element.parent_code is None else depth[element.parent_code] + 1
        kinds.setdefault(depth[element.code], Counter())[element.kind] += 1
    terms = []
    for level in sorted(kinds):
        kind = kinds[level].most_common(1)[0][0]
        terms.append(KIND_TAXONOMY.get(kind, kind if kind in TAXONOMIES else "competency"))
    return ",".join(terms)


def _kinds_follow(taxonomy: str, spec: FrameworkSpec) -> bool:
    """Whether a kept taxonomy still gives every element its kind (as the import did)."""
    terms = [term.strip() for term in taxonomy.split(",")]
    depth: dict[str, int] = {}
    for element in spec.elements:
        depth[element.code] = 1 if element.parent_code is None else depth[element.parent_code] + 1
        level = depth[element.code]
        if element.kind != ((terms[level - 1] if level <= len(terms) else "") or "competency"):
            return False
    return True


def _framework_row(spec: FrameworkSpec) -> list[str]:
    """The framework row; cells an import kept (docs/formats.md) while they still hold."""
    kept = kept_of(spec.metadata)
    scale = spec.scale or COMPETENT_SCALE
    values, configuration = scale_values(scale), scale_configuration(scale)
    kept_values = kept.get("scalevalues")
    if kept_values is not None and [v.strip() for v in kept_values.split(",")] == [
        level.name for level in spec.scale
    ]:
        values = kept_values
        configuration = kept.get("scaleconfiguration", configuration)
    taxonomy = kept.get("taxonomy")
    if taxonomy is None or not _kinds_follow(taxonomy, spec):
        taxonomy = taxonomies(spec)
    shortname = kept.get("shortname")
    if shortname is None or (shortname.strip() or kept.get("idnumber", "")) != spec.title:
        shortname = shorten(spec.title)
    description, text_format = spec.description, PLAIN_TEXT
    html, html_format = kept.get("description"), kept.get("descriptionformat", "")
    if html is not None and description_text(html, html_format) == spec.description:
        description, text_format = html, html_format
    # The ID number as given while it still names this framework (a copy under another slug
    # must not claim the original's ID number: Moodle's are unique).
    idnumber = kept.get("idnumber", "")
    if not idnumber or slug_of(idnumber) != spec.slug:
        idnumber = spec.slug
    return [
        "",
        idnumber,
        shortname,
        description,
        text_format,
        values,
        configuration,
        "",
        "",
        "",
        "",
        "",
        "1",
        taxonomy,
    ]


def _element_row(element: ElementSpec) -> list[str]:
    """A competency row; cells an import kept while they still say what the element says."""
    kept = kept_of(element.metadata)
    shortname, description = written_texts(element.code, element.title, element.statement)
    text_format = PLAIN_TEXT
    if "shortname" in kept and title_from(kept["shortname"], element.statement) == element.title:
        shortname = kept["shortname"]
    if "description" in kept:
        kept_format = kept.get("descriptionformat", "")
        if description_text(kept["description"], kept_format) == element.statement:
            description, text_format = kept["description"], kept_format
    return [
        element.parent_code or "",
        element.code,
        shortname,
        description,
        text_format,
        # Empty scale: the competency uses the framework's. No rule unless one was imported.
        *(kept.get(name, ROW_DEFAULTS[name]) for name in ("scalevalues", "scaleconfiguration")),
        *(kept.get(name, ROW_DEFAULTS[name]) for name in ("ruletype", "ruleoutcome", "ruleconfig")),
        ",".join(related_of(element)),
        kept.get("exportid", ""),
        kept.get("isframework", ROW_DEFAULTS["isframework"]),
        kept.get("taxonomy", ROW_DEFAULTS["taxonomy"]),
    ]


def dump(spec: FrameworkSpec) -> bytes:
    buffer = io.StringIO()
    # Moodle's exporter writes `,` and LF; its importer takes either line ending.
    writer = _SafeWriter(csv.writer(buffer, lineterminator="\n"))
    writer.writerow(list(HEADERS.values()))
    writer.writerow(_framework_row(spec))
    for element in spec.elements:
        writer.writerow(_element_row(element))
    return buffer.getvalue().encode("utf-8")


class _SafeWriter:
    """A csv writer whose every cell goes through to_csv_cell: no cell runs as a formula
    (OWASP CSV injection); moodle_load reads the quote back off."""

    def __init__(self, writer: Any) -> None:
        self.writer = writer

    def writerow(self, cells: list[str]) -> None:
        self.writer.writerow([to_csv_cell(cell) for cell in cells])


class MoodleCsvFormat:
    name = "moodle"
    media_type = "text/csv; charset=utf-8"
    extension = ".moodle.csv"  # distinct from the CSV authoring export of the same framework

    def dump(self, spec: FrameworkSpec) -> bytes:
        return dump(spec)

    def load(self, data: BinaryIO, *, slug: str | None = None) -> FrameworkSpec:
        return load(data, slug=slug)


FORMAT = MoodleCsvFormat()
