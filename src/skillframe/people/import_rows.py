"""What the role profile and organisation goal imports share, beyond reading the file (that is
the import kernel's, `skillframe.importing`): rows that name an element by its code, a record
(a role, a goal) gathered from several rows with its description given once, and a problem
reported against the row and column it is about.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass

from skillframe.frameworks.models import Element, ElementLookupError, Framework, choose_element
from skillframe.importing.problems import Problem
from skillframe.importing.tables import Record, Table
from skillframe.inputs import DESCRIPTION_MAX, text_problem

Report = Callable[[str, str], None]  # (column, message): a problem with this row


def row_values(row: Record) -> dict[str, str]:
    """The row's cells as text, for the columns the file has only: a file without an optional
    column (say `role description`) leaves that field of existing records as it is."""
    return {name: row.text(name) for name in row.values}


def reporter(table: Table, problems: list[Problem], row: Record, values: dict[str, str]) -> Report:
    """`problem(column, message)` for this row: appended with the row, the column as the file
    writes it and the value found."""

    def problem(column: str, message: str) -> None:
        problems.append(table.problem(row, column, values.get(column, ""), message))

    return problem


class ElementRows:
    """The element each row names (`element code`, optionally `framework`), found for the whole
    file in two queries; and which rows already gave a record an element."""

    def __init__(self, rows: list[Record]) -> None:
        self.candidates = Element.objects.by_codes(row.text("element code") for row in rows)
        self.frameworks = set(Framework.objects.values_list("slug", flat=True))
        self.seen: dict[tuple[Hashable, int], int] = {}

    def element(self, values: dict[str, str], problem: Report) -> Element | None:
        code = values["element code"]
        try:
            return choose_element(
                code,
                values.get("framework") or None,
                self.candidates.get(code.upper(), []),
                self.frameworks,
            )
        except ElementLookupError as exc:
            problem("element code" if exc.field == "element" else "framework", str(exc))
            return None

    def earlier_row(self, record: Hashable, element: Element, number: int) -> int | None:
        """The row that already gave `record` this element, or None (then this row does)."""
        key = (record, element.pk)
        earlier = self.seen.get(key)
        if earlier is None:
            self.seen[key] = number
        return earlier


@dataclass(kw_only=True)
class Described:
    """A record whose description the file may give on any of its rows, but only one."""

    description: str | None = None  # None: the file has no description column
    description_row: int = 0

    def take_description(
        self, values: dict[str, str], column: str, who: str, number: int, problem: Report
    ) -> None:
        if column not in values:
            return  # no such column: descriptions stay as they are
        description = values[column]
        if why := text_problem(description, DESCRIPTION_MAX):
            problem(column, why)
            return
        if self.description is None:
            self.description = ""  # the column is there: an empty description clears the old one
        if description and self.description_row and description != self.description:
            problem(column, f"{who} has a different description on row {self.description_row}")
        elif description and not self.description_row:
            self.description, self.description_row = description, number
