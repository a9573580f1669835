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


# How many problems a report lists: a file with 98,000 bad rows rendered a 13 MB page. Every
# report (pages, commands, the API) lists the first ones and says how many there were in all.
# Django's settings set it from SKILLFRAME_IMPORT_MAX_PROBLEMS (`configure`).
MAX_REPORTED = 100


def configure(max_reported: int) -> None:
    global MAX_REPORTED
    MAX_REPORTED = max_reported


class FormatError(ValueError):
    """The file cannot be imported; `problems` lists every problem found, not just the first;
    `reported` the first MAX_REPORTED of them, the ones a report shows."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = list(problems)
        lines = [str(problem) for problem in self.reported]
        if self.unreported:
            lines.append(self.more)
        super().__init__("\n".join(lines))

    @property
    def reported(self) -> list[Problem]:
        return self.problems[:MAX_REPORTED]

    @property
    def unreported(self) -> int:
        return max(0, len(self.problems) - MAX_REPORTED)

    @property
    def more(self) -> str:
        """The line that ends a shortened list."""
        return (
            f"… and {self.unreported:,} more (the first {MAX_REPORTED} of "
            f"{len(self.problems):,} problems are listed)"
        )
