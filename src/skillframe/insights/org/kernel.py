"""Organisation heatmap, bench strength and single points of failure: the arithmetic.

PURE Python (no Django import): the SQL in `queries.py` hands over small per-cell or per-group
counts, and these functions turn them into what pages, the API and the CLI show, so all three
say the same thing. docs/org-insights.md explains every figure.

A cell is one person (or one unit of people) on one element:
- an element rated by level (AXELOS skill): the current level, validated if a manager or assessor
  rated it, else the person's own (flagged "self only"), else unknown;
- a NOS unit: the share of its items (criteria and knowledge items) judged competent, 0–1, the
  unit's own judgement standing in for items without one (`assessments/attainment.py`).
Against a target (a role requirement's level; for NOS, every applicable item competent) a cell is
met, near (one level or one item short), below, or unknown.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

COMPETENT = "competent"
NOT_YET = "not-yet"
NOT_APPLICABLE = "not-applicable"


@dataclass(frozen=True)
class Column:
    """One element of the heatmap, with the target the chosen role sets (None: no role)."""

    element_id: int
    code: str
    title: str
    framework: str
    by_level: bool  # False: a NOS unit, judged by the share of its items competent
    target: int | None = None  # level target; NOS columns take 1 (every item) when targeted

    @property
    def has_target(self) -> bool:
        return self.target is not None


@dataclass(frozen=True)
class Cell:
    """One person's standing on one column. `value` is a level, or for NOS the share (0–1) of
    applicable items competent; `missing` the levels (or NOS items) still short of the target."""

    value: float | None
    validated: bool = False
    stale: bool = False
    missing: float | None = None  # NOS: applicable items not competent

    @property
    def known(self) -> bool:
        return self.value is not None


UNKNOWN = Cell(None)


def nos_share(
    items: int, competent: int, not_yet: int, not_applicable: int, own: str
) -> tuple[float | None, int]:
    """(share of applicable items competent, applicable items not competent) for a NOS unit.

    `items` is the unit's item count, the other counts come from the items' own judgements and
    `own` is the judgement of the unit as a whole ("" for none), which stands in for every item
    without a judgement of its own. A unit without items is judged by its own judgement. Nothing
    judged at all: (None, 0), unknown.
    """
    unjudged = max(items - competent - not_yet - not_applicable, 0)
    if own == COMPETENT:
        competent += unjudged
    elif own == NOT_YET:
        not_yet += unjudged
    elif own == NOT_APPLICABLE:
        not_applicable += unjudged
    if items == 0:
        if own in (COMPETENT, NOT_APPLICABLE):
            return 1.0, 0
        return (0.0, 1) if own == NOT_YET else (None, 0)
    if competent + not_yet + not_applicable == 0:
        return None, 0
    applicable = items - not_applicable
    if applicable <= 0:
        return 1.0, 0
    return competent / applicable, applicable - competent


def status(column: Column, cell: Cell) -> str:
    """ "met", "near" (one level or one item short), "below", "unknown", or "rated" (no target)."""
    if cell.value is None:
        return "unknown"
    if column.target is None:
        return "rated"
    gap = shortfall(column, cell)
    if gap <= 0:
        return "met"
    return "near" if gap <= 1 else "below"


def shortfall(column: Column, cell: Cell) -> float:
    """Levels (NOS: items) still missing to reach the target; 0 when met or without a target;
    an unknown cell is the whole target short (a NOS unit: counted as one item short per unit)."""
    if column.target is None:
        return 0.0
    if cell.value is None:
        return float(column.target) if column.by_level else 1.0
    if column.by_level:
        return max(float(column.target) - cell.value, 0.0)
    return float(cell.missing or 0.0) if cell.value < 1.0 else 0.0


def at_target(column: Column, value: float | None) -> bool:
    """Whether a value reaches the column's target (a NOS unit: every applicable item)."""
    if value is None or column.target is None:
        return False
    return value >= (column.target if column.by_level else 1.0)


def cell_text(column: Column, cell: Cell) -> str:
    """The cell's words, so that nothing is told by colour alone: "3", "2 self", "75%", "—"."""
    if cell.value is None:
        return "—"
    shown = f"{cell.value:.0f}" if column.by_level else f"{cell.value:.0%}"
    flags = [] if cell.validated else ["self"]
    if cell.stale:
        flags.append("stale")
    return " ".join([shown, *flags])


def csv_value(column: Column, cell: Cell) -> str:
    """The CLI/CSV contract: a level ("3"), a NOS share ("0.75"), or empty."""
    if cell.value is None:
        return ""
    if column.by_level:
        return str(int(cell.value))
    return f"{cell.value:.4g}"


@dataclass
class PersonRow:
    person_id: int
    employee_id: str
    name: str
    unit: str
    cells: list[Cell]
    leads: bool = False  # someone reports to them: their team is one drill-down away

    def total_gap(self, columns: Sequence[Column]) -> float:
        return sum(shortfall(c, cell) for c, cell in zip(columns, self.cells, strict=True))

    def met(self, columns: Sequence[Column]) -> int:
        return sum(status(c, cell) == "met" for c, cell in zip(columns, self.cells, strict=True))


SORTS = ("person", "gap", "element")


