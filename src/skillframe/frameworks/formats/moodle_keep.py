"""What a Moodle CSV carries beyond our columns, kept so that its export gives the file back.

An imported competency keeps, under `metadata["moodle"]`, only the raw cells our own export
would not write the same: the short name as given (trailing spaces, Moodle's 100-character cut),
the description with its format (HTML sanitised with nh3, never by regex), a rule, a scale of its
own, the exported id. Cross-references are `metadata["related"]`, a list of codes (isRelatedTo
in CASE). The framework row keeps its ID number as given (our slug is lower-case), short name,
description, scale values and configuration, and taxonomy.

On export a kept cell is used only while it still says what the element says: a kept short
name only while it still gives the element's title, a kept description only while its text is
still the element's statement. An element edited since is written from its columns.
"""

from __future__ import annotations

from typing import Any

import nh3

from skillframe.frameworks.spec import ElementSpec

KEY = "moodle"
RELATED = "related"  # codes of related elements (Moodle cross-references, CASE isRelatedTo)
PLAIN_TEXT = "2"  # Moodle's FORMAT_PLAIN
HTML_FORMATS = frozenset({"0", "1"})  # Moodle auto-format and HTML may hold markup
# A competency row's other cells as our export writes them (Moodle's exporter for a competency
# without a rule or scale of its own; Moodle's own example leaves "Is framework" empty).
ROW_DEFAULTS = {
    "scalevalues": "",
    "scaleconfiguration": "",
    "ruletype": "",
    "ruleoutcome": "0",
    "ruleconfig": "null",
    "isframework": "0",
    "taxonomy": "",
}


def sanitise_html(html: str) -> str:
    """Markup safe to show in our pages: ammonia's allow-list (no script, style, event
    attributes or javascript: links); text and harmless markup are kept."""
    return nh3.clean(html)


def kept_description(description: str, text_format: str) -> str:
    return sanitise_html(description) if text_format in HTML_FORMATS else description


def framework_metadata(cells: dict[str, str], slug: str, title: str) -> dict[str, Any]:
    """metadata for the framework row: its cells our export would not write back the same."""
    kept: dict[str, str] = {}
    idnumber = cells.get("idnumber", "")
    if idnumber and idnumber != slug:
        kept["idnumber"] = idnumber  # Moodle's ID number as given (our slug is lower-case)
    if cells.get("shortname", "") != title:
        kept["shortname"] = cells.get("shortname", "")
    text_format = cells.get("descriptionformat", "").strip()
    if text_format not in ("", PLAIN_TEXT):
        kept["description"] = kept_description(cells.get("description", ""), text_format)
        kept["descriptionformat"] = text_format
    for name in ("scalevalues", "scaleconfiguration", "taxonomy"):
        if cells.get(name, ""):
            kept[name] = cells[name]
    return {KEY: kept} if kept else {}


def element_metadata(
    cells: dict[str, str], texts: tuple[str, str], written: tuple[str, str], related: list[str]
) -> dict[str, Any]:
    """metadata for an imported competency: `texts` = the raw (short name, description),
    `written` = what our export would write for the element as imported."""
    kept: dict[str, str] = {}
    shortname, description = texts
    text_format = cells.get("descriptionformat", "").strip()
    if shortname != written[0]:
        kept["shortname"] = shortname
    if description != written[1] or text_format not in ("", PLAIN_TEXT):
        kept["description"] = kept_description(description, text_format)
        kept["descriptionformat"] = text_format
    for name, default in ROW_DEFAULTS.items():
        value = cells.get(name, "")
        if value != default:
            kept[name] = value
    if cells.get("exportid", ""):
        kept["exportid"] = cells["exportid"]
    metadata: dict[str, Any] = {}
    if kept:
        metadata[KEY] = kept
    if related:
        metadata[RELATED] = related
    return metadata


def kept_of(metadata: dict[str, Any]) -> dict[str, str]:
    kept = metadata.get(KEY)
    if not isinstance(kept, dict):
        return {}
    return {key: value for key, value in kept.items() if isinstance(value, str)}


def related_of(element: ElementSpec) -> list[str]:
    related = element.metadata.get(RELATED)
    if not isinstance(related, list):
        return []
    return [code for code in related if isinstance(code, str)]
