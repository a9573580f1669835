"""Limits on what people and files send in, and the checks every entry point shares.

One definition for the web forms, the API schemas and the importers (issue 10 item 3): text
lengths per kind of field, control characters, JSON nesting, weights, levels and paging. Each
check returns a problem in words (or None), so each caller reports it its own way: a form error,
a 422 naming the field, an import problem with its row and column. Pure Python, no Django: the
framework spec (also pure) checks imported frameworks with it. The limits are listed in README
("Input limits") and exposed as `settings.SKILLFRAME_INPUT_LIMITS`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from typing import Any

# Free text a person types, in characters. A rating comment is shown in a table cell and in the
# PDF report: two thousand characters is a long paragraph, far more than anyone writes there.
COMMENT_MAX = 2_000  # rating comments and replies, plan decisions and comments
NOTE_MAX = 4_000  # progress notes, activity notes, objective measures
DESCRIPTION_MAX = 10_000  # role profile, goal, unit and cycle descriptions
TITLE_MAX = 255  # titles and names typed in a form or sent to the API (model columns hold 255)
LINK_MAX = 500  # activity links (URLs; the column holds 500)
# Framework texts come from published standards: a NOS standard's description runs to a few
# thousand characters; 100,000 keeps every real one and refuses a 50 MB description that every
# page would then read.
FRAMEWORK_TEXT_MAX = 100_000
FRAMEWORK_ELEMENTS_MAX = 200_000  # elements in one framework file (the seeds have < 2,000)

JSON_DEPTH_MAX = 64  # nesting of a JSON request body or imported JSON document
WEIGHT_MAX = 1_000.0  # role requirement and goal weights lie in (0, WEIGHT_MAX]
LEVEL_MAX = 100  # scale levels lie in 0..LEVEL_MAX (a framework's own scale narrows it)
PAGE_LIMIT_MAX = 1_000  # items per API page
PAGE_OFFSET_MAX = 10_000_000  # where an API page may start

LIMITS: dict[str, int | float] = {
    "comment_chars": COMMENT_MAX,
    "note_chars": NOTE_MAX,
    "description_chars": DESCRIPTION_MAX,
    "title_chars": TITLE_MAX,
    "link_chars": LINK_MAX,
    "framework_text_chars": FRAMEWORK_TEXT_MAX,
    "framework_elements": FRAMEWORK_ELEMENTS_MAX,
    "json_depth": JSON_DEPTH_MAX,
    "weight_max": WEIGHT_MAX,
    "level_max": LEVEL_MAX,
    "page_limit_max": PAGE_LIMIT_MAX,
    "page_offset_max": PAGE_OFFSET_MAX,
}

# C0 controls and DEL, except tab, line feed and carriage return (which multi-line text holds).
# NUL in particular: PostgreSQL cannot store it in a text column.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def control_problem(value: str) -> str | None:
    """Why `value` holds a character no text field accepts, or None."""
    found = _CONTROL.search(value)
    if found is None:
        return None
    return (
        f"contains a control character (U+{ord(found.group()):04X}) at position {found.start() + 1}"
    )


def without_controls(value: str) -> str:
    """`value` with the characters `control_problem` refuses taken out (to go on checking a file
    whose problem is already reported, without sending them to a database lookup)."""
    return _CONTROL.sub("", value)


def text_problem(value: str, limit: int) -> str | None:
    """Why `value` cannot be stored as text of at most `limit` characters, or None."""
    return control_problem(value) or (
        f"at most {limit:,} characters (this has {len(value):,})" if len(value) > limit else None
    )


def weight_problem(value: object) -> str | None:
    """Why `value` is not a weight: a finite number in (0, WEIGHT_MAX]; booleans are not."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "must be a number greater than 0"
    if not math.isfinite(value) or value <= 0:  # inf (JSON 1e999) and NaN compare oddly
        return "must be a number greater than 0"
    if value > WEIGHT_MAX:
        return f"must be at most {WEIGHT_MAX:g}"
    return None


def level_problem(value: object) -> str | None:
    """Why `value` is not a level number: a whole number in 0..LEVEL_MAX; booleans are not."""
    if isinstance(value, bool) or not isinstance(value, int):
        return "must be a whole number"
    if not 0 <= value <= LEVEL_MAX:
        return f"must be between 0 and {LEVEL_MAX}"
    return None


def json_problems(data: Any, *, depth_max: int = JSON_DEPTH_MAX) -> Iterator[tuple[str, str]]:
    """(path, problem) for a decoded JSON document: nesting deeper than `depth_max` (reported
    once, where it happens) and strings or keys with control characters. Walks without
    recursion, so any depth the decoder let through is safe; the path is dotted
    ("objectives.0.measure"), "" for the document itself."""
    stack: list[tuple[str, Any, int]] = [("", data, 1)]
    while stack:
        path, value, depth = stack.pop()
        if isinstance(value, dict | list):
            if depth > depth_max:
                yield path, f"nested more than {depth_max} levels deep"
                continue
            items = value.items() if isinstance(value, dict) else enumerate(value)
            for key, item in items:
                name = f"{path}.{key}" if path else str(key)
                if isinstance(key, str) and (problem := control_problem(key)):
                    yield name, f"name {problem}"
                stack.append((name, item, depth + 1))
        elif isinstance(value, str) and (problem := control_problem(value)):
            yield path, problem
