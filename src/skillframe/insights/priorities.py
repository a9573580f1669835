"""Ranked development priorities: which gaps to work on first, and why, in words.

PURE Python (no Django import). Inputs are the gap reports against the person's current and
target roles (either may be None), the organisation-goal weight per element, the person's stated
interests and the weights HR may change (`PriorityWeights`; stored in the
`PriorityWeightSettings` model, defaults below).

Which elements: every requirement not met in the current or the target role. A met requirement
is never a priority, even when its rating is stale (the gap page flags the stale rating).

Score: a sum of non-negative terms, each shown as a reason:

    score = gap         × shortfall × requirement weight   (shortfall = 1 − attainment, 0..1;
                                                            unknown ratings count as shortfall 1)
          + essential   if essential in either role, else desirable
          + target_role if required by the target role and not met there
          + goal        × organisation-goal weight of the element (0 when no active goal)
          + interest    if the person said they want to develop it
          + stale       if the validated rating used is past its review date

Where an element is required by both roles, the larger shortfall (and weight) counts. Because
every term but the first is independent of the rating and the first falls as the rating rises,
raising a rating never raises that element's score (tested with hypothesis).

Order: score descending (compared to 9 decimals so float noise never reorders), then essential
before desirable, then the larger shortfall, then code, then element id — fully deterministic.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

from skillframe.insights.gaps import Gap, GapReport


@dataclass(frozen=True)
class PriorityWeights:
    """The weights of the priority score; HR can change them (defaults documented here)."""

    gap: float = 4.0  # × shortfall (0..1) × requirement weight: the size of the gap
    essential: float = 2.0  # the requirement is essential (current or target role)
    desirable: float = 0.5  # the requirement is only desirable
    target_role: float = 1.5  # the target role requires it and it is not met there
    goal: float = 2.0  # × the organisation-goal weight of the element
    interest: float = 1.0  # the person wants to develop it
    stale: float = 1.0  # the validated rating is past its review date

    def __post_init__(self) -> None:
        for name, value in self.as_dict().items():
            if value < 0:
                raise ValueError(f"{name}: a priority weight must not be negative")

    def as_dict(self) -> dict[str, float]:
        return {name: float(getattr(self, name)) for name in self.__dataclass_fields__}


DEFAULT_WEIGHTS = PriorityWeights()


@dataclass(frozen=True)
class Priority:
    element_id: int
    code: str
    title: str
    score: float
    reasons: tuple[str, ...]
    essential: bool = False
    shortfall: float = 0.0
    gap: Gap | None = None  # the gap that counted (the larger of current and target role)
    roles: tuple[str, ...] = ()  # "current" and/or "target"

    @property
    def target_level(self) -> int | None:
        return self.gap.requirement.target_level if self.gap else None

    @property
    def current_level(self) -> int | None:
        return self.gap.current if self.gap else None


_NUMBERS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def number_words(n: int) -> str:
    return _NUMBERS[n] if 0 <= n < len(_NUMBERS) else str(n)


def describe_gap(gap: Gap) -> str:
    """The gap in words: 'two levels below target', '3 of 12 items competent', 'not rated yet'."""
    req = gap.requirement
    if req.by_level:
        if gap.unknown:
            return f"not rated yet (target level {req.target_level})"
        levels = round(gap.gap)
        unit = "level" if levels == 1 else "levels"
        return f"{number_words(levels)} {unit} below target"
    if gap.unknown:
        return "not rated yet"
    if req.item_ids:
        return f"{gap.competent_count} of {gap.applicable_count} items competent"
    return "not yet competent"


def _role_reason(importance: dict[str, str]) -> str:
    # importance: {"current": "essential", "target": "desirable"} for the roles requiring it.
    parts: dict[str, list[str]] = {}
    for role in ("target", "current"):
        if role in importance:
            parts.setdefault(importance[role], []).append(role)
    phrases = []
    for level in ("essential", "desirable"):
        roles = parts.get(level)
        if roles:
            noun = " and ".join(roles) + (" roles" if len(roles) > 1 else " role")
            phrases.append(f"{level} for your {noun}")
    for level, roles in parts.items():  # importances other than the two we know
        if level not in ("essential", "desirable"):
            phrases.append(f"{level} for your {' and '.join(roles)} role")
    return "; ".join(phrases)


_YOUR_ROLES = re.compile(r"for your ((?:target|current)(?: and (?:target|current))?) roles?\b")


def about_someone(priority: Priority, role_titles: Mapping[str, str]) -> Priority:
    """The priority with its reasons worded for someone else reading them (a manager's team
    reports): "their" for "your", and the roles named, e.g. "essential for their current role,
    Project manager". `role_titles`: {"current": title, "target": title} of that person."""

    def roles(match: re.Match[str]) -> str:
        which = match.group(1).split(" and ")
        titles = [role_titles[r] for r in which if role_titles.get(r)]
        noun = f"{match.group(1)} {'roles' if len(which) > 1 else 'role'}"
        return f"for their {noun}" + (f", {' and '.join(titles)}" if titles else "")

    reasons = tuple(
        "they want to develop this"
        if reason == "you want to develop this"
        else _YOUR_ROLES.sub(roles, reason)
        for reason in priority.reasons
    )
    return replace(priority, reasons=reasons)


