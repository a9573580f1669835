"""The suggested level: hand-computed cases of the rule in wizard.suggest_level."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skillframe.assessments.wizard import suggest_level

# A skill defined at levels 2–4, like PPM-PPL: four, four and three statements.
LEVELS = {
    2: ["L2.1", "L2.2", "L2.3", "L2.4"],
    3: ["L3.1", "L3.2", "L3.3", "L3.4"],
    4: ["L4.1", "L4.2", "L4.3"],
}


@pytest.mark.parametrize(
    ("ticked", "expected"),
    [
        ([], None),  # nothing ticked, nothing suggested
        (["L2.1"], None),  # 1 of 4 is less than half
        (["L2.1", "L2.2"], 2),  # 2 of 4 is half
        (["L2.1", "L3.1", "L3.2"], 3),  # level 2 has a tick, 2 of 4 at level 3
        (["L3.1", "L3.2", "L3.3", "L3.4"], None),  # all of level 3 but nothing at level 2
        (["L2.1", "L3.1", "L4.1", "L4.2"], 4),  # 2 of 3 at level 4, a tick at 2 and at 3
        (["L2.1", "L2.2", "L4.1", "L4.2", "L4.3"], 2),  # level 3 untouched: 4 is out of reach
        (["L2.1", "L3.1", "L4.1"], None),  # 1 of 3 at 4, 1 of 4 at 3, 1 of 4 at 2: none is half
        (["L2.1", "L2.2", "L3.1", "L4.1"], 2),  # 1 of 3 at level 4 is less than half
        (["elsewhere.L3.1", "L2.1"], None),  # codes of other skills count for nothing
    ],
)
def test_suggested_level_follows_the_rule(ticked: list[str], expected: int | None) -> None:
    assert suggest_level(LEVELS, ticked) == expected


def test_levels_without_statements_neither_count_nor_block() -> None:
    levels = {1: [], 2: ["a", "b"], 3: ["c", "d", "e"]}
    assert suggest_level(levels, ["a"]) == 2  # 1 of 2 is half; empty level 1 does not block
    assert suggest_level(levels, ["a", "c", "d"]) == 3
    assert suggest_level({1: [], 2: []}, []) is None  # no statements, no evidence


def test_an_undefined_level_in_between_is_skipped() -> None:
    levels = {1: ["a", "b"], 3: ["c", "d"]}  # level 2 not defined for this skill
    assert suggest_level(levels, ["a", "c"]) == 3


@settings(deadline=None)  # the parallel suite can stall a worker; this is not a timing test
@given(
    st.dictionaries(
        st.integers(1, 7), st.lists(st.text(min_size=1, max_size=3), max_size=5), max_size=7
    ),
    st.lists(st.text(min_size=1, max_size=3), max_size=12),
)
def test_a_suggestion_always_has_half_its_statements_ticked(
    levels: dict[int, list[str]], ticked: list[str]
) -> None:
    suggestion = suggest_level(levels, ticked)
    if suggestion is not None:
        codes = set(levels[suggestion])
        assert 2 * len(codes & set(ticked)) >= len(codes) > 0
        for lower in (n for n in levels if n < suggestion and levels[n]):
            assert set(levels[lower]) & set(ticked)
