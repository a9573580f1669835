"""What every exchange format implements. Problems in an input file are reported as every
importer reports them (`skillframe.importing.problems`, re-exported here)."""

from __future__ import annotations

from typing import BinaryIO, Protocol

from skillframe.frameworks.spec import FrameworkSpec
from skillframe.importing.problems import FormatError, Problem

__all__ = ["Format", "FormatError", "Problem"]


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
