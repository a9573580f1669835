"""The AXELOS parser's output against counts and texts verified by reading the source.

The expectations live in ``axelos_expected.py`` (pure data, with the source line of every
skill). Skills are matched by their summary title or heading, never by the parser's codes.
"""

from __future__ import annotations

import re

import pytest

from skillframe.frameworks.data import seed_text
from skillframe.frameworks.parsing.axelos import (
    AxelosFramework,
    Family,
    LevelDefinition,
    Skill,
    parse_axelos,
)

from .axelos_expected import (
    FAMILIES,
    LEVEL_PREFIXED_HEADLINES,
    PINNED_DESCRIPTIONS,
    PINNED_LEVELS,
    SCALE,
    SCALE_NAMES,
    SKILLS_PER_FAMILY,
    TOTAL_SKILLS,
    ExpectedFamily,
    ExpectedSkill,
    PinnedDescription,
    PinnedLevel,
)

ALL_EXPECTED_SKILLS: tuple[tuple[ExpectedFamily, ExpectedSkill], ...] = tuple(
    (fam, skill) for fam in FAMILIES for skill in fam.skills
)


@pytest.fixture(scope="module")
def framework() -> AxelosFramework:
    return parse_axelos(seed_text("axelos"))


def _family(framework: AxelosFramework, expected: ExpectedFamily) -> Family:
    accepted = {expected.summary_title, expected.section_title, expected.contents_title}
    for family in framework.families:
        if family.title in accepted:
            return family
    raise AssertionError(
        f"no parsed family titled any of {sorted(accepted)}; "
        f"got {[f.title for f in framework.families]}"
    )


def _skill(framework: AxelosFramework, title_or_heading: str) -> Skill:
    found = [s for s in framework.skills() if title_or_heading in (s.title, s.heading)]
    assert len(found) == 1, (
        f"expected exactly one skill with title or heading {title_or_heading!r}, "
        f"found {[(s.code, s.title, s.heading) for s in found]}"
    )
    return found[0]


def _level(skill: Skill, number: int) -> LevelDefinition:
    level = skill.levels[number - 1]
    assert level is not None, f"{skill.title!r} ({skill.code}) level {number} is None"
    return level


def _ids(pairs: tuple[tuple[ExpectedFamily, ExpectedSkill], ...]) -> list[str]:
    return [f"{skill.line}-{skill.title}" for _, skill in pairs]


# --- framework level -------------------------------------------------------------------------


def test_metadata(framework: AxelosFramework) -> None:
    assert framework.title == "Skills Framework"
    assert framework.publisher == "AXELOS"
    assert framework.version == "2015"
    assert framework.published == "September 2015"
    assert framework.introduction.startswith(
        "The AXELOS Skills Framework comprises skills in Project and Programme Management,"
    ), f"introduction starts {framework.introduction[:80]!r}"


def test_scale(framework: AxelosFramework) -> None:
    assert [lv.number for lv in framework.scale] == [1, 2, 3, 4, 5]
    assert tuple(lv.name for lv in framework.scale) == SCALE_NAMES
    for level, (name, description) in zip(framework.scale, SCALE, strict=True):
        assert level.description == description, f"scale level {level.number} ({name})"


def test_family_titles_in_order(framework: AxelosFramework) -> None:
    parsed = [f.title for f in framework.families]
    assert len(parsed) == len(FAMILIES), f"families: {parsed}"
    for family, expected in zip(framework.families, FAMILIES, strict=True):
        accepted = (expected.summary_title, expected.section_title, expected.contents_title)
        assert family.title in accepted, f"family title {family.title!r} not one of {accepted}"


def test_total_skills(framework: AxelosFramework) -> None:
    skills = list(framework.skills())
    assert len(skills) == TOTAL_SKILLS == sum(SKILLS_PER_FAMILY)
    codes = [s.code for s in skills]
    assert len(set(codes)) == len(codes), f"duplicate skill codes: {codes}"
    for skill in skills:
        assert framework.skill(skill.code) is skill


def test_family_codes_unique(framework: AxelosFramework) -> None:
    codes = [f.code for f in framework.families]
    assert len(set(codes)) == len(codes), f"duplicate family codes: {codes}"
    for family in framework.families:
        for skill in family.skills:
            assert skill.family == family.code, f"{skill.title!r} family {skill.family!r}"


@pytest.mark.parametrize("expected", FAMILIES, ids=[f.summary_title for f in FAMILIES])
def test_skills_per_family_by_title(framework: AxelosFramework, expected: ExpectedFamily) -> None:
    family = _family(framework, expected)
    got = [s.title for s in family.skills]
    want = [s.title for s in expected.skills]
    assert got == want, f"{expected.summary_title}: summary titles in section order differ"


@pytest.mark.parametrize("expected", FAMILIES, ids=[f.summary_title for f in FAMILIES])
def test_skills_per_family_by_heading(framework: AxelosFramework, expected: ExpectedFamily) -> None:
    family = _family(framework, expected)
    got = [s.heading for s in family.skills]
    want = [s.heading for s in expected.skills]
    assert got == want, f"{expected.summary_title}: headings in section order differ"


