"""The two seed frameworks as FrameworkSpecs, built from the shipped texts by our own parsers.

Pure Python (no Django): the codes made here are the public contract of DESIGN.md §5.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from skillframe.frameworks.data import SEED_FILES, seed_text
from skillframe.frameworks.kinds import ElementKind
from skillframe.frameworks.parsing.axelos import AxelosFramework, parse_axelos
from skillframe.frameworks.parsing.nos import NosSuite, NosUnit, parse_nos
from skillframe.frameworks.spec import ElementSpec, FrameworkSpec, ScaleLevelSpec

AXELOS_SLUG = "axelos"
NOS_SLUG = "nos-ml"


def axelos_spec(parsed: AxelosFramework) -> FrameworkSpec:
    return FrameworkSpec(
        slug=AXELOS_SLUG,
        title=f"AXELOS {parsed.title}",
        publisher=parsed.publisher,
        version=parsed.version,
        published=parsed.published,
        description=parsed.introduction,
        source=SEED_FILES[AXELOS_SLUG],
        licence_note=f"Content © {parsed.publisher}; reproduced from the published framework.",
        scale=tuple(ScaleLevelSpec(s.number, s.name, s.description) for s in parsed.scale),
        elements=tuple(_axelos_elements(parsed)),
    )


def _axelos_elements(parsed: AxelosFramework) -> Iterator[ElementSpec]:
    for family in parsed.families:
        yield ElementSpec(
            code=family.code, kind=ElementKind.FAMILY, parent_code=None, title=family.title
        )
        emitted_groups: set[str] = set()
        group_titles = {group.code: group.title for group in family.groups}
        for skill in family.skills:
            if skill.group is not None and skill.group not in emitted_groups:
                emitted_groups.add(skill.group)
                yield ElementSpec(
                    code=skill.group,
                    kind=ElementKind.GROUP,
                    parent_code=family.code,
                    title=group_titles[skill.group],
                )
            defined = [level.number for level in skill.levels if level is not None]
            yield ElementSpec(
                code=skill.code,
                kind=ElementKind.SKILL,
                parent_code=skill.group or family.code,
                title=skill.title,
                statement=skill.description,
                metadata={
                    "heading": skill.heading,
                    "levels_defined": defined,
                    # The 2.1 summary table words the description on its own; keep both.
                    "summary_description": skill.summary,
                },
            )
            for level in skill.levels:
                if level is None:
                    continue  # "–" in the source: the skill is not defined at this level
                level_code = f"{skill.code}.L{level.number}"
                yield ElementSpec(
                    code=level_code,
                    kind=ElementKind.LEVEL,
                    parent_code=skill.code,
                    title=f"Level {level.number}",
                    statement=level.headline,
                    level=level.number,
                )
                for number, statement in enumerate(level.statements, start=1):
                    yield ElementSpec(
                        code=f"{level_code}.{number}",
                        kind=ElementKind.STATEMENT,
                        parent_code=level_code,
                        statement=statement,
                        level=level.number,
                    )


def nos_spec(parsed: NosSuite) -> FrameworkSpec:
    return FrameworkSpec(
        slug=NOS_SLUG,
        title=f"{parsed.title} National Occupational Standards",
        publisher=parsed.publisher,
        version=parsed.published.split()[-1],
        published=parsed.published,
        description=(
            f"The UK National Occupational Standards for {parsed.title}: "
            f"{len(parsed.units)} standards, each with performance criteria, knowledge and "
            "understanding, skills and metadata."
        ),
        source=SEED_FILES[NOS_SLUG],
        licence_note=f"Content © {parsed.publisher}; reproduced from the published standards.",
        elements=tuple(element for unit in parsed.units for element in _nos_unit_elements(unit)),
    )


def _nos_unit_elements(unit: NosUnit) -> Iterator[ElementSpec]:
    meta = unit.metadata
    yield ElementSpec(
        code=unit.urn,
        kind=ElementKind.UNIT,
        parent_code=None,
        title=unit.title,
        statement=unit.overview,
        metadata={
            "developed_by": meta.developed_by,
            "version_number": meta.version_number,
            "date_approved": meta.date_approved,
            "indicative_review_date": meta.indicative_review_date,
            "validity": meta.validity,
            "status": meta.status,
            "originating_organisation": meta.originating_organisation,
            "original_urns": list(meta.original_urns),
            "relevant_occupations": list(meta.relevant_occupations),
            "suite": meta.suite,
            "keywords": list(meta.keywords),
            # Every label/value pair exactly as the source prints it, in order.
            "fields": [[label, value] for label, value in meta.fields],
        },
    )
    for item in unit.performance_criteria:
        yield ElementSpec(
            code=f"{unit.urn}.P{item.number}",
            kind=ElementKind.CRITERION,
            parent_code=unit.urn,
            statement=item.text,
        )
    for section in unit.knowledge:
        # A unit whose K&U list has no section headings (INSML011) gets no section element:
        # the source has none, and an invented one would be an empty, untitled element in
        # every export. Its items sit directly under the unit, as its criteria do.
        section_code = f"{unit.urn}.K-{section.kind}" if section.heading else unit.urn
        if section.heading:
            yield ElementSpec(
                code=section_code,
                kind=ElementKind.KNOWLEDGE_SECTION,
                parent_code=unit.urn,
                title=section.heading,
            )
        for item in section.items:
            yield ElementSpec(
                code=f"{unit.urn}.K{item.number}",
                kind=ElementKind.KNOWLEDGE_ITEM,
                parent_code=section_code,
                statement=item.text,
            )
    for number, skill in enumerate(unit.skills, start=1):
        yield ElementSpec(
            code=f"{unit.urn}.S{number}",
            kind=ElementKind.SKILL_ITEM,
            parent_code=unit.urn,
            title=skill,
        )


SEED_BUILDERS: dict[str, Callable[[], FrameworkSpec]] = {
    AXELOS_SLUG: lambda: axelos_spec(parse_axelos(seed_text(AXELOS_SLUG))),
    NOS_SLUG: lambda: nos_spec(parse_nos(seed_text(NOS_SLUG))),
}


def seed_specs() -> list[FrameworkSpec]:
    """Both seed frameworks, parsed from the shipped texts."""
    return [build() for build in SEED_BUILDERS.values()]
