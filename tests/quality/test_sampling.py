"""The draw kernel (quality/sampling.py): reproducible, stratified, rates honoured."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skillframe.quality.sampling import Decision, digest, draw, wanted


def population() -> list[Decision]:
    # Three raters × two standards, sizes 1 to 40.
    decisions = []
    pk = 0
    for rater, sizes in ((1, (40, 3)), (2, (1, 17)), (3, (9, 25))):
        for standard, size in zip((100, 200), sizes, strict=True):
            for _ in range(size):
                pk += 1
                decisions.append(Decision(pk, rater, standard))
    return decisions


def ten_percent(rater: int, standard: int, method: str) -> tuple[int, str]:
    return 10, "base rate"


def drawn_ids(strata: list) -> set[int]:
    return {pk for s in strata for pk in s.drawn}


def test_the_same_seed_draws_the_same_sample_in_any_order() -> None:
    decisions = population()
    first = draw(decisions, ten_percent, seed=2026)
    shuffled = decisions[:]
    random.Random(1).shuffle(shuffled)
    again = draw(shuffled, ten_percent, seed=2026)
    assert first == again
    assert drawn_ids(draw(decisions, ten_percent, seed=2027)) != drawn_ids(first)


def test_every_rater_and_standard_is_covered_and_each_stratum_meets_its_rate() -> None:
    strata = draw(population(), ten_percent, seed=5)
    assert {(s.rater, s.standard) for s in strata} == {
        (r, st) for r in (1, 2, 3) for st in (100, 200)
    }
    by_stratum = {(s.rater, s.standard): (s.decisions, len(s.drawn)) for s in strata}
    # Hand-computed: ceil(10% of n), at least one.
    assert by_stratum == {
        (1, 100): (40, 4),
        (1, 200): (3, 1),
        (2, 100): (1, 1),
        (2, 200): (17, 2),
        (3, 100): (9, 1),
        (3, 200): (25, 3),
    }


def test_risk_based_rates_per_stratum_are_honoured() -> None:
    def rate(rater: int, standard: int, method: str) -> tuple[int, str]:
        if rater == 2:
            return 50, "new assessor"
        if standard == 200:
            return 100, "standard rule"
        return 10, "base rate"

    strata = {(s.rater, s.standard): s for s in draw(population(), rate, seed=9)}
    assert len(strata[2, 200].drawn) == 9 and strata[2, 200].reason == "new assessor"
    assert len(strata[1, 200].drawn) == 3 and len(strata[3, 200].drawn) == 25
    assert len(strata[1, 100].drawn) == 4


def test_wanted_and_digest() -> None:
    assert [wanted(n, 10) for n in (0, 1, 10, 11, 20)] == [0, 1, 1, 2, 2]
    assert wanted(3, 100) == 3
    with pytest.raises(ValueError, match="1 to 100"):
        wanted(3, 0)
    assert digest([3, 1, 2]) == digest([1, 2, 3, 3]) != digest([1, 2])


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    sizes=st.lists(st.integers(min_value=1, max_value=30), min_size=1, max_size=8),
    rate=st.integers(min_value=1, max_value=100),
    seed=st.integers(min_value=0, max_value=2**62),
)
def test_property_every_stratum_is_sampled_at_its_rate(
    sizes: list[int], rate: int, seed: int
) -> None:
    decisions = [
        Decision(stratum * 100 + i, stratum, stratum % 3)
        for stratum, size in enumerate(sizes)
        for i in range(size)
    ]
    strata = draw(decisions, lambda r, s, m: (rate, "rate"), seed)
    assert len(strata) == len(sizes)
    for s in strata:
        assert len(s.drawn) >= 1 and len(s.drawn) * 100 >= s.decisions * rate
        assert (len(s.drawn) - 1) * 100 < s.decisions * rate  # no more than needed
    assert strata == draw(list(reversed(decisions)), lambda r, s, m: (rate, "rate"), seed)


def test_each_evidence_method_is_a_stratum_of_its_own() -> None:
    decisions = [Decision(i, 1, 100, "witness" if i % 4 == 0 else "file") for i in range(1, 41)]

    def rate(rater: int, standard: int, method: str) -> tuple[int, str]:
        return (50, "method rule") if method == "witness" else (10, "base rate")

    strata = {s.method: s for s in draw(decisions, rate, seed=1)}
    assert (strata["witness"].decisions, len(strata["witness"].drawn)) == (10, 5)
    assert (strata["file"].decisions, len(strata["file"].drawn)) == (30, 3)
