"""The self-assessment wizard: its steps, their state, the suggested level, and submitting.

Steps are the elements of the self-assessment's role requirements (required), followed by any
element the person chose to assess as well (optional). A step's state is derived only from the
self ratings recorded in this SelfAssessment, so the wizard is resumable and needs no state of
its own:

- an AXELOS skill (a skill of a framework with a level scale) is done once it has a rating;
- a NOS unit is rated item by item: each performance criterion and knowledge item gets a rating;
  the step is done when every item has one, partial when some have;
- any other ratable element is done once it has a competence rating.

A self-chosen step appears once something in it has been saved; until then it is only a page the
person can open (see docs/self-assessment.md).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.http import Http404
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from skillframe.assessments.cycles import open_cycles_for
from skillframe.assessments.models import Cycle, Rating, SelfAssessment, Source
from skillframe.audit.models import record
from skillframe.frameworks.kinds import ElementKind
from skillframe.frameworks.models import Element, ScaleLevel
from skillframe.notifications.models import notify
from skillframe.people.models import Person, RoleRequirement

StepKind = Literal["levels", "unit", "single"]
StepState = Literal["done", "partial", "not-started"]
# Element kinds a person may add to their self-assessment as a step of its own.
STEP_KINDS = (ElementKind.SKILL, ElementKind.UNIT)


def suggest_level(levels: Mapping[int, Collection[str]], ticked: Collection[str]) -> int | None:
    """The level the ticked "You can" statements support, or None.

    `levels` maps each defined level number to the codes of its statements. The suggestion is
    the highest level L such that
    - at least half of L's statements are ticked (2 × ticked ≥ statements, so 2 of 3, 2 of 4), and
    - every defined level below L has at least one ticked statement.
    Levels without statements give no evidence: they are never suggested and never block.
    """
    chosen = set(ticked)
    suggestion: int | None = None
    lower_levels_ticked = True
    for number in sorted(levels):
        codes = set(levels[number])
        if not codes:
            continue
        hits = len(codes & chosen)
        if lower_levels_ticked and 2 * hits >= len(codes):
            suggestion = number
        if hits == 0:
            lower_levels_ticked = False
    return suggestion


@dataclass
class Step:
    element: Element
    kind: StepKind
    required: bool
    requirement: RoleRequirement | None = None
    item_ids: list[int] = field(default_factory=list)  # the elements that receive ratings
    rated: int = 0  # how many of item_ids have a self rating in this assessment

    @property
    def code(self) -> str:
        return self.element.code

    @property
    def state(self) -> StepState:
        if self.item_ids and self.rated >= len(self.item_ids):
            return "done"
        return "partial" if self.rated else "not-started"


@dataclass
class Overview:
    steps: list[Step]

    @property
    def total(self) -> int:
        return len(self.steps)

    @property
    def left(self) -> int:
        return sum(1 for step in self.steps if step.state != "done")

    @property
    def done(self) -> int:
        return self.total - self.left

    @property
    def missing(self) -> list[Step]:
        """Required steps not yet done: what stands between the person and submitting."""
        return [step for step in self.steps if step.required and step.state != "done"]

    def find(self, code: str) -> Step | None:
        return next((step for step in self.steps if step.code == code), None)

    def after(self, step: Step) -> Step | None:
        index = self.steps.index(step)
        return self.steps[index + 1] if index + 1 < len(self.steps) else None

    def before(self, step: Step) -> Step | None:
        index = self.steps.index(step)
        return self.steps[index - 1] if index > 0 else None


def _scaled_framework_ids(framework_ids: set[int]) -> set[int]:
    return set(
        ScaleLevel.objects.filter(framework_id__in=framework_ids)
        .order_by()  # the model's ordering would defeat distinct()
        .values_list("framework_id", flat=True)
        .distinct()
    )


def _make_step(
    element: Element,
    required: bool,
    requirement: RoleRequirement | None,
    scaled: set[int],
    items: dict[int, list[int]],
) -> Step:
    if element.kind == ElementKind.SKILL and element.framework_id in scaled:
        return Step(element, "levels", required, requirement, [element.pk])
    if items.get(element.pk):
        return Step(element, "unit", required, requirement, items[element.pk])
    return Step(element, "single", required, requirement, [element.pk])


def _rated_ids(assessment: SelfAssessment) -> set[int]:
    return set(
        Rating.objects.filter(assessment=assessment, source=Source.SELF)
        .order_by()  # the model's ordering would defeat distinct()
        .values_list("element_id", flat=True)
        .distinct()
    )


def _added_step_ids(rated: set[int], known: set[int]) -> list[int]:
    """Elements the person assessed beyond their role: the skill or unit owning each rating."""
    rows = Element.objects.filter(pk__in=rated - known).values_list(
        "pk", "kind", "parent_id", "parent__kind", "parent__parent_id", "parent__parent__kind"
    )
    found: set[int] = set()
    for pk, kind, parent_id, parent_kind, grand_id, grand_kind in rows:
        if kind in STEP_KINDS:
            found.add(pk)
        # A parent's (grandparent's) kind is known only when it exists: the id is never None.
        elif parent_kind in STEP_KINDS and parent_id is not None:
            found.add(parent_id)
        elif grand_kind in STEP_KINDS and grand_id is not None:
            found.add(grand_id)
        else:
            found.add(pk)  # a lone criterion or item rated on its own
    return sorted(found - known)


def overview(assessment: SelfAssessment) -> Overview:
    """Every step with its state, from a fixed number of queries."""
    requirements = list(
        RoleRequirement.objects.filter(role_id=assessment.role_id)
        .select_related("element__framework")
        .order_by("position", "id")
    )
    rated = _rated_ids(assessment)
    required_ids = {r.element_id for r in requirements}
    required_items = Element.objects.item_ids_by_unit(required_ids)
    known = required_ids | {pk for ids in required_items.values() for pk in ids}
    added: list[Element] = []
    if rated - known:  # only then can there be steps the person added
        added = list(
            Element.objects.filter(pk__in=_added_step_ids(rated, known))
            .select_related("framework")
            .order_by("framework__title", "ordinal")
        )
    items = required_items | (
        Element.objects.item_ids_by_unit({e.pk for e in added}) if added else {}
    )
    scaled = _scaled_framework_ids(
        {r.element.framework_id for r in requirements} | {e.framework_id for e in added}
    )
    steps = [_make_step(r.element, True, r, scaled, items) for r in requirements]
    steps += [_make_step(e, False, None, scaled, items) for e in added]
    for step in steps:
        step.rated = sum(1 for pk in step.item_ids if pk in rated)
    return Overview(steps)


def addable_elements(assessment: SelfAssessment) -> models.QuerySet[Element]:
    """Skills and units the person may assess in addition to their role's requirements."""
    frameworks = assessment.person.frameworks_ids()
    required = RoleRequirement.objects.filter(role_id=assessment.role_id).values("element_id")
    return (
        Element.objects.filter(framework_id__in=frameworks, kind__in=STEP_KINDS)
        .exclude(pk__in=required)
        .select_related("framework")
        .order_by("framework__title", "ordinal")
    )


