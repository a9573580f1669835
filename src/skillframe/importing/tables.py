"""A spreadsheet's header and rows as records keyed by column name, with their places.

One header row names the columns; headers are matched without case, with spaces, hyphens and
underscores alike ("Employee ID", "employee_id" and "employee-id" are one column), and with the
other spellings an importer accepts (`Columns.aliases`). Every header problem is reported at
once (unknown, duplicate and missing required columns), as is every row with a value that no
column holds. Pure Python, no Django.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from skillframe.importing.problems import FormatError, Problem
from skillframe.importing.spreadsheets import SheetRow, cell_text
from skillframe.inputs import control_problem, without_controls


def header_key(text: str) -> str:
    """A header reduced to what identifies it: lower case, words joined by single spaces."""
    return " ".join(text.strip().lower().replace("_", " ").replace("-", " ").split())


@dataclass(frozen=True)
class Columns:
    """The columns an importer reads, by the names it reports problems with.

    `prefix`: headers starting with it (e.g. "meta:") are free-form columns kept by their own
    name (the prefix lower-cased, the rest as written). `missing_shows_header`: a problem about
    a missing required column shows the whole header row as the value found.
    """

    names: tuple[str, ...]
    required: tuple[str, ...]
    aliases: Mapping[str, str] = field(default_factory=dict)
    prefix: str = ""
    prefix_hint: str = ""
    missing_shows_header: bool = True

    def name_of(self, header: str) -> str | None:
        """Our name for a header as written; "" for an empty one; None when it is unknown."""
        text = header.strip()
        if self.prefix and text.lower().startswith(self.prefix):
            return self.prefix + text[len(self.prefix) :].strip()
        key = header_key(text)
        if not key:
            return ""
        known = {header_key(name): name for name in self.names}
        known |= {header_key(alias): name for alias, name in self.aliases.items()}
        return known.get(key)

    def expected(self) -> str:
        names = ", ".join(self.names)
        return f"{names}, or {self.prefix_hint}" if self.prefix_hint else names


@dataclass(frozen=True)
class Record:
    """One row: its number and its values by column name (raw cells: typed in XLSX). A column
    the file does not have is absent; a short row's missing cells are None."""

    number: int
    values: Mapping[str, object]

    @property
    def where(self) -> str:
        return f"row {self.number}"

    def raw(self, column: str) -> object:
        return self.values.get(column)

    def text(self, column: str, *, strip: bool = True) -> str:
        text = cell_text(self.values.get(column))
        return text.strip() if strip else text

    def has(self, column: str) -> bool:
        return column in self.values


@dataclass
class Table:
    """The header of a file and an iterator over its records.

    `headers` maps our column names to the headers as the file writes them; problems name a
    column as the file does, so a person finds it. Rows with cells no column holds are
    reported in `problems` (and read for the columns they do fill).
    """

    columns: Columns
    header_row: int
    headers: dict[str, str]
    keys: list[str]  # our column name per position; "" for a column that is ignored
    rows: Iterator[SheetRow]
    problems: list[Problem] = field(default_factory=list)

    def column(self, name: str) -> str:
        return self.headers.get(name, name)

    def problem(self, where: Record | int | str, column: str, value: str, message: str) -> Problem:
        place = (
            where.where
            if isinstance(where, Record)
            else f"row {where}"
            if isinstance(where, int)
            else where
        )
        return Problem(place, self.column(column) if column else "", value, message)

    def records(self) -> Iterator[Record]:
        width = len(self.keys)
        for number, cells in self.rows:
            extra = [text for text in map(cell_text, cells[width:]) if text.strip()]
            if extra:
                message = f"{len(cells)} cells but the header has {width} columns"
                self.problems.append(Problem(f"row {number}", "", extra[0], message))
            headless = [
                text
                for key, cell in zip(self.keys, cells, strict=False)
                if not key and (text := cell_text(cell)).strip()
            ]
            if headless:
                message = "a value in a column without a header"
                self.problems.append(Problem(f"row {number}", "", headless[0], message))
            values = {
                key: self._checked(number, key, cells[index]) if index < len(cells) else None
                for index, key in enumerate(self.keys)
                if key
            }
            yield Record(number, values)

    def _checked(self, number: int, key: str, cell: object) -> object:
        """The cell, or its text without control characters after reporting them: NUL cannot
        be stored (PostgreSQL) and must not reach a lookup, and no text field takes the others.
        The problem refuses the file; the rest of the row is still checked."""
        if isinstance(cell, str) and (problem := control_problem(cell)):
            shown = ascii(cell)[1:-1][:80]
            self.problems.append(Problem(f"row {number}", self.column(key), shown, problem))
            return without_controls(cell)
        return cell

    def no_rows(self, what: str = "rows") -> FormatError:
        """The problem of a file with a header and nothing below it."""
        where = f"row {self.header_row + 1}"
        return FormatError([Problem(where, "", "", f"no {what} below the header")])


def read_table(rows: Iterable[SheetRow], columns: Columns) -> Table:
    """The header (the first non-blank row) checked against `columns`; raise FormatError with
    every header problem, or when the file has no header at all."""
    iterator = iter(rows)
    first = next(iterator, None)
    if first is None:
        raise FormatError([Problem("row 1", "", "", "the file is empty: no header row")])
    number, cells = first
    texts = [cell_text(cell).strip() for cell in cells]
    where = f"row {number}"
    problems: list[Problem] = []
    keys: list[str] = []
    headers: dict[str, str] = {}
    for text in texts:
        name = columns.name_of(text)
        if name is None:
            message = f"unknown column (expected: {columns.expected()})"
            problems.append(Problem(where, text, text, message))
            keys.append("")
        elif name in headers:
            message = f"duplicate column (same as {headers[name]!r})"
            problems.append(Problem(where, text, text, message))
            keys.append("")
        else:
            if name:
                headers[name] = text
            keys.append(name)  # "" for an empty header cell: an unnamed column, ignored
    header_text = ", ".join(texts) if columns.missing_shows_header else ""
    for name in columns.required:
        if name not in headers:
            problems.append(Problem(where, name, header_text, "required column is missing"))
    if problems:
        raise FormatError(problems)  # without the right columns every row would fail
    return Table(columns, number, headers, keys, iter(iterator))
