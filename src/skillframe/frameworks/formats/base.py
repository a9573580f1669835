"""What every exchange format implements, and how problems in an input file are reported."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import BinaryIO, Protocol

from skillframe.frameworks.spec import FrameworkSpec


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, located precisely enough to fix it."""

    where: str  # "line 12", "row 5", "CFItems[3]", "file"
    field: str  # column or field name ("" when the whole record is at fault)
    value: str  # the offending value, as found (shortened when long)
    message: str  # what is wrong, in words

    def __str__(self) -> str:
        place = f"{self.where}, {self.field}" if self.field else self.where
        shown = self.value if len(self.value) <= 60 else self.value[:59] + "…"
        return f"{place}: {self.message} (found {shown!r})"


class FormatError(ValueError):
    """The file cannot be imported; `problems` lists every problem found, not just the first."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


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
