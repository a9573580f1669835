"""The NOS parser's output against counts and texts verified by reading the source.

The expectations live in ``nos_expected_part1.py`` (INSML001-029) and ``nos_expected_part2.py``
(INSML030-058): pure data, each unit with the source line range that was read. Every check is
parametrized per unit (or per pinned element code) so that a failure names it.

Element codes: ``INSML005.P3`` is the 3rd performance criterion, ``INSML005.K17`` the 17th
knowledge and understanding item counted continuously across the K&U sections (as the source
numbers them), ``INSML005.S2`` the 2nd entry of the Skills list.
"""

from __future__ import annotations

import re

import pytest

from skillframe.frameworks.data import seed_text
from skillframe.frameworks.parsing.nos import NosSuite, NosUnit, NumberedItem, parse_nos

from . import nos_expected_part1, nos_expected_part2
from .nos_expected_types import ExpectedUnit, PinnedText

EXPECTED_UNITS: tuple[ExpectedUnit, ...] = (
    *nos_expected_part1.UNITS,
    *nos_expected_part2.UNITS,
)
PINNED: tuple[PinnedText, ...] = (*nos_expected_part1.PINNED, *nos_expected_part2.PINNED)
ALL_URNS: tuple[str, ...] = tuple(f"INSML{n:03d}" for n in range(1, 59))
KNOWLEDGE_KINDS = ("general", "industry", "context")
CODE_RE = re.compile(r"^(INSML\d{3})\.([PKS])([1-9]\d*)$")


@pytest.fixture(scope="module")
def suite() -> NosSuite:
    return parse_nos(seed_text("nos-ml"))


def _unit(suite: NosSuite, urn: str) -> NosUnit:
    found = [u for u in suite.units if u.urn == urn]
    assert len(found) == 1, (
        f"expected exactly one parsed unit {urn}, found {len(found)}; "
        f"parsed URNs: {[u.urn for u in suite.units]}"
    )
    return found[0]


def _knowledge_items(unit: NosUnit) -> tuple[NumberedItem, ...]:
    return tuple(item for section in unit.knowledge for item in section.items)


def _element_text(suite: NosSuite, code: str) -> str:
    match = CODE_RE.match(code)
    assert match, f"malformed element code {code!r}"
    urn, letter, number = match.group(1), match.group(2), int(match.group(3))
    unit = _unit(suite, urn)
    texts: tuple[str, ...]
    if letter == "P":
        texts = tuple(item.text for item in unit.performance_criteria)
    elif letter == "K":
        texts = tuple(item.text for item in _knowledge_items(unit))
    else:
        texts = unit.skills
    assert number <= len(texts), (
        f"{code}: {urn} has only {len(texts)} {letter}-elements, expected at least {number}"
    )
    return texts[number - 1]


# --- the expectation data itself ----------------------------------------------------------------


def test_expected_units_cover_every_urn_exactly_once() -> None:
    urns = [u.urn for u in EXPECTED_UNITS]
    duplicates = sorted({u for u in urns if urns.count(u) > 1})
    assert not duplicates, f"URNs expected more than once: {duplicates}"
    missing, unknown = sorted(set(ALL_URNS) - set(urns)), sorted(set(urns) - set(ALL_URNS))
    assert sorted(urns) == list(ALL_URNS), f"missing: {missing}, unknown: {unknown}"


def test_expected_parts_are_in_urn_order() -> None:
    for part in (nos_expected_part1.UNITS, nos_expected_part2.UNITS):
        urns = [u.urn for u in part]
        assert urns == sorted(urns)