def _score(
    gaps: dict[str, Gap],
    goal_weight: float,
    interested: bool,
    w: PriorityWeights,
) -> tuple[float, tuple[str, ...], Gap, bool]:
    # The gap that counts: the larger shortfall × weight; the target role wins a tie.
    chosen = max(
        (gaps[r] for r in ("target", "current") if r in gaps),
        key=lambda g: g.shortfall * g.requirement.weight,
    )
    essential = any(g.essential for g in gaps.values())
    score = w.gap * chosen.shortfall * chosen.requirement.weight
    score += w.essential if essential else w.desirable
    reasons = [_role_reason({r: g.requirement.importance for r, g in gaps.items()})]
    target = gaps.get("target")
    if target is not None and not target.met:
        score += w.target_role
    if goal_weight > 0:
        score += w.goal * goal_weight
        reasons.append("organisation goal this year")
    reasons.append(describe_gap(chosen))
    if chosen.status == "unvalidated":
        reasons.append("self-assessed, not yet validated")
    if any(g.stale for g in gaps.values()):
        score += w.stale
        reasons.append("validated rating due for review")
    if interested:
        score += w.interest
        reasons.append("you want to develop this")
    return score, tuple(r for r in reasons if r), chosen, essential


def rank(
    current: GapReport | None,
    target: GapReport | None,
    goal_weights: Mapping[int, float],
    interests: Mapping[int, bool],
    weights: PriorityWeights = DEFAULT_WEIGHTS,
) -> list[Priority]:
    """Every unmet requirement of the current and target roles, ranked (see module docstring)."""
    by_element: dict[int, dict[str, Gap]] = {}
    for role, report in (("current", current), ("target", target)):
        if report is None:
            continue
        for gap in report.gaps:
            by_element.setdefault(gap.element_id, {})[role] = gap
    result: list[Priority] = []
    for element_id, gaps in by_element.items():
        if all(g.met for g in gaps.values()):
            continue
        score, reasons, chosen, essential = _score(
            gaps,
            max(0.0, goal_weights.get(element_id, 0.0)),
            bool(interests.get(element_id, False)),
            weights,
        )
        req = chosen.requirement
        result.append(
            Priority(
                element_id,
                req.code,
                req.title,
                score,
                reasons,
                essential,
                chosen.shortfall,
                chosen,
                tuple(r for r in ("current", "target") if r in gaps),
            )
        )
    result.sort(
        key=lambda p: (
            -round(p.score, 9),
            not p.essential,
            -round(p.shortfall, 9),
            p.code,
            p.element_id,
        )
    )
    return result
