"""The gap, role-fit and priority arithmetic of gaps.py / priorities.py as a bare numpy kernel.

PURE (numpy, no Django). Used by bench/gaps.py as the lower bound the pure-Python path is
compared with, and tested against it (tests/insights/test_kernel.py) so the two cannot drift.
It computes numbers only — attainment, role fit, scores and the ranking — never the words.

Layout: one role profile of R requirements (the people's current role; the target-role term of
the score is not modelled) for P people. Competence judgements are int8 codes
(UNRATED, COMPETENT, NOT_YET, NOT_APPLICABLE). NOS items are I columns grouped by their unit
(`item_unit` is non-decreasing), each unit's items contiguous.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from skillframe.insights.priorities import PriorityWeights

UNRATED, COMPETENT, NOT_YET, NOT_APPLICABLE = 0, 1, 2, 3
CODES = {"": UNRATED, "competent": COMPETENT, "not-yet": NOT_YET, "not-applicable": NOT_APPLICABLE}

Floats = NDArray[np.float64]
Bools = NDArray[np.bool_]
Codes = NDArray[np.int8]
Ints = NDArray[np.intp]


@dataclass(frozen=True)
class Profile:
    target: Floats  # (R,) target level; nan for competence requirements
    weight: Floats  # (R,)
    essential: Bools  # (R,)
    item_unit: Ints  # (I,) requirement index of each item's unit, non-decreasing
    code_rank: Ints  # (R,) position of each requirement's code in sorted order (tie-break)
    goal: Floats  # (R,) organisation-goal weight


@dataclass(frozen=True)
class Team:
    level: Floats  # (P, R) observed level; nan when none
    own: Codes  # (P, R) competence judgement on the element itself
    stale: Bools  # (P, R) the element's validated rating is past review
    items: Codes  # (P, I) competence judgement per NOS item
    item_stale: Bools  # (P, I) the item's validated rating is past review
    interest: Bools  # (P, R)


@dataclass(frozen=True)
class Result:
    attainment: Floats  # (P, R)
    met: Bools  # (P, R)
    role_fit: Floats  # (P,)
    score: Floats  # (P, R); 0 where met
    order: Ints  # (P, R) requirement indices, highest priority first (met ones last)
    unmet: NDArray[np.intp]  # (P,) how many leading entries of `order` are priorities


def _competence(profile: Profile, team: Team) -> tuple[Floats, Bools, Bools]:
    """Share competent, whether any item exists, and staleness for every (person, unit)."""
    reqs = team.own.shape[1]
    own = team.own
    share = np.where(own == COMPETENT, 1.0, 0.0)
    share[own == NOT_APPLICABLE] = 1.0
    stale = team.stale.copy()
    has_items = np.zeros(reqs, dtype=bool)
    if profile.item_unit.size:
        units, starts = np.unique(profile.item_unit, return_index=True)
        has_items[units] = True
        # An item without its own judgement takes the unit's, as in gaps.py.
        eff = np.where(team.items == UNRATED, own[:, profile.item_unit], team.items)
        competent = np.add.reduceat((eff == COMPETENT).astype(np.int32), starts, axis=1)
        applicable = np.add.reduceat((eff != NOT_APPLICABLE).astype(np.int32), starts, axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            unit_share = np.where(applicable > 0, competent / np.maximum(applicable, 1), 1.0)
        share[:, units] = unit_share
        inherited = (team.items == UNRATED) & team.stale[:, profile.item_unit]
        item_stale = (team.item_stale & (team.items != UNRATED)) | inherited
        stale[:, units] = np.logical_or.reduceat(item_stale, starts, axis=1)
    return share, has_items, stale


def analyse(profile: Profile, team: Team, weights: PriorityWeights) -> Result:
    """Attainment, role fit, priority scores and ranking for the whole team at once."""
    by_level = ~np.isnan(profile.target)
    target = np.where(by_level, profile.target, 1.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        level_att = np.where(
            target <= 0, 1.0, np.minimum(1.0, np.nan_to_num(team.level, nan=0.0) / target)
        )
    share, _, comp_stale = _competence(profile, team)
    attainment = np.where(by_level, level_att, share)
    met = attainment >= 1.0
    stale = np.where(by_level, team.stale, comp_stale)
    total = profile.weight.sum()
    role_fit = attainment @ profile.weight / total if total > 0 else np.ones(attainment.shape[0])
    importance = np.where(profile.essential, weights.essential, weights.desirable)
    score = (
        weights.gap * (1.0 - attainment) * profile.weight
        + importance
        + weights.goal * profile.goal
        + weights.interest * team.interest
        + weights.stale * stale
    )
    score = np.where(met, 0.0, score)
    # Rank: unmet first, then score (to 9 decimals), essential, shortfall, code — as rank().
    keys = (
        profile.code_rank[None, :].repeat(score.shape[0], axis=0),
        -np.round(1.0 - attainment, 9),
        ~profile.essential[None, :].repeat(score.shape[0], axis=0),
        -np.round(score, 9),
        met,
    )
    order = np.lexsort(keys, axis=-1)
    return Result(attainment, met, role_fit, score, order, (~met).sum(axis=1))
