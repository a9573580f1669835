"""Hand-made personal reports for the pure chart and PDF tests (no database)."""

from __future__ import annotations

from datetime import date, datetime

from skillframe.insights.gaps import Observation, Requirement, analyse
from skillframe.insights.priorities import rank
from skillframe.insights.report_types import HistoryLine, PersonReport, RoleSection

GROUPS = {
    1: "Project Portfolio Management",
    2: "Business analysis and change management",
    3: "Leadership and personal",
    4: "Management and Leadership National Occupational Standards",
}


def requirements() -> list[Requirement]:
    return [
        Requirement(
            1, "PPM-PPL", "Project and programme planning", "axelos", "skill", 3, "essential"
        ),
        Requirement(
            2,
            "BACM-SMC",
            "Stakeholder management and communication",
            "axelos",
            "skill",
            3,
            "essential",
        ),
        Requirement(3, "LP-LTW", "Leadership and teamwork", "axelos", "skill", 3, "desirable"),
        Requirement(
            4,
            "INSML005",
            "Provide leadership to your team",
            "nos-ml",
            "unit",
            None,
            "essential",
            item_ids=(10, 11, 12, 13),
        ),
    ]


OBSERVED = {
    1: Observation(2, "", True),
    2: Observation(4, "", False),
    10: Observation(None, "competent", True),
    11: Observation(None, "not-yet", True),
    12: Observation(None, "not-applicable", True),
}


def sample_report(
    reqs: list[Requirement] | None = None,
    history: int = 3,
    comment: str = "Agreed",
    groups: dict[int, str] | None = None,
) -> PersonReport:
    gaps = analyse(reqs if reqs is not None else requirements(), OBSERVED)
    section = RoleSection(
        "Current role", "project-manager", "Project manager", gaps, groups or GROUPS
    )
    priorities = rank(gaps, None, {}, {})
    lines = tuple(
        HistoryLine(
            datetime(2026, 3, 1 + n % 28, 9),
            "PPM-PPL",
            "Project and programme planning",
            "level 2",
            "Manager",
            "Bob Baker",
            comment,
        )
        for n in range(history)
    )
    return PersonReport(
        name="Alice Archer",
        employee_id="E-alice",
        username="alice",
        job_title="Project manager",
        unit="Delivery",
        manager="Bob Baker",
        generated=date(2026, 3, 2),
        roles=(section,),
        priorities=tuple(priorities),
        priorities_total=len(priorities),
        history=lines,
    )
