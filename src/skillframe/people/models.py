"""The organisation: units, people, role profiles and organisation goals.

Who may see and change whom is written once: as SQL in `querysets.py`
(`Person.objects.visible_to(user)` / `editable_by(user)`, `OrgUnit.objects.administered_by(user)`)
and as yes/no questions and view helpers in `access.py`, which builds on these models.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from skillframe.frameworks.kinds import UNIT_ITEM_KINDS, ElementKind
from skillframe.frameworks.models import Element
from skillframe.inputs import level_problem, weight_problem
from skillframe.people.querysets import OrgUnitQuerySet, PersonQuerySet
from skillframe.people.reporting_lines import check_manager


class OrgUnit(models.Model):
    code = models.SlugField(max_length=64, unique=True)
    name = models.CharField(max_length=255)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )

    objects = OrgUnitQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="person"
    )
    employee_id = models.CharField(max_length=64, unique=True)
    job_title = models.CharField(max_length=255, blank=True)
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="members")
    manager = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="reports"
    )
    current_role = models.ForeignKey(
        "RoleProfile", null=True, blank=True, on_delete=models.SET_NULL, related_name="holders"
    )
    target_role = models.ForeignKey(
        "RoleProfile", null=True, blank=True, on_delete=models.SET_NULL, related_name="aspirants"
    )
    # HR/L&D admin of these units and every unit below them.
    hr_units = models.ManyToManyField(OrgUnit, blank=True, related_name="hr_admins")
    # Assessor of these learners (NOS qualifications).
    learners = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="assessors"
    )

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["user__last_name", "user__first_name", "employee_id"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.user.get_full_name() or self.user.get_username()

    def clean(self) -> None:
        self.check_manager(self.manager)

    def check_manager(self, manager: Person | None) -> None:
        """Raise ValidationError({"manager": …}) when `manager` may not manage this person:
        themselves, or someone below them (`reporting_lines`; one query per level walked)."""

        def manager_of(employee_id: str) -> str | None:
            found = Person.objects.filter(employee_id=employee_id).order_by()
            return next(iter(found.values_list("manager__employee_id", flat=True)[:1]), None)

        check_manager(self.employee_id, manager.employee_id if manager else None, manager_of)

    def frameworks_ids(self) -> set[int]:
        """Frameworks this person is assessed against: those of their current and target roles."""
        roles = [r for r in (self.current_role_id, self.target_role_id) if r is not None]
        return set(
            RoleRequirement.objects.filter(role_id__in=roles)
            .values_list("element__framework_id", flat=True)
            .distinct()
        )


class RoleProfile(models.Model):
    code = models.SlugField(max_length=64, unique=True)
    title = models.CharField(max_length=255)
    description = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class Importance(models.TextChoices):
    ESSENTIAL = "essential", "Essential"
    DESIRABLE = "desirable", "Desirable"


# Element kinds a requirement, a rating or a goal can point at.
RATABLE_KINDS = (ElementKind.SKILL, ElementKind.UNIT, *UNIT_ITEM_KINDS)
GOAL_KINDS = (ElementKind.FAMILY, ElementKind.GROUP, ElementKind.SKILL, ElementKind.UNIT)


def levels_phrase(levels: Iterable[int]) -> str:
    """Levels for people: "level 3", "levels 2–4" (a run), "levels 1, 3 and 5" (gaps)."""
    numbers = sorted(set(levels))
    if len(numbers) == 1:
        return f"level {numbers[0]}"
    if numbers == list(range(numbers[0], numbers[-1] + 1)):
        return f"levels {numbers[0]}–{numbers[-1]}"
    return "levels " + ", ".join(str(n) for n in numbers[:-1]) + f" and {numbers[-1]}"


def undefined_level_message(element: Element, level: int, defined: Collection[int]) -> str:
    """Why a target at a level the element does not define can never be met."""
    return f"{element.code} is defined at {levels_phrase(defined)}, not at level {level}"


def check_target(
    element: Element, level: int | None, defined: Collection[int] | None = None
) -> None:
    """Raise ValidationError naming the field if `level` is not a valid target for `element`.

    Elements of a framework with a scale (AXELOS) take a level of that scale and, where the
    element has level definitions (an AXELOS skill), one of the levels it defines: PPM-PPL is
    defined at levels 2–4, so level 5 is a target nobody could ever meet. Elements of a
    framework without a scale (NOS) are judged competent / not yet, so they take no level.
    `defined` is the element's defined levels when the caller has them (an import asks once
    for every element: `Element.objects.defined_levels`); None asks the database.
    """
    numbers = set(element.framework.scale_levels.values_list("number", flat=True))
    if element.kind not in RATABLE_KINDS:
        ratable = ", ".join(RATABLE_KINDS)
        raise ValidationError(
            {"element": f"{element.code} is a {element.kind}; expected one of {ratable}"}
        )
    if level is not None and (problem := level_problem(level)):
        # True == 1 in Python: without this a boolean passed as level 1.
        raise ValidationError({"target_level": f"the target level {problem}"})
    if numbers:
        if level is None:
            raise ValidationError({"target_level": f"{element.code} needs a level"})
        if level not in numbers:
            raise ValidationError(
                {
                    "target_level": f"level {level} is not on the scale of "
                    f"{element.framework.slug} ({min(numbers)}–{max(numbers)})"
                }
            )
        if defined is None:
            defined = Element.objects.defined_levels([element.pk]).get(element.pk, set())
        if defined and level not in defined:
            message = undefined_level_message(element, level, defined)
            raise ValidationError({"target_level": message})
    elif level is not None:
        raise ValidationError(
            {"target_level": f"{element.framework.slug} has no level scale; leave it empty"}
        )


def check_weight(weight: float) -> None:
    """Raise ValidationError naming the field unless `weight` is a finite number greater than 0
    and at most WEIGHT_MAX (`skillframe.inputs.weight_problem`)."""
    if problem := weight_problem(weight):
        raise ValidationError({"weight": f"the weight {problem}"})


class RoleRequirement(models.Model):
    role = models.ForeignKey(RoleProfile, on_delete=models.CASCADE, related_name="requirements")
    element = models.ForeignKey(Element, on_delete=models.PROTECT, related_name="+")
    # A level of the element's scale (AXELOS 1–5); empty where the framework judges "competent".
    target_level = models.PositiveSmallIntegerField(null=True, blank=True)
    importance = models.CharField(
        max_length=16, choices=Importance.choices, default=Importance.ESSENTIAL
    )
    weight = models.FloatField(default=1.0)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["role", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["role", "element"], name="uniq_role_requirement"),
        ]

    def __str__(self) -> str:
        target = f"level {self.target_level}" if self.target_level else "competent"
        return f"{self.role}: {self.element.code} {target}"

    def clean(self) -> None:
        """Every problem, each naming its field: the target (check_target), the weight, and
        a second requirement of the same role on the same element."""
        errors: dict[str, list[str]] = {}
        checks: tuple[Callable[[], None], ...] = (
            lambda: check_target(self.element, self.target_level),
            lambda: check_weight(self.weight),
            self._check_new,
        )
        for check in checks:
            try:
                check()
            except ValidationError as exc:
                errors.update(exc.message_dict)
        if errors:
            raise ValidationError(errors)

    def _check_new(self) -> None:
        others = RoleRequirement.objects.filter(role_id=self.role_id, element_id=self.element_id)
        if self.pk is not None:
            others = others.exclude(pk=self.pk)
        if others.exists():
            message = f"{self.role.title} already requires {self.element.code}"
            raise ValidationError({"element": message})


class OrgGoal(models.Model):
    """An organisation's development focus for a period, weighting families, skills or units."""

    title = models.CharField(max_length=255)
    description = models.TextField(blank=True)
    starts_on = models.DateField()
    ends_on = models.DateField()

    class Meta:
        ordering = ["-starts_on", "title"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": "the goal ends before it starts"})


class OrgGoalWeight(models.Model):
    goal = models.ForeignKey(OrgGoal, on_delete=models.CASCADE, related_name="weights")
    element = models.ForeignKey(Element, on_delete=models.PROTECT, related_name="+")
    weight = models.FloatField(default=1.0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["goal", "element"], name="uniq_goal_element"),
        ]

    def __str__(self) -> str:
        return f"{self.goal}: {self.element_id} × {self.weight}"

    def clean(self) -> None:
        if self.element.kind not in GOAL_KINDS:
            kind, expected = self.element.kind, ", ".join(GOAL_KINDS)
            raise ValidationError(
                {"element": f"{self.element.code} is a {kind}; expected one of {expected}"}
            )
        check_weight(self.weight)
