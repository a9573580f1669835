"""Gap analysis with hand-computed expected values (pure, no database)."""

from __future__ import annotations

import pytest

from skillframe.insights.gaps import Requirement, analyse, gap_for, role_fit
from tests.insights.factories import OBSERVATIONS, A, B, C, U, judged, level_req, rated, unit_req


def test_the_worked_example() -> None:
    report = analyse([A, B, C, U], OBSERVATIONS)
    a, b, c, u = report.gaps

    assert (a.current, a.status, a.gap, a.met, a.above) == (2, "validated", 1.0, False, 0)
    assert a.attainment == pytest.approx(2 / 3)

    assert (b.current, b.status, b.gap, b.met, b.above) == (4, "unvalidated", 0.0, True, 1)
    assert b.attainment == 1.0

    assert (c.current, c.status, c.gap, c.met, c.attainment) == (None, "unknown", 3.0, False, 0)

    # Six items, one not applicable: 5 applicable, 3 competent (11, 12, 16).
    assert (u.competent_count, u.applicable_count) == (3, 5)
    assert u.share_competent == pytest.approx(0.6)
    assert u.gap == pytest.approx(0.4)
    assert u.missing_ids == (13, 15)
    assert u.unrated_ids == (15,)
    assert u.status == "unvalidated"  # item 12 is self-assessed only
    assert u.stale is True  # item 13's validated rating is past review
    assert u.current is None and not u.met

    # (1 × 2/3 + 2 × 1 + 1 × 0 + 1 × 0.6) / (1 + 2 + 1 + 1) = 3.2667 / 5
    assert report.role_fit == pytest.approx((2 / 3 + 2 + 0 + 0.6) / 5)
    assert report.role_fit_percent == 65
    assert [g.code for g in report.essential_gaps] == ["PPM-PPL", "INSML005"]
    assert [g.code for g in report.strengths] == ["BACM-SMC"]
    assert report.met_count == 1


def test_no_requirements_fit_is_one() -> None:
    report = analyse([], {})
    assert report.role_fit == 1.0
    assert report.gaps == report.essential_gaps == report.strengths == ()


def test_nothing_rated_fit_is_zero_and_everything_unknown() -> None:
    report = analyse([A, B, U], {})
    assert report.role_fit == 0.0
    assert {g.status for g in report.gaps} == {"unknown"}
    assert report.gaps[2].missing_ids == (11, 12, 13, 14, 15, 16)
    assert report.gaps[2].unrated_ids == report.gaps[2].missing_ids


def test_a_level_rating_without_a_level_is_unknown() -> None:
    # A competence judgement on a level requirement says nothing about the level.
    gap = gap_for(A, {1: judged("competent")})
    assert (gap.status, gap.current, gap.gap, gap.attainment) == ("unknown", None, 3.0, 0.0)


def test_target_level_zero_is_met_by_anything() -> None:
    zero = level_req(5, "ZERO", 0)
    assert gap_for(zero, {}).met
    assert gap_for(zero, {}).attainment == 1.0
    assert gap_for(zero, {5: rated(1)}).above == 1


def test_every_item_not_applicable_is_met() -> None:
    unit = unit_req(20, "INSML011", (21, 22))
    gap = gap_for(unit, {21: judged("not-applicable"), 22: judged("not-applicable")})
    assert (gap.share_competent, gap.met, gap.applicable_count, gap.missing_ids) == (
        1.0,
        True,
        0,
        (),
    )
    assert gap.status == "validated"


def test_a_unit_judgement_stands_in_for_unjudged_items() -> None:
    unit = unit_req(20, "INSML011", (21, 22, 23))
    whole = gap_for(unit, {20: judged("competent")})
    assert (whole.met, whole.share_competent, whole.status) == (True, 1.0, "validated")
    # Item judgements win; the unit's "not yet" (self-assessed) covers the unjudged item 23.
    mixed = gap_for(
        unit,
        {20: judged("not-yet", validated=False), 21: judged("competent"), 22: judged("not-yet")},
    )
    assert (mixed.share_competent, mixed.missing_ids, mixed.unrated_ids) == (1 / 3, (22, 23), ())
    assert mixed.status == "unvalidated"


def test_a_single_criterion_requirement() -> None:
    crit = Requirement(
        30, "INSML005.P1", "P1", "nos-ml", "performance-criterion", None, "essential"
    )
    assert gap_for(crit, {30: judged("not-yet")}).gap == 1.0
    assert gap_for(crit, {30: judged("not-yet")}).missing_ids == (30,)
    assert gap_for(crit, {30: judged("competent", validated=False)}).status == "unvalidated"
    assert gap_for(crit, {30: judged("not-applicable")}).met
    unknown = gap_for(crit, {})
    assert (unknown.status, unknown.attainment, unknown.unrated_ids) == ("unknown", 0.0, (30,))


def test_stale_counts_only_for_validated_ratings() -> None:
    assert gap_for(A, {1: rated(3, stale=True)}).stale
    assert not gap_for(A, {1: rated(3, validated=False, stale=True)}).stale


def test_role_fit_ignores_zero_weights_and_strengths_sort_by_margin() -> None:
    x = level_req(40, "X", 1)
    y = level_req(41, "Y", 2)
    report = analyse([x, y], {40: rated(4), 41: rated(3)})
    assert [g.code for g in report.strengths] == ["X", "Y"]  # 3 above, then 1 above
    assert role_fit(report.gaps) == 1.0
    zero = level_req(42, "Z", 3, weight=0.0)
    assert analyse([x, zero], {40: rated(1)}).role_fit == 1.0
