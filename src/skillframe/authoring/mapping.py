"""The old → new element map of a draft: `replacedBy` associations from the current version's
elements to the draft's, suggested automatically and decided by an editor.

Suggestions, strongest first, each old element to at most one new element of the same kind:
the same code (method "same code"), else exactly the same text ("same text"), else a text at
least `SIMILAR` alike (difflib's ratio, "text similarity", its score kept). An editor confirms
or rejects each one, or maps an old element to any draft element (method "editor"). Only
confirmed rows are carried forward when the draft is published (publish.py).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from skillframe.frameworks.associations import Association, AssociationKind, AssociationStatus
from skillframe.frameworks.models import Element, Framework

SIMILAR = 0.8
SAME_CODE, SAME_TEXT, SIMILARITY, EDITOR = "same code", "same text", "text similarity", "editor"


def _text(title: str, statement: str) -> str:
    return " ".join(f"{title} {statement}".split()).lower()


def links(framework: Framework, draft: Framework) -> QuerySet[Association]:
    """The replacedBy rows from the current version's elements to the draft's."""
    return Association.objects.filter(
        kind=AssociationKind.REPLACED_BY,
        origin__framework=framework,
        destination__framework=draft,
    )


def suggest(framework: Framework, draft: Framework) -> int:
    """Suggest a mapping for every old element that has no decided one; returns how many.

    Replaces earlier undecided suggestions (the draft may have changed since); confirmed and
    rejected rows stay as the editor left them. A fixed number of queries."""
    rows = links(framework, draft)
    rows.filter(status=AssociationStatus.SUGGESTED).delete()
    decided = set(rows.values_list("origin_id", "destination_id"))
    decided_origins = {origin for origin, _ in decided}
    old = list(
        Element.objects.filter(framework=framework)
        .exclude(pk__in=decided_origins)
        .values_list("pk", "code", "kind", "title", "statement")
    )
    new = list(
        Element.objects.filter(framework=draft).values_list(
            "pk", "code", "kind", "title", "statement"
        )
    )
    new_by_code = {code: (pk, kind) for pk, code, kind, _, _ in new}
    by_text: dict[tuple[str, str], list[int]] = {}
    for pk, _, kind, title, statement in new:
        by_text.setdefault((kind, _text(title, statement)), []).append(pk)
    taken = {destination for _, destination in decided}
    found: list[Association] = []

    def add(origin: int, destination: int, method: str, score: float) -> None:
        if (origin, destination) in decided:
            return  # rejected before: never suggested again
        taken.add(destination)
        found.append(
            Association(
                kind=AssociationKind.REPLACED_BY,
                origin_id=origin,
                destination_id=destination,
                status=AssociationStatus.SUGGESTED,
                method=method,
                score=round(score, 3),
            )
        )

    unmatched: list[tuple[int, str, str]] = []
    for pk, code, kind, title, statement in old:
        same = new_by_code.get(code)
        if same is not None and same[1] == kind:
            add(pk, same[0], SAME_CODE, 1.0)
        else:
            unmatched.append((pk, kind, _text(title, statement)))
    rest: list[tuple[int, str, str]] = []
    for pk, kind, text in unmatched:
        candidates = [d for d in by_text.get((kind, text), []) if d not in taken]
        if text and candidates:
            add(pk, candidates[0], SAME_TEXT, 1.0)
        else:
            rest.append((pk, kind, text))
    free = [(pk, kind, _text(t, s)) for pk, _, kind, t, s in new if pk not in taken]
    for pk, kind, text in rest:
        best: tuple[float, int] | None = None
        for destination, other_kind, other in free:
            if other_kind != kind or destination in taken or not text or not other:
                continue
            ratio = difflib.SequenceMatcher(a=text, b=other, autojunk=False).ratio()
            if ratio >= SIMILAR and (best is None or ratio > best[0]):
                best = (ratio, destination)
        if best is not None:
            add(pk, best[1], SIMILARITY, best[0])
    Association.objects.bulk_create(found)
    return len(found)


@dataclass(frozen=True)
class MapRow:
    """An old element and what it maps to in the draft (None: nothing, it is removed)."""

    old: Element
    new: Element | None
    status: str  # suggested / confirmed / "" (no mapping)
    method: str
    score: float | None
    link_id: int | None


def mapping_rows(framework: Framework, draft: Framework) -> list[MapRow]:
    """Every old element, in document order, with its suggested or confirmed mapping."""
    chosen: dict[int, Association] = {}
    for link in (
        links(framework, draft)
        .exclude(status=AssociationStatus.REJECTED)
        .select_related("destination")
    ):
        chosen[link.origin_id] = link
    rows = []
    for old in Element.objects.filter(framework=framework).order_by("ordinal"):
        found = chosen.get(old.pk)
        rows.append(
            MapRow(
                old,
                found.destination if found else None,
                found.status if found else "",
                found.method if found else "",
                found.score if found else None,
                found.pk if found else None,
            )
        )
    return rows


def undecided(framework: Framework, draft: Framework) -> int:
    return links(framework, draft).filter(status=AssociationStatus.SUGGESTED).count()


def confirm_all(framework: Framework, draft: Framework, actor: User | AnonymousUser) -> int:
    """Confirm every undecided suggestion (one query); returns how many."""
    return (
        links(framework, draft)
        .filter(status=AssociationStatus.SUGGESTED)
        .update(
            status=AssociationStatus.CONFIRMED,
            decided_by=actor if actor.is_authenticated else None,
            decided_at=timezone.now(),
        )
    )


def decide(
    framework: Framework,
    draft: Framework,
    old_code: str,
    new_code: str | None,
    actor: User | AnonymousUser,
) -> Association | None:
    """Map the old element `old_code` to the draft's `new_code` (confirmed, method "editor"
    unless it confirms the suggestion), or, with `new_code` None, to nothing: its suggestion is
    rejected and it counts as removed. Raises ValidationError naming the unknown code."""
    old = Element.objects.filter(framework=framework, code=old_code).first()
    if old is None:
        raise ValidationError({"old": f"version {framework.edition} has no element {old_code!r}"})
    new = None
    if new_code:
        new = Element.objects.filter(framework=draft, code=new_code.strip()).first()
        if new is None:
            raise ValidationError({"new": f"the draft has no element {new_code!r}"})
    who = actor if actor.is_authenticated else None
    now = timezone.now()
    with transaction.atomic():
        existing = links(framework, draft).filter(origin=old)
        if new is None:
            existing.exclude(status=AssociationStatus.REJECTED).update(
                status=AssociationStatus.REJECTED, decided_by=who, decided_at=now
            )
            return None
        same = existing.filter(destination=new).first()
        existing.exclude(destination=new).exclude(status=AssociationStatus.REJECTED).update(
            status=AssociationStatus.REJECTED, decided_by=who, decided_at=now
        )
        if same is not None:
            same.status, same.decided_by, same.decided_at = AssociationStatus.CONFIRMED, who, now
            same.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
            return same
        return Association.objects.create(
            kind=AssociationKind.REPLACED_BY,
            origin=old,
            destination=new,
            status=AssociationStatus.CONFIRMED,
            method=EDITOR,
            created_by=who,
            decided_by=who,
            decided_at=now,
        )
