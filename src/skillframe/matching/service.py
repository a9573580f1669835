"""One entry point for the web page, the API and the CLI: text in, the issue's JSON shape out."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from skillframe.frameworks.models import Framework
from skillframe.matching.index import current_matcher
from skillframe.matching.inputcheck import SuggestInputError, check_text

LIMIT_MAX = 50


def suggest(
    text: str, framework: str | None = None, limit: int = 5, items: bool = False
) -> dict[str, Any]:
    """{"suggestions": [...]} best first; ValidationError naming the field at fault."""
    if framework and not Framework.objects.filter(slug=framework).exists():
        raise ValidationError({"framework": f"No framework {framework!r}."})
    if not 1 <= limit <= LIMIT_MAX:
        raise ValidationError({"limit": f"limit must be between 1 and {LIMIT_MAX}, not {limit}."})
    try:
        check_text(text)  # the cheap refusals before the index is (re)built
        found = current_matcher().suggest(
            text, framework=framework or None, limit=limit, items=items
        )
    except SuggestInputError as error:
        raise ValidationError({"text": str(error)}) from error
    return {"suggestions": [s.as_dict() for s in found]}
