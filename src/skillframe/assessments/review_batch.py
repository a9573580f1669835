"""Several review decisions saved at once, all or nothing (the review page's "Save N decisions").

With JavaScript the review page keeps each Agree / Adjust as a *pending* decision until the
manager saves them together (static/skillframe/review-flow.js), so a stray key records nothing;
this applies them through the same `review.agree` / `review.adjust` as a single row's POST.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.db import transaction

from skillframe.assessments import review
from skillframe.assessments.models import SelfAssessment
from skillframe.assessments.rating_values import error_messages


@dataclass(frozen=True)
class Decision:
    action: str  # "agree" or "adjust"
    value: str = ""
    comment: str = ""


def parse(data: Mapping[str, str], rows: list[review.ReviewRow]) -> dict[int, Decision] | None:
    """{element id: decision} from `decision-<id>`, `value-<id>`, `comment-<id>` fields; None
    when a field names an element outside the self-assessment or an unknown action."""
    known = {row.element.pk for row in rows}
    decisions: dict[int, Decision] = {}
    for key, action in data.items():
        if not key.startswith("decision-"):
            continue
        raw = key.removeprefix("decision-")
        if not raw.isdigit() or int(raw) not in known or action not in ("agree", "adjust"):
            return None
        decisions[int(raw)] = Decision(
            action, data.get(f"value-{raw}", ""), data.get(f"comment-{raw}", "")
        )
    return decisions


class _Rollback(Exception):
    pass


def save(
    user: User | AnonymousUser,
    assessment: SelfAssessment,
    rows: list[review.ReviewRow],
    decisions: Mapping[int, Decision],
) -> int:
    """Record every decision or none. A bad one puts its errors (and what was sent) on its row;
    then 0 is returned. A closed cycle or a draft raises ValidationError on "status"."""
    by_id = {row.element.pk: row for row in rows}
    try:
        with transaction.atomic():
            for element_id, decision in decisions.items():
                row = by_id[element_id]
                try:
                    if decision.action == "agree":
                        review.agree(user, assessment, row)
                    else:
                        row.submitted = {"value": decision.value, "comment": decision.comment}
                        review.adjust(user, assessment, row, decision.value, decision.comment)
                except ValidationError as error:
                    row.errors = error_messages(error)
                    if "status" in row.errors:
                        raise
            if any(row.errors for row in rows):
                raise _Rollback
    except _Rollback:
        return 0
    return len(decisions)
