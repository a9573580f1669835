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

Kinds (beyond the per-depth taxonomy), levels, metadata, UUIDs and the framework's other fields
have no column in Moodle and are not written. Reading is in moodle_load.py.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from typing import BinaryIO

from skillframe.frameworks.formats.moodle_load import HEADERS, TAXONOMIES, load, shorten
from skillframe.frameworks.kinds import ElementKind
from skillframe.frameworks.spec import FrameworkSpec, ScaleLevelSpec

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


def _texts(code: str, title: str, statement: str) -> tuple[str, str]:
    """(short name, description): Moodle's short name holds 100 characters; the description
    takes the full text so that no words are lost."""
    if not title.strip() and not statement.strip():
        return code, ""  # Moodle skips a competency without a short name (and its subtree)
    if statement:
        return shorten(title or statement), statement
    short = shorten(title)
    return short, title if short != title else ""


def dump(spec: FrameworkSpec) -> bytes:
    buffer = io.StringIO()
    # Moodle's exporter writes `,` and LF; its importer takes either line ending.
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADERS.values())
    scale = spec.scale or COMPETENT_SCALE
    writer.writerow(
        [
            "",
            spec.slug,
            shorten(spec.title),
            spec.description,
            PLAIN_TEXT,
            scale_values(scale),
            scale_configuration(scale),
            "",
            "",
            "",
            "",
            "",
            "1",
            taxonomies(spec),
        ]
    )
    for element in spec.elements:
        shortname, description = _texts(element.code, element.title, element.statement)
        writer.writerow(
            [
                element.parent_code or "",
                element.code,
                shortname,
                description,
                PLAIN_TEXT,
                "",  # no scale of its own: the competency uses the framework's
                "",
                "",  # no completion rule
                "0",
                "null",
                "",
                "",
                "0",
                "",
            ]
        )
    return buffer.getvalue().encode("utf-8")


class MoodleCsvFormat:
    name = "moodle"
    media_type = "text/csv; charset=utf-8"
    extension = ".moodle.csv"  # distinct from the CSV authoring export of the same framework

    def dump(self, spec: FrameworkSpec) -> bytes:
        return dump(spec)

    def load(self, data: BinaryIO, *, slug: str | None = None) -> FrameworkSpec:
        return load(data, slug=slug)


FORMAT = MoodleCsvFormat()
