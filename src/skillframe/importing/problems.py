"""How problems in an input file are reported: every one, each with its place, column and value.

Shared by every importer (people, role profiles, organisation goals, the framework formats), so
a problem reads the same on every page and in every command.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


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