def step_for(assessment: SelfAssessment, code: str) -> tuple[Overview, Step] | None:
    """The step for `code`: one of the overview's, or a skill or unit the person may add."""
    view = overview(assessment)
    step = view.find(code)
    if step is not None:
        return view, step
    element = addable_elements(assessment).filter(code=code).first()
    if element is None:
        return None
    items = Element.objects.item_ids_by_unit({element.pk})
    step = _make_step(element, False, None, _scaled_framework_ids({element.framework_id}), items)
    return view, step


def start(person: Person | None, cycle_id: int, today: date) -> tuple[SelfAssessment, bool]:
    """Start (or resume) `person`'s self-assessment for their current role in an open cycle that
    includes them; (assessment, created). Http404 when the cycle is not one of theirs: a cycle
    that does not reach the person is not theirs to know about (web page and API alike)."""
    if person is None:
        raise Http404("no person record")
    cycle = next((c for c in open_cycles_for(person, today) if c.pk == cycle_id), None)
    if cycle is None:
        raise Http404("no such open cycle for you")
    return SelfAssessment.objects.get_or_create(
        person=person, cycle=cycle, role_id=person.current_role_id
    )


def is_editable(assessment: SelfAssessment) -> bool:
    """Only a draft in a cycle that is still open (or in no cycle) can change."""
    if assessment.status != SelfAssessment.Status.DRAFT:
        return False
    return assessment.cycle is None or assessment.cycle.status == Cycle.Status.OPEN


def ensure_editable(assessment: SelfAssessment) -> None:
    if assessment.status != SelfAssessment.Status.DRAFT:
        raise ValidationError(
            f"this self-assessment is {assessment.get_status_display().lower()}; "
            "it can no longer be changed"
        )
    if not is_editable(assessment):
        raise ValidationError("the assessment cycle is closed; it can no longer be changed")


def review_path(assessment: SelfAssessment) -> str:
    """The manager's review page; built by hand while that page's URL is not installed."""
    try:
        return reverse("assessments:review", kwargs={"pk": assessment.pk})
    except NoReverseMatch:
        return f"/assessments/{assessment.pk}/review/"


def submitted_text(name: str, assessment: SelfAssessment) -> str:
    """The manager's notification: who, in which cycle, for which role (a person may submit one
    self-assessment per role in a cycle, so the role tells them apart)."""
    cycle = f" for {assessment.cycle.name}" if assessment.cycle else ""
    role = f" as {assessment.role.title}" if assessment.role else ""
    return f"{name} submitted a self-assessment{cycle}{role} for your review."


def check_submittable(assessment: SelfAssessment) -> Overview:
    """The steps, when the self-assessment may be submitted; else ValidationError saying why
    (listing the steps left)."""
    ensure_editable(assessment)
    steps = overview(assessment)
    if not any(step.rated for step in steps.steps):
        raise ValidationError("there is nothing to submit yet: assess at least one step")
    missing = steps.missing
    if missing:
        left = "; ".join(f"{s.code} {s.element.label}" for s in missing)
        raise ValidationError(f"finish these steps before you submit: {left}")
    return steps


def submit(user: User | AnonymousUser, assessment: SelfAssessment) -> None:
    """Submit to the manager: refused (ValidationError listing the steps left) unless every
    required step is done; notifies the manager (bell + e-mail) and records an audit event."""
    check_submittable(assessment)
    person = assessment.person
    with transaction.atomic():
        assessment.status = SelfAssessment.Status.SUBMITTED
        assessment.submitted_at = timezone.now()
        assessment.save(update_fields=["status", "submitted_at"])
        if person.manager is not None:
            notify(
                [person.manager.user],
                submitted_text(person.name, assessment),
                review_path(assessment),
                once=True,  # one "awaits your review" per assessment while unread
            )
        record(
            user,
            "self-assessment.submit",
            assessment,
            person=person.employee_id,
            cycle=assessment.cycle.name if assessment.cycle else "",
            manager=person.manager.employee_id if person.manager else "",
        )