@pytest.mark.parametrize("expected", FAMILIES, ids=[f.summary_title for f in FAMILIES])
def test_groups(framework: AxelosFramework, expected: ExpectedFamily) -> None:
    family = _family(framework, expected)
    assert tuple(g.title for g in family.groups) == expected.groups, (
        f"{expected.summary_title}: group titles"
    )
    group_titles = {g.code: g.title for g in family.groups}
    assert len(group_titles) == len(family.groups), "duplicate group codes"
    for skill, exp in zip(family.skills, expected.skills, strict=True):
        if exp.group is None:
            assert skill.group is None, f"{exp.title!r} (line {exp.line}) should have no group"
        else:
            assert skill.group in group_titles, (
                f"{exp.title!r} (line {exp.line}) group {skill.group!r} is not a group code"
            )
            assert group_titles[skill.group] == exp.group, (
                f"{exp.title!r} (line {exp.line}) is in {group_titles[skill.group]!r}, "
                f"expected {exp.group!r}"
            )


# --- per skill -------------------------------------------------------------------------------


@pytest.mark.parametrize(("family", "expected"), ALL_EXPECTED_SKILLS, ids=_ids(ALL_EXPECTED_SKILLS))
def test_skill_levels(
    framework: AxelosFramework, family: ExpectedFamily, expected: ExpectedSkill
) -> None:
    skill = _skill(framework, expected.title)
    assert skill.heading == expected.heading, f"line {expected.line}: heading"
    assert len(skill.levels) == 5, f"line {expected.line}: {len(skill.levels)} level slots"
    defined = tuple(lv is not None for lv in skill.levels)
    want_defined = tuple(n is not None for n in expected.levels)
    assert defined == want_defined, (
        f"{expected.title!r} (heading line {expected.line}): defined levels {defined}, "
        f"expected {want_defined}"
    )
    counts = tuple(None if lv is None else len(lv.statements) for lv in skill.levels)
    assert counts == expected.levels, (
        f"{expected.title!r} (heading line {expected.line}): statement counts per level "
        f"{counts}, expected {expected.levels}"
    )
    for number, level in enumerate(skill.levels, start=1):
        if level is None:
            continue
        assert level.number == number, f"{expected.title!r}: level slot {number}"
        assert level.headline, f"{expected.title!r} L{number}: empty headline"


@pytest.mark.parametrize(("family", "expected"), ALL_EXPECTED_SKILLS, ids=_ids(ALL_EXPECTED_SKILLS))
def test_texts_are_clean(
    framework: AxelosFramework, family: ExpectedFamily, expected: ExpectedSkill
) -> None:
    skill = _skill(framework, expected.title)
    texts = [skill.title, skill.heading, skill.description]
    for level in skill.levels:
        if level is not None:
            texts.append(level.headline)
            texts.extend(level.statements)
    for text in texts:
        where = f"{expected.title!r} (line {expected.line}): {text!r}"
        assert text == text.strip(), f"untrimmed text in {where}"
        assert text, f"empty text in {where}"
        assert not re.search(r"</?[a-zA-Z][^>]*>", text), f"HTML tag left in {where}"
        assert "\t" not in text and "  " not in text, f"tab or double space in {where}"
        assert "You can" not in text, f"'You can' left in {where}"
        assert not text.startswith(("**", "#")), f"markdown left in {where}"


# --- pinned texts ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "pinned", PINNED_LEVELS, ids=[f"{p.line}-{p.skill_title}-L{p.level}" for p in PINNED_LEVELS]
)
def test_pinned_level_texts(framework: AxelosFramework, pinned: PinnedLevel) -> None:
    level = _level(_skill(framework, pinned.skill_title), pinned.level)
    where = f"{pinned.skill_title!r} L{pinned.level} (line {pinned.line}; {pinned.why})"
    assert level.headline == pinned.headline, f"headline of {where}"
    assert level.statements, f"no statements in {where}"
    assert level.statements[0] == pinned.first, f"first statement of {where}"
    assert level.statements[-1] == pinned.last, f"last statement of {where}"


@pytest.mark.parametrize(
    ("title", "number", "headline"),
    LEVEL_PREFIXED_HEADLINES,
    ids=[f"{t}-L{n}" for t, n, _ in LEVEL_PREFIXED_HEADLINES],
)
def test_level_prefixed_headlines(
    framework: AxelosFramework, title: str, number: int, headline: str
) -> None:
    level = _level(_skill(framework, title), number)
    accepted = (headline, f"Level {number} - {headline}")
    assert level.headline in accepted, f"{title!r} L{number}: {level.headline!r}"


@pytest.mark.parametrize(
    "pinned", PINNED_DESCRIPTIONS, ids=[f"{p.line}-{p.skill_title}" for p in PINNED_DESCRIPTIONS]
)
def test_pinned_descriptions(framework: AxelosFramework, pinned: PinnedDescription) -> None:
    skill = _skill(framework, pinned.skill_title)
    assert skill.description == pinned.text, (
        f"description of {pinned.skill_title!r} (line {pinned.line}; {pinned.why})"
    )


def test_split_summary_title(framework: AxelosFramework) -> None:
    # Summary table lines 126 and 128: "Quality orientation (attention to" / "detail)".
    skill = _skill(framework, "QUALITY ORIENTATION (ATTENTION TO DETIAL)")
    assert skill.title == "Quality orientation (attention to detail)"
