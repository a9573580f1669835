"""Ranked priorities with hand-computed scores, reasons and tie-breaks (pure, no database)."""

from __future__ import annotations

import pytest

from skillframe.insights.gaps import analyse
from skillframe.insights.priorities import PriorityWeights, describe_gap, rank
from tests.insights.factories import OBSERVATIONS, A, B, C, U, judged, level_req, rated, unit_req


def test_the_worked_example() -> None:
    current = analyse([A, B, C, U], OBSERVATIONS)
    ranked = rank(current, None, goal_weights={10: 1.5}, interests={3: True})
    # B is met: never a priority.
    assert [p.code for p in ranked] == ["INSML005", "LP-LTW", "PPM-PPL"]
    u, c, a = ranked
    # 4 × 0.4 × 1 + essential 2 + goal 2 × 1.5 + stale 1 = 7.6
    assert u.score == pytest.approx(7.6)
    assert u.reasons == (
        "essential for your current role",
        "organisation goal this year",
        "3 of 5 items competent",
        "self-assessed, not yet validated",
        "validated rating due for review",
    )
    # 4 × 1 (unknown) + desirable 0.5 + interest 1 = 5.5
    assert c.score == pytest.approx(5.5)
    assert c.reasons == (
        "desirable for your current role",
        "not rated yet (target level 3)",
        "you want to develop this",
    )
    # 4 × 1/3 + essential 2 = 3.333…
    assert a.score == pytest.approx(4 / 3 + 2)
    assert a.reasons == ("essential for your current role", "one level below target")
    assert (a.essential, a.roles, a.current_level, a.target_level) == (True, ("current",), 2, 3)


def test_target_role_counts_and_the_larger_gap_wins() -> None:
    current = analyse([A], {1: rated(2)})
    higher = level_req(1, "PPM-PPL", 4)
    target = analyse([higher, U], {1: rated(2)})
    ranked = rank(current, target, {}, {})
    assert [p.code for p in ranked] == ["INSML005", "PPM-PPL"]
    # Unit unknown: 4 × 1 + essential 2 + target role 1.5 = 7.5
    assert ranked[0].score == pytest.approx(7.5)
    assert ranked[0].reasons == ("essential for your target role", "not rated yet")
    # Target 4 from 2: shortfall 0.5 beats the current role's 1/3: 4 × 0.5 + 2 + 1.5 = 5.5
    ppl = ranked[1]
    assert ppl.score == pytest.approx(5.5)
    assert ppl.roles == ("current", "target")
    assert ppl.target_level == 4
    assert ppl.reasons == (
        "essential for your target and current roles",
        "two levels below target",
    )


def test_met_in_current_but_not_in_target_is_a_priority() -> None:
    current = analyse([A], {1: rated(3)})
    target = analyse([level_req(1, "PPM-PPL", 5, "desirable")], {1: rated(3)})
    (only,) = rank(current, target, {}, {})
    # 4 × 0.4 + essential (current) 2 + target role 1.5 = 5.1
    assert only.score == pytest.approx(5.1)
    assert only.reasons[0] == "essential for your current role; desirable for your target role"


def test_no_reports_no_priorities() -> None:
    assert rank(None, None, {1: 1.0}, {1: True}) == []


def test_met_and_stale_is_not_a_priority() -> None:
    current = analyse([A], {1: rated(3, stale=True)})
    assert rank(current, None, {}, {}) == []


FLAT = PriorityWeights(
    gap=1, essential=1, desirable=1, target_role=0, goal=0, interest=0.5, stale=0
)


def test_ties_essential_first_then_larger_gap_then_code() -> None:
    reqs = [
        level_req(1, "D-DESIRABLE", 2, "desirable"),  # 1 × 0.5 + 1 = 1.5
        level_req(2, "E-ESSENTIAL", 2),  # 1 × 0.5 + 1 = 1.5, essential: first of the two
        level_req(3, "S-SMALL", 2),  # 1 × 0.5 + 1 + interest 0.5 = 2.0
        level_req(4, "L-LARGE", 2),  # unknown: 1 × 1 + 1 = 2.0, larger gap: before S-SMALL
        level_req(5, "B-SAME", 4),  # 1 × 0.5 + 1 = 1.5, essential, same gap: by code
    ]
    obs = {1: rated(1), 2: rated(1), 3: rated(1), 5: rated(2)}
    ranked = rank(analyse(reqs, obs), None, {}, {3: True}, FLAT)
    assert [p.code for p in ranked] == [
        "L-LARGE",
        "S-SMALL",
        "B-SAME",
        "E-ESSENTIAL",
        "D-DESIRABLE",
    ]
    assert [p.score for p in ranked] == pytest.approx([2.0, 2.0, 1.5, 1.5, 1.5])


def test_float_noise_does_not_break_a_tie() -> None:
    # 0.1 + 0.2 != 0.3 in floats; scores compare to 9 decimals so the code decides.
    w = PriorityWeights(
        gap=0, essential=0.1, desirable=0, target_role=0, goal=0.2, interest=0, stale=0
    )
    reqs = [level_req(1, "B", 2), level_req(2, "A", 2, weight=1)]
    report = analyse(reqs, {})
    ranked = rank(report, None, {1: 1.0, 2: 1.0}, {}, w)
    assert [p.code for p in ranked] == ["A", "B"]


def test_weights_must_not_be_negative() -> None:
    with pytest.raises(ValueError, match="goal"):
        PriorityWeights(goal=-1)


def test_describe_gap_words() -> None:
    assert describe_gap(analyse([level_req(1, "X", 5)], {1: rated(1)}).gaps[0]) == (
        "four levels below target"
    )
    assert describe_gap(analyse([unit_req(2, "U", ())], {2: judged("not-yet")}).gaps[0]) == (
        "not yet competent"
    )
    big = level_req(1, "X", 12)
    assert describe_gap(analyse([big], {1: rated(1)}).gaps[0]) == "11 levels below target"
