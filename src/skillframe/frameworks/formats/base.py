"""What every exchange format implements. Problems in an input file are reported as every
importer reports them (`skillframe.importing.problems`, re-exported here)."""

from __future__ import annotations

import json
from typing import Any, BinaryIO, Protocol

from skillframe.frameworks.spec import FrameworkSpec
from skillframe.importing.problems import FormatError, Problem
from skillframe.inputs import JSON_DEPTH_MAX, json_problems

__all__ = ["Format", "FormatError", "Problem", "checked_json"]


def checked_json(text: str) -> Any:
    """`json.loads(text)`, refusing (FormatError) a document nested deeper than JSON_DEPTH_MAX,
    which the decoder would meet as a RecursionError (a 500), and control characters in any
    string or key, each at its path. json.JSONDecodeError passes through for the caller."""
    try:
        parsed = json.loads(text)
    except RecursionError:
        message = f"nested more than {JSON_DEPTH_MAX} levels deep"
        raise FormatError([Problem("file", "", "", message)]) from None
    problems = [Problem(path or "file", "", "", problem) for path, problem in json_problems(parsed)]
    if problems:
        raise FormatError(problems)
    return parsed


class Format(Protocol):
    name: str  # "case", "json", "csv", "xlsx", "moodle"
    media_type: str  # e.g. "text/csv; charset=utf-8"
    extension: str  # e.g. ".csv"

    def dump(self, spec: FrameworkSpec) -> bytes:
        """The whole framework in this format."""
        ...

    def load(self, data: BinaryIO, *, slug: str | None = None) -> FrameworkSpec:
        """Read and validate a whole file; raise FormatError listing every problem.

        `slug` names the framework to create; without it the slug comes from the file.
        Large text files are read as a stream, never whole into memory.
        """
        ...