def test_expected_data_is_well_formed() -> None:
    for expected in EXPECTED_UNITS:
        assert expected.pcs > 0, expected.urn
        assert expected.knowledge, f"{expected.urn}: no knowledge sections"
        kinds = list(expected.knowledge)
        assert set(kinds) <= set(KNOWLEDGE_KINDS), f"{expected.urn}: {kinds}"
        assert kinds == sorted(kinds, key=KNOWLEDGE_KINDS.index), f"{expected.urn}: {kinds}"
        assert all(n > 0 for n in expected.knowledge.values()), expected.urn
        assert expected.original_urns, f"{expected.urn}: no original URNs"
    codes = [p.code for p in PINNED]
    assert len(codes) == len(set(codes)), "a pinned element code appears twice"
    for pinned in PINNED:
        assert CODE_RE.match(pinned.code), f"malformed element code {pinned.code!r}"
        assert pinned.text == pinned.text.strip() and "  " not in pinned.text, pinned.code


# --- the parsed suite ---------------------------------------------------------------------------


def test_suite_holds_all_58_units_in_urn_order(suite: NosSuite) -> None:
    assert [u.urn for u in suite.units] == list(ALL_URNS)


def test_suite_header(suite: NosSuite) -> None:
    assert suite.title == "Management and Leadership"
    assert suite.publisher == "Instructus"
    assert suite.published == "April 2021"


@pytest.mark.parametrize("expected", EXPECTED_UNITS, ids=lambda e: e.urn)
def test_title(suite: NosSuite, expected: ExpectedUnit) -> None:
    assert _unit(suite, expected.urn).title == expected.title


@pytest.mark.parametrize("expected", EXPECTED_UNITS, ids=lambda e: e.urn)
def test_performance_criteria_count(suite: NosSuite, expected: ExpectedUnit) -> None:
    unit = _unit(suite, expected.urn)
    assert len(unit.performance_criteria) == expected.pcs, (
        f"{expected.urn} (source lines {expected.lines}): "
        f"{[i.number for i in unit.performance_criteria]}"
    )


@pytest.mark.parametrize("expected", EXPECTED_UNITS, ids=lambda e: e.urn)
def test_performance_criteria_numbered_in_order(suite: NosSuite, expected: ExpectedUnit) -> None:
    unit = _unit(suite, expected.urn)
    numbers = [item.number for item in unit.performance_criteria]
    assert numbers == list(range(1, len(numbers) + 1)), f"{expected.urn}: {numbers}"


@pytest.mark.parametrize("expected", EXPECTED_UNITS, ids=lambda e: e.urn)
def test_knowledge_sections_and_counts(suite: NosSuite, expected: ExpectedUnit) -> None:
    unit = _unit(suite, expected.urn)
    parsed = {section.kind: len(section.items) for section in unit.knowledge}
    assert [s.kind for s in unit.knowledge] == list(expected.knowledge), (
        f"{expected.urn} (source lines {expected.lines}): section kinds"
    )
    assert parsed == expected.knowledge, f"{expected.urn} (source lines {expected.lines})"


@pytest.mark.parametrize("expected", EXPECTED_UNITS, ids=lambda e: e.urn)
def test_knowledge_numbered_continuously_across_sections(
    suite: NosSuite, expected: ExpectedUnit
) -> None:
    numbers = [item.number for item in _knowledge_items(_unit(suite, expected.urn))]
    assert numbers == list(range(1, len(numbers) + 1)), f"{expected.urn}: {numbers}"


@pytest.mark.parametrize("expected", EXPECTED_UNITS, ids=lambda e: e.urn)
def test_skills_count(suite: NosSuite, expected: ExpectedUnit) -> None:
    unit = _unit(suite, expected.urn)
    assert len(unit.skills) == expected.skills, (
        f"{expected.urn} (source lines {expected.lines}): {list(unit.skills)}"
    )


@pytest.mark.parametrize("expected", EXPECTED_UNITS, ids=lambda e: e.urn)
def test_original_urns(suite: NosSuite, expected: ExpectedUnit) -> None:
    assert _unit(suite, expected.urn).metadata.original_urns == expected.original_urns


@pytest.mark.parametrize("pinned", PINNED, ids=lambda p: p.code)
def test_pinned_text(suite: NosSuite, pinned: PinnedText) -> None:
    assert _element_text(suite, pinned.code) == pinned.text, pinned.why
