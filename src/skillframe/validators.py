"""Django's side of `skillframe.inputs`: validators for model and form fields, and checks that
raise a ValidationError naming the field, for domain functions that the API and importers call.

A model field with `validators=[TextLimit(N)]` gives every ModelForm built on it the same rule;
`full_clean` and the domain functions call `ensure_text` and friends.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible

from skillframe.inputs import level_problem, text_problem, weight_problem


@deconstructible
class TextLimit:
    """At most `limit` characters and no control characters (tab and line breaks allowed)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit

    def __call__(self, value: str) -> None:
        if problem := text_problem(value, self.limit):
            raise ValidationError(problem, code="text")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, TextLimit) and other.limit == self.limit

    def __hash__(self) -> int:
        return hash(self.limit)


def ensure_text(field: str, value: str, limit: int) -> str:
    """`value`, or ValidationError({field: problem}) when `text_problem` finds one."""
    if problem := text_problem(value, limit):
        raise ValidationError({field: problem}, code="text")
    return value


def ensure_weight(field: str, value: object) -> float:
    """`value` as a float, or ValidationError({field: problem}) (`weight_problem`)."""
    if problem := weight_problem(value):
        raise ValidationError({field: problem}, code="weight")
    return float(value)  # type: ignore[arg-type]  # weight_problem: an int or a float


def ensure_level(field: str, value: object) -> int | None:
    """`value` when None or a level number, else ValidationError({field: problem})."""
    if value is None:
        return None
    if problem := level_problem(value):
        raise ValidationError({field: problem}, code="level")
    return value  # type: ignore[return-value]  # level_problem: an int