def sort_people(
    rows: list[PersonRow], columns: Sequence[Column], by: str, element: str = ""
) -> list[PersonRow]:
    """By name; by total gap to the targets (largest first); or by one element's value (highest
    first, unknown last). Ties fall back to the name, so the order is stable."""
    if by == "gap":
        return sorted(rows, key=lambda r: (-r.total_gap(columns), r.name, r.employee_id))
    if by == "element":
        index = next((i for i, c in enumerate(columns) if c.code == element), None)
        if index is not None:
            position = index

            def key(r: PersonRow) -> tuple[bool, float, str, str]:
                value = r.cells[position].value
                return (value is None, -(value or 0.0), r.name, r.employee_id)

            return sorted(rows, key=key)
    return sorted(rows, key=lambda r: (r.name, r.employee_id))


# Unit rows -----------------------------------------------------------------------------------


def band(column: Column, value: float) -> str:
    """The distribution bucket of a value: its level ("3"), or for NOS "none", "some", "all"."""
    if column.by_level:
        return str(int(value))
    if value >= 1.0:
        return "all"
    return "none" if value <= 0.0 else "some"


@dataclass
class GroupCell:
    """One unit of people on one column: how many people, how many at or above the target,
    how many unknown, and how the known values spread over levels (NOS: none/some/all)."""

    people: int
    at_target: int = 0
    known: int = 0
    validated: int = 0
    distribution: dict[str, int] = field(default_factory=dict)
    total: float = 0.0  # sum of the known values (levels, or NOS shares)

    @property
    def mean(self) -> float | None:
        """Mean value of the people with one (a NOS share from the none/some/all bands is
        approximate: "some" counts as half)."""
        return self.total / self.known if self.known else None

    @property
    def unknown(self) -> int:
        return self.people - self.known

    def share_at_target(self) -> float | None:
        """Share of the unit's people at or above the target (unknown people count as not
        shown to be at it); None for an empty unit."""
        return self.at_target / self.people if self.people else None


def group_cell(column: Column, people: int, counts: Iterable[tuple[float, int, int]]) -> GroupCell:
    """A unit's cell from (value, people with it, of whom validated) counts (queries.py)."""
    cell = GroupCell(people=people)
    for value, n, validated in counts:
        cell.known += n
        cell.total += value * n
        cell.validated += validated
        key = band(column, value)
        cell.distribution[key] = cell.distribution.get(key, 0) + n
        if at_target(column, value):
            cell.at_target += n
    return cell


def group_text(column: Column, cell: GroupCell) -> str:
    """ "2/5 at target · levels 2:2 3:1 4:1 · 1 unknown" (NOS: "items all:1 some:1"); without
    a target the spread and unknowns only."""
    parts = []
    if column.has_target:
        parts.append(f"{cell.at_target}/{cell.people} at target")
    if cell.distribution:
        word = "levels" if column.by_level else "items"
        spread = " ".join(f"{k}:{v}" for k, v in sorted(cell.distribution.items()))
        parts.append(f"{word} {spread}")
    if cell.unknown:
        parts.append(f"{cell.unknown} unknown")
    return " · ".join(parts) or "—"


def share_class(share: float | None) -> str:
    """CSS class of a unit cell by share at target, in five steps (colour + the text above)."""
    if share is None:
        return "hm-none"
    steps = ("hm-0", "hm-1", "hm-2", "hm-3", "hm-4")
    return steps[min(int(share * 5), 4)]


# Bench strength and single points of failure ------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    """One person against a role: requirements met, near (one level or item short), in all."""

    person_id: int
    employee_id: str
    name: str
    unit: str
    met: int
    near: int
    requirements: int
    validated: int = 0  # of the met requirements, validated ones

    @property
    def fit(self) -> float:
        return self.met / self.requirements if self.requirements else 0.0

    def readiness(self, threshold: float) -> str:
        """ "now" when the fit reaches `threshold`; "one level" when every requirement not met
        is one level (NOS: one item) short; otherwise "later"."""
        if self.requirements and self.fit >= threshold:
            return "now"
        if self.requirements and self.met + self.near == self.requirements:
            return "one level"
        return "later"


def rank_candidates(candidates: Iterable[Candidate]) -> list[Candidate]:
    """Best fit first, then more requirements near, then validated evidence, then name."""
    return sorted(candidates, key=lambda c: (-c.fit, -c.near, -c.validated, c.name, c.employee_id))


@dataclass(frozen=True)
class Bench:
    ready_now: int
    one_level: int
    people: int

    @property
    def nobody(self) -> bool:
        """Nobody ready now or within one level."""
        return self.ready_now + self.one_level == 0


def bench(candidates: Iterable[Candidate], threshold: float) -> Bench:
    now = one = total = 0
    for c in candidates:
        total += 1
        state = c.readiness(threshold)
        now += state == "now"
        one += state == "one level"
    return Bench(now, one, total)


@dataclass(frozen=True)
class Spof:
    """An element a unit's roles require that at most one person of the unit holds at target."""

    code: str
    title: str
    target: int | None
    holders: int
    holder: str  # the one holder's name ("" when nobody holds it)
    holder_employee_id: str


def spofs(
    required: Mapping[str, tuple[str, int | None]],
    holders: Mapping[str, Sequence[tuple[str, str]]],
) -> list[Spof]:
    """{code: (title, target)} required by the unit's roles and {code: [(employee id, name)]}
    of people at target → the codes held by at most one person, nobody first."""
    found = []
    for code, (title, target) in required.items():
        people = holders.get(code, ())
        if len(people) <= 1:
            employee_id, name = people[0] if people else ("", "")
            found.append(Spof(code, title, target, len(people), name, employee_id))
    return sorted(found, key=lambda s: (s.holders, s.code))
