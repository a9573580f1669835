"""Form values of a rating: one string per choice, shared by the review page and the team grid.

A rating holds either a level (elements of a framework with a scale, AXELOS skills) or a
competence judgement (NOS units, criteria and knowledge items). In forms both travel as one
string: "3" for level 3, "competent" / "not-yet" / "not-applicable" for a judgement.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError

from skillframe.assessments.models import Competence, Rating
from skillframe.frameworks.kinds import ElementKind
from skillframe.frameworks.models import Element, ScaleLevel

Choices = list[tuple[str, str]]
Levels = dict[int, list[tuple[int, str]]]  # framework id → its scale's (number, name) pairs


def value_key(rating: Rating | None) -> str:
    """The form value of a rating ("" when there is none)."""
    if rating is None:
        return ""
    return str(rating.level) if rating.level is not None else rating.competence


def scale_numbers(framework_ids: Iterable[int]) -> dict[int, list[tuple[int, str]]]:
    """{framework id: [(level number, name)…] in order} in one query; no scale → absent."""
    levels: dict[int, list[tuple[int, str]]] = {}
    rows = ScaleLevel.objects.filter(framework_id__in=set(framework_ids)).order_by("number")
    for framework_id, number, name in rows.values_list("framework_id", "number", "name"):
        levels.setdefault(framework_id, []).append((number, name))
    return levels


def uses_level(element: Element, numbers: Levels) -> bool:
    # Mirrors ratings.check_value: only skills of a framework with a scale take a level.
    return element.kind == ElementKind.SKILL and bool(numbers.get(element.framework_id))


def choices_for(element: Element, numbers: Levels) -> Choices:
    if uses_level(element, numbers):
        # The label starts with the number so that typing a digit on the select picks it.
        return [(str(n), f"{n} {name}".strip()) for n, name in numbers[element.framework_id]]
    return [(str(value), str(label)) for value, label in Competence.choices]


def parse_value(element: Element, numbers: Levels, raw: str) -> tuple[int | None, str]:
    """(level, competence) from a form value; ValidationError naming the field when it is bad."""
    raw = raw.strip()
    if uses_level(element, numbers):
        if not raw:
            raise ValidationError({"level": f"choose a level for {element.code}"})
        try:
            return int(raw), ""
        except ValueError:
            raise ValidationError({"level": f"{raw!r} is not a level"}) from None
    if not raw:
        raise ValidationError({"competence": f"choose a judgement for {element.code}"})
    return None, raw


def error_messages(error: ValidationError) -> dict[str, str]:
    """{field: message} of a ValidationError, with level/competence folded into "value"."""
    if not hasattr(error, "error_dict"):
        return {"value": " ".join(error.messages)}
    result: dict[str, str] = {}
    for field, errors in error.message_dict.items():
        key = "value" if field in ("level", "competence", "element") else field
        result[key] = " ".join(errors)
    return result
