"""Accept/reject feedback on suggestions, and its export as training data."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import ValidationError

from skillframe.frameworks.models import Element
from skillframe.matching.index import METHOD
from skillframe.matching.inputcheck import MAX_CHARS
from skillframe.matching.models import Decision, SuggestionFeedback


def record(
    user: AbstractBaseUser | AnonymousUser,
    text: str,
    framework: str,
    code: str,
    decision: str,
    score: float | None = None,
    rank: int | None = None,
) -> SuggestionFeedback:
    if decision not in Decision.values:
        raise ValidationError(
            {"decision": f"decision must be one of {', '.join(Decision.values)}."}
        )
    if not text.strip() or len(text) > MAX_CHARS or "\x00" in text:
        raise ValidationError(
            {"text": f"text must have 1 to {MAX_CHARS:,} characters and no NUL character."}
        )
    if rank is not None and not 1 <= rank <= 1000:
        raise ValidationError({"rank": "rank must be between 1 and 1000."})
    element = Element.objects.find(code, framework=framework)
    return SuggestionFeedback.objects.create(
        text=text,
        element=element,
        decision=decision,
        score=score,
        rank=rank,
        method=METHOD,
        user=user if user.is_authenticated else None,  # type: ignore[misc]
    )


def training_rows() -> list[dict[str, Any]]:
    """One row per decision, oldest first; who decided is left out (not needed to train)."""
    rows = SuggestionFeedback.objects.order_by("created_at", "pk").values_list(
        "text",
        "element__framework__slug",
        "element__code",
        "element__title",
        "element__statement",
        "decision",
        "score",
        "rank",
        "method",
        "created_at",
    )
    return [
        {
            "text": text,
            "framework": slug,
            "code": code,
            "title": title or statement,
            "decision": decision,
            "score": score,
            "rank": rank,
            "method": method,
            "created_at": created_at,
        }
        for text, slug, code, title, statement, decision, score, rank, method, created_at in rows
    ]
