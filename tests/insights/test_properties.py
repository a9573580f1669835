"""Property tests (hypothesis) for gaps, role fit and priorities."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from skillframe.insights.gaps import Observation, Requirement, analyse
from skillframe.insights.priorities import PriorityWeights, rank

COMPETENCES = ("competent", "not-yet", "not-applicable")

weights_st = st.builds(
    PriorityWeights,
    **{
        name: st.floats(0, 10, allow_nan=False)
        for name in ("gap", "essential", "desirable", "target_role", "goal", "interest", "stale")
    },
)


@st.composite
def profiles(draw: st.DrawFn) -> tuple[list[Requirement], dict[int, Observation]]:
    """Up to 6 level requirements (ids 1..6) and up to 3 NOS units with items (ids 100+)."""
    reqs: list[Requirement] = []
    obs: dict[int, Observation] = {}
    for i in range(1, draw(st.integers(0, 6)) + 1):
        target = draw(st.integers(0, 5))
        reqs.append(
            Requirement(
                i,
                f"S{i}",
                "",
                "axelos",
                "skill",
                target,
                draw(st.sampled_from(["essential", "desirable"])),
                draw(st.floats(0.1, 5)),
            )
        )
        if draw(st.booleans()):
            obs[i] = Observation(
                draw(st.integers(1, 7)), "", draw(st.booleans()), draw(st.booleans())
            )
    for u in range(draw(st.integers(0, 3))):
        unit_id = 100 + 100 * u
        items = tuple(range(unit_id + 1, unit_id + 1 + draw(st.integers(0, 8))))
        reqs.append(
            Requirement(
                unit_id,
                f"U{u}",
                "",
                "nos-ml",
                "unit",
                None,
                draw(st.sampled_from(["essential", "desirable"])),
                draw(st.floats(0.1, 5)),
                None,
                items,
            )
        )
        for item in (unit_id, *items):
            if draw(st.booleans()):
                obs[item] = Observation(
                    None, draw(st.sampled_from(COMPETENCES)), draw(st.booleans()), False
                )
    return reqs, obs


def scores(reqs, obs, goals, interests, weights) -> dict[int, float]:
    report = analyse(reqs, obs)
    return {p.element_id: p.score for p in rank(report, report, goals, interests, weights)}


@given(profiles(), weights_st, st.data())
@settings(max_examples=200, deadline=None)
def test_raising_a_rating_never_raises_that_elements_priority(profile, weights, data) -> None:
    reqs, obs = profile
    level_ids = [r.element_id for r in reqs if r.target_level is not None]
    item_ids = [i for r in reqs for i in r.item_ids]
    if not level_ids and not item_ids:
        return
    goals = {r.element_id: 1.0 for r in reqs if data.draw(st.booleans())}
    interests = {r.element_id: True for r in reqs if data.draw(st.booleans())}
    before = scores(reqs, obs, goals, interests, weights)
    raised = dict(obs)
    if level_ids and (not item_ids or data.draw(st.booleans())):
        element_id = data.draw(st.sampled_from(level_ids))
        old = obs.get(element_id)
        level = (old.level or 0) if old else 0
        new_level = data.draw(st.integers(max(1, level), 8))
        raised[element_id] = Observation(
            new_level, "", old.validated if old else True, old.stale if old else False
        )
        owner = element_id
    else:
        item = data.draw(st.sampled_from(item_ids))
        old = obs.get(item)
        raised[item] = Observation(
            None, "competent", old.validated if old else True, old.stale if old else False
        )
        owner = next(r.element_id for r in reqs if item in r.item_ids)
    after = scores(reqs, raised, goals, interests, weights)
    # An element that left the list (now met) scores 0; every term is non-negative.
    assert after.get(owner, 0.0) <= before.get(owner, 0.0) + 1e-9


@given(profiles())
@settings(max_examples=200, deadline=None)
def test_role_fit_is_a_share_and_gaps_are_consistent(profile) -> None:
    reqs, obs = profile
    report = analyse(reqs, obs)
    assert 0.0 <= report.role_fit <= 1.0
    for gap in report.gaps:
        assert 0.0 <= gap.attainment <= 1.0
        assert gap.met == (gap.attainment >= 1.0)
        assert gap.gap >= 0 and gap.above >= 0
        assert set(gap.unrated_ids) <= set(gap.missing_ids)
        if gap.status == "unknown":
            assert gap.current is None
    assert all(g.essential and not g.met for g in report.essential_gaps)


@given(profiles(), weights_st, st.randoms(use_true_random=False))
@settings(max_examples=150, deadline=None)
def test_ranking_is_sorted_deterministic_and_independent_of_requirement_order(
    profile, weights, rnd: random.Random
) -> None:
    reqs, obs = profile
    ranked = rank(analyse(reqs, obs), None, {}, {}, weights)
    shuffled = list(reqs)
    rnd.shuffle(shuffled)
    again = rank(analyse(shuffled, obs), None, {}, {}, weights)
    assert [p.element_id for p in ranked] == [p.element_id for p in again]
    assert all(p.score >= 0 and p.reasons for p in ranked)
    rounded = [round(p.score, 9) for p in ranked]
    assert rounded == sorted(rounded, reverse=True)
    assert {p.element_id for p in ranked} == {
        g.element_id for g in analyse(reqs, obs).gaps if not g.met
    }
