"""The tab-separated metadata table at the end of each NOS unit.

Private helper of :mod:`skillframe.frameworks.parsing.nos`. Every row is kept, exactly as the
source has it (tags stripped, entities decoded, cells trimmed), in ``fields``; the typed values
are read from the rows with known labels. The PDF sometimes wraps a label over two rows
("Indicative Review<TAB>March 2026" / "Date<TAB>"), writes a label short ("Indicative Review"
alone), repeats a row without its value ("Date Approved<TAB>") or adds OCR junk rows
("valiaity<TAB>", "Delevent<TAB>Managara and Saniar Officiala", "<TAB>E 1 000 1"): those rows
stay in ``fields`` and do not disturb the typed values (``docs/nos-parsing.md``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .nos_text import NosParseError, normalise_space

__all__ = ["MetaValues", "parse_metadata"]

# typed attribute -> the label as the source writes it in full
LABELS: dict[str, str] = {
    "developed_by": "Developed by",
    "version_number": "Version Number",
    "date_approved": "Date Approved",
    "indicative_review_date": "Indicative Review Date",
    "validity": "Validity",
    "status": "Status",
    "originating_organisation": "Originating Organisation",
    "original_urn": "Original URN",
    "relevant_occupations": "Relevant Occupations",
    "suite": "Suite",
    "keywords": "Keywords",
}
_BY_LABEL = {label.casefold(): attr for attr, label in LABELS.items()}
# the short form the source uses for one label when the PDF cut it ("Indicative Review")
_BY_LABEL["indicative review"] = "indicative_review_date"
_WORD_RE = re.compile(r"[^\W\d_]{2,}")


@dataclass(frozen=True)
class MetaValues:
    fields: tuple[tuple[str, str], ...]
    values: dict[str, str]


def _is_blank_value(value: str) -> bool:
    """No word of two letters or more: "" and the stray marks "~" (3189), "č" (6666)."""
    return _WORD_RE.search(value) is None


def parse_metadata(lines: list[tuple[int, str]], urn: str) -> MetaValues:
    """Read the rows of one unit's metadata table."""
    rows: list[tuple[int, str, str]] = []
    for lineno, line in lines:
        if not line.strip():
            continue
        label, _, value = line.partition("\t")
        rows.append((lineno, normalise_space(label), normalise_space(value)))
    values: dict[str, str] = {}
    i = 0
    while i < len(rows):
        lineno, label, value = rows[i]
        # a label wrapped over two rows: "Originating<TAB>Instructus" / "Organisation<TAB>"
        if i + 1 < len(rows):
            joined = f"{label} {rows[i + 1][1]}".casefold()
            if joined in _BY_LABEL and _is_blank_value(rows[i + 1][2]):
                label = joined
                i += 1
        attr = _BY_LABEL.get(label.casefold())
        if attr is not None and value and attr not in values:
            values[attr] = value
        i += 1
    missing = [LABELS[a] for a in LABELS if a not in values]
    if missing:
        where = lines[0][0] if lines else None
        raise NosParseError(f"{urn}: metadata table lacks {', '.join(missing)}", where)
    fields = tuple((label, value) for _, label, value in rows)
    return MetaValues(fields, values)
