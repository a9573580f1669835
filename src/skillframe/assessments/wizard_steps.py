"""One wizard step in detail: what it shows, what has been saved in it, and saving it.

Saving appends ratings through `record_rating` (source "self"), so permission and value checks
live there once. A step saved again with the same values appends nothing: the HTMX form saves
as the person goes, and re-saving an unchanged step must not flood the append-only history.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.db import transaction

from skillframe.assessments.models import Interest, Rating, SelfAssessment, Source
from skillframe.assessments.ratings import record_rating
from skillframe.assessments.wizard import Step, ensure_editable, suggest_level
from skillframe.frameworks.kinds import ElementKind
from skillframe.frameworks.models import Element, ScaleLevel
from skillframe.people.models import Person


@dataclass
class LevelOption:
    """One scale level for a skill; `definition` is None where the skill has no such level."""

    number: int
    name: str
    description: str
    definition: Element | None = None
    statements: list[Element] = field(default_factory=list)


@dataclass
class Section:
    title: str
    items: list[Element]


@dataclass
class StepDetail:
    step: Step
    levels: list[LevelOption] = field(default_factory=list)  # "levels" steps
    sections: list[Section] = field(default_factory=list)  # "unit" and "single" steps
    latest: dict[int, Rating] = field(default_factory=dict)  # item id → newest self rating here
    wants: bool | None = None  # newest interest in the step's element, if any

    @property
    def defined_levels(self) -> dict[int, list[str]]:
        return {
            level.number: [s.code for s in level.statements]
            for level in self.levels
            if level.definition is not None
        }

    @property
    def current(self) -> Rating | None:
        """The newest rating of the skill itself ("levels" and "single" steps)."""
        return self.latest.get(self.step.element.pk)

    def suggested(self, ticked: Sequence[str] | None = None) -> int | None:
        if ticked is None:
            ticked = self.current.statements_met if self.current else []
        return suggest_level(self.defined_levels, ticked)


def _levels(skill: Element) -> list[LevelOption]:
    options = [
        LevelOption(scale.number, scale.name, scale.description)
        for scale in ScaleLevel.objects.filter(framework_id=skill.framework_id).order_by("number")
    ]
    by_number = {option.number: option for option in options}
    definitions: dict[int, LevelOption] = {}
    for definition in Element.objects.filter(parent=skill, kind=ElementKind.LEVEL).order_by(
        "ordinal"
    ):
        option = by_number.get(definition.level or 0)
        if option is not None:
            option.definition = definition
            definitions[definition.pk] = option
    statements = Element.objects.filter(parent__parent=skill, kind=ElementKind.STATEMENT).order_by(
        "ordinal"
    )
    for statement in statements:
        if statement.parent_id in definitions:
            definitions[statement.parent_id].statements.append(statement)
    return options


def _sections(step: Step) -> list[Section]:
    if step.kind == "single":
        return [Section(step.element.label, [step.element])]
    items = (
        Element.objects.filter(pk__in=step.item_ids).select_related("parent").order_by("ordinal")
    )
    sections: list[Section] = []
    for item in items:
        if item.kind == ElementKind.CRITERION:
            title = "Performance criteria"
        elif item.parent and item.parent.kind == ElementKind.KNOWLEDGE_SECTION:
            title = item.parent.title or "Knowledge and understanding"
        else:
            title = "Knowledge and understanding"
        if not sections or sections[-1].title != title:
            sections.append(Section(title, []))
        sections[-1].items.append(item)
    return sections


def load_detail(assessment: SelfAssessment, step: Step) -> StepDetail:
    detail = StepDetail(step)
    if step.kind == "levels":
        detail.levels = _levels(step.element)
    else:
        detail.sections = _sections(step)
    rows = Rating.objects.filter(
        assessment=assessment, source=Source.SELF, element_id__in=step.item_ids
    ).order_by("-created_at", "-id")
    for rating in rows:
        detail.latest.setdefault(rating.element_id, rating)
    interest = Interest.objects.filter(person=assessment.person, element=step.element).first()
    detail.wants = interest.wants_to_develop if interest else None
    return detail


def _record_interest(
    person: Person, element: Element, wants: bool | None, old: bool | None
) -> bool:
    if wants is None or wants == old:
        return False
    Interest.objects.create(person=person, element=element, wants_to_develop=wants)
    return True


def save_levels(
    user: User | AnonymousUser,
    assessment: SelfAssessment,
    detail: StepDetail,
    *,
    ticked: Sequence[str],
    level: int | None,
    confidence: int | None,
    comment: str,
    wants: bool | None,
) -> bool:
    """Save an AXELOS skill step; True if anything new was recorded. Raises ValidationError
    naming the field (nothing saved) when the level is missing or not defined for the skill."""
    ensure_editable(assessment)
    defined = detail.defined_levels
    if level is None:
        raise ValidationError({"level": "choose the level that fits you"})
    if level not in defined:
        shown = ", ".join(map(str, sorted(defined))) or "none"
        raise ValidationError(
            {"level": f"level {level} is not defined for {detail.step.code} (defined: {shown})"}
        )
    known = {code for codes in defined.values() for code in codes}
    ordered = [code for code in dict.fromkeys(ticked) if code in known]
    if len(ordered) != len(set(ticked)):
        unknown = ", ".join(sorted(set(ticked) - known))
        raise ValidationError({"statements": f"not statements of {detail.step.code}: {unknown}"})
    comment = comment.strip()
    current = detail.current
    unchanged = current is not None and (
        current.level,
        current.confidence,
        current.comment,
        sorted(current.statements_met),
    ) == (level, confidence, comment, sorted(ordered))
    rating: Rating | None = None
    with transaction.atomic():
        if not unchanged:
            rating = record_rating(
                user,
                assessment.person,
                detail.step.element,
                Source.SELF,
                level=level,
                confidence=confidence,
                comment=comment,
                statements_met=ordered,
                cycle=assessment.cycle,
                assessment=assessment,
            )
        interested = _record_interest(assessment.person, detail.step.element, wants, detail.wants)
    if rating is not None:
        detail.latest[detail.step.element.pk] = rating
    if interested:
        detail.wants = wants
    return rating is not None or interested


def save_judgements(
    user: User | AnonymousUser,
    assessment: SelfAssessment,
    detail: StepDetail,
    *,
    judgements: Mapping[int, str],
    wants: bool | None,
) -> bool:
    """Save competent / not yet / not applicable per item (unset items are left as they are);
    True if anything new was recorded. All or nothing: one bad value saves none."""
    ensure_editable(assessment)
    items = {item.pk: item for section in detail.sections for item in section.items}
    recorded: dict[int, Rating] = {}
    with transaction.atomic():
        for item_id, competence in judgements.items():
            previous = detail.latest.get(item_id)
            if not competence or (previous is not None and previous.competence == competence):
                continue
            recorded[item_id] = record_rating(
                user,
                assessment.person,
                items[item_id],
                Source.SELF,
                competence=competence,
                cycle=assessment.cycle,
                assessment=assessment,
            )
        interested = _record_interest(assessment.person, detail.step.element, wants, detail.wants)
    # Only after the transaction committed: a failure above leaves the detail as it was.
    detail.latest.update(recorded)
    if interested:
        detail.wants = wants
    return bool(recorded) or interested
