"""What a personal report holds, as plain data (PURE Python, no Django import).

`report.py` builds a `PersonReport` from the database; the page (`report.html`), the PDF
(`report_pdf.py`) and the CLI all render this one structure, so they cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from skillframe.insights.gaps import Gap, GapReport
from skillframe.insights.priorities import Priority, describe_gap
from skillframe.insights.report_svg import ChartRow, chart_rows, value_text

# How many priorities the report lists (the full ranked list is on the priorities page).
TOP_PRIORITIES = 10
HISTORY_ROWS = 20


@dataclass(frozen=True)
class GapLine:
    """One row of a gap table: a gap with its wording for people."""

    gap: Gap
    group: str  # AXELOS family or NOS standard

    @property
    def code(self) -> str:
        return self.gap.requirement.code

    @property
    def title(self) -> str:
        return self.gap.requirement.title

    @property
    def framework(self) -> str:
        return self.gap.requirement.framework

    @property
    def importance(self) -> str:
        return self.gap.requirement.importance

    @property
    def value(self) -> str:
        return value_text(self.gap)

    @property
    def status_label(self) -> str:
        label = {
            "validated": "validated",
            "unvalidated": "self-assessed only",
            "unknown": "not rated",
        }[self.gap.status]
        return f"{label}, review due" if self.gap.stale else label

    @property
    def gap_label(self) -> str:
        if self.gap.met:
            return f"met, {self.gap.above} above target" if self.gap.above else "met"
        return describe_gap(self.gap)


@dataclass(frozen=True)
class RoleSection:
    which: str  # "Current role" or "Target role"
    code: str
    title: str
    report: GapReport
    groups: dict[int, str]  # element id -> family/standard heading
    scale_max: int = 5

    @property
    def fit_percent(self) -> int:
        return self.report.role_fit_percent

    @property
    def lines(self) -> list[GapLine]:
        return [
            GapLine(g, self.groups.get(g.element_id, g.requirement.framework))
            for g in self.report.gaps
        ]

    @property
    def chart(self) -> list[ChartRow]:
        return chart_rows(self.report.gaps, self.groups, self.scale_max)

    @property
    def chart_id(self) -> str:
        return f"chart-{self.which.split()[0].lower()}"


@dataclass(frozen=True)
class ObjectiveLine:
    title: str
    detail: str  # element, target, due date
    status: str


@dataclass(frozen=True)
class PlanSummary:
    """The person's development plan in a few words; `exists` False means "no plan"."""

    exists: bool
    status: str = "no plan"
    title: str = ""
    detail: str = ""
    objectives: tuple[ObjectiveLine, ...] = ()


NO_PLAN = PlanSummary(False)


@dataclass(frozen=True)
class HistoryLine:
    when: datetime
    code: str
    title: str
    value: str
    source: str
    rater: str
    comment: str


@dataclass(frozen=True)
class PersonReport:
    name: str
    employee_id: str
    username: str
    job_title: str
    unit: str
    manager: str
    generated: date
    roles: tuple[RoleSection, ...]
    priorities: tuple[Priority, ...]
    priorities_total: int
    plan: PlanSummary = NO_PLAN
    history: tuple[HistoryLine, ...] = field(default_factory=tuple)

    def role(self, which: str) -> RoleSection | None:
        return next((r for r in self.roles if r.which == which), None)
