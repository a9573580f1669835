"""The numpy kernel agrees with the pure-Python gaps and priorities on random teams."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skillframe.insights import kernel
from skillframe.insights.gaps import Observation, Requirement, analyse
from skillframe.insights.priorities import PriorityWeights, rank

COMPETENCES = ("", "competent", "not-yet", "not-applicable")


def build(seed: int, people: int, levels: int, units: int, max_items: int):
    """The same random team twice: as Python inputs and as kernel arrays."""
    rnd = np.random.default_rng(seed)
    reqs: list[Requirement] = []
    for i in range(levels):
        reqs.append(
            Requirement(i + 1, f"S{rnd.integers(0, 99):02d}-{i}", "", "axelos", "skill",
                        int(rnd.integers(0, 6)), rnd.choice(["essential", "desirable"]),
                        float(rnd.choice([0.5, 1.0, 2.0])))
        )  # fmt: skip
    next_id = 1000
    item_unit: list[int] = []
    for u in range(units):
        n = int(rnd.integers(0, max_items + 1))
        ids = tuple(range(next_id + 1, next_id + 1 + n))
        reqs.append(
            Requirement(next_id, f"U{u}", "", "nos-ml", "unit", None,
                        rnd.choice(["essential", "desirable"]), 1.0, None, ids)
        )  # fmt: skip
        item_unit += [levels + u] * n
        next_id += 100
    goal = {r.element_id: float(rnd.choice([0.0, 0.0, 1.0, 2.5])) for r in reqs}
    order = sorted(range(len(reqs)), key=lambda i: (reqs[i].code, reqs[i].element_id))
    code_rank = np.empty(len(reqs), dtype=np.intp)
    code_rank[order] = np.arange(len(reqs))
    profile = kernel.Profile(
        target=np.array(
            [np.nan if r.target_level is None else r.target_level for r in reqs], dtype=float
        ),
        weight=np.array([r.weight for r in reqs], dtype=float),
        essential=np.array([r.essential for r in reqs], dtype=bool),
        item_unit=np.array(item_unit, dtype=np.intp),
        code_rank=code_rank,
        goal=np.array([goal[r.element_id] for r in reqs], dtype=float),
    )
    item_ids = [i for r in reqs for i in r.item_ids]
    obs: list[dict[int, Observation]] = []
    interests: list[dict[int, bool]] = []
    shape = (people, len(reqs))
    level = np.full(shape, np.nan)
    own = np.zeros(shape, dtype=np.int8)
    stale = np.zeros(shape, dtype=bool)
    items = np.zeros((people, len(item_ids)), dtype=np.int8)
    item_stale = np.zeros((people, len(item_ids)), dtype=bool)
    interest = np.zeros(shape, dtype=bool)
    for p in range(people):
        mine: dict[int, Observation] = {}
        for j, r in enumerate(reqs):
            validated, old = bool(rnd.integers(0, 2)), bool(rnd.integers(0, 2))
            if r.by_level and rnd.random() < 0.7:
                mine[r.element_id] = Observation(int(rnd.integers(1, 7)), "", validated, old)
                level[p, j] = mine[r.element_id].level
                stale[p, j] = validated and old
            elif not r.by_level and rnd.random() < 0.3:
                code = str(rnd.choice(COMPETENCES[1:]))
                mine[r.element_id] = Observation(None, code, validated, old)
                own[p, j] = kernel.CODES[code]
                stale[p, j] = validated and old
        for k, item in enumerate(item_ids):
            code = str(rnd.choice(COMPETENCES))
            if code:
                validated, old = bool(rnd.integers(0, 2)), bool(rnd.integers(0, 2))
                mine[item] = Observation(None, code, validated, old)
                items[p, k] = kernel.CODES[code]
                item_stale[p, k] = validated and old
        wants = {r.element_id: True for r in reqs if rnd.random() < 0.2}
        interest[p] = [r.element_id in wants for r in reqs]
        obs.append(mine)
        interests.append(wants)
    team = kernel.Team(level, own, stale, items, item_stale, interest)
    return reqs, obs, goal, interests, profile, team


@given(
    st.integers(0, 2**32 - 1),
    st.integers(1, 6),
    st.integers(0, 8),
    st.integers(0, 4),
    st.builds(PriorityWeights, gap=st.sampled_from([0.0, 1.0, 4.0]),
              interest=st.sampled_from([0.0, 1.0]), stale=st.sampled_from([0.0, 2.0])),
)  # fmt: skip
@settings(max_examples=60, deadline=None)
def test_kernel_matches_the_python_path(seed, people, levels, units, weights) -> None:
    reqs, obs, goal, interests, profile, team = build(seed, people, levels, units, 6)
    result = kernel.analyse(profile, team, weights)
    for p in range(people):
        report = analyse(reqs, obs[p])
        assert result.role_fit[p] == pytest.approx(report.role_fit)
        assert list(result.attainment[p]) == pytest.approx([g.attainment for g in report.gaps])
        ranked = rank(report, None, goal, interests[p], weights)
        n = int(result.unmet[p])
        assert n == len(ranked)
        assert [reqs[j].element_id for j in result.order[p, :n]] == [x.element_id for x in ranked]
        assert list(result.score[p, result.order[p, :n]]) == pytest.approx(
            [x.score for x in ranked]
        )
