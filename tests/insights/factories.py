"""Small builders for the pure insights tests (no database)."""

from __future__ import annotations

from skillframe.insights.gaps import Observation, Requirement


def level_req(
    element_id: int,
    code: str,
    target: int,
    importance: str = "essential",
    weight: float = 1.0,
) -> Requirement:
    return Requirement(
        element_id, code, f"Skill {code}", "axelos", "skill", target, importance, weight
    )


def unit_req(
    element_id: int,
    code: str,
    items: tuple[int, ...],
    importance: str = "essential",
    weight: float = 1.0,
) -> Requirement:
    return Requirement(
        element_id, code, f"Unit {code}", "nos-ml", "unit", None, importance, weight, "INSML", items
    )


def rated(level: int, validated: bool = True, stale: bool = False) -> Observation:
    return Observation(level, "", validated, stale)


def judged(competence: str, validated: bool = True, stale: bool = False) -> Observation:
    return Observation(None, competence, validated, stale)


# The worked example of docs/insights.md, computed by hand in test_gaps and test_priorities.
A = level_req(1, "PPM-PPL", 3)
B = level_req(2, "BACM-SMC", 3, weight=2.0)
C = level_req(3, "LP-LTW", 3, importance="desirable")
U = unit_req(10, "INSML005", (11, 12, 13, 14, 15, 16))

OBSERVATIONS = {
    1: rated(2),  # one level below, validated
    2: rated(4, validated=False),  # one above, self-assessed only
    # 3: no rating at all
    11: judged("competent"),
    12: judged("competent", validated=False),
    13: judged("not-yet", stale=True),
    14: judged("not-applicable"),
    # 15: unrated
    16: judged("competent"),
}
