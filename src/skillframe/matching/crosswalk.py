"""AXELOS ↔ NOS crosswalk: suggested links, stored as frameworks.Association rows, decided by HR.

For every AXELOS skill (its description and every level statement) and every level definition
(its headline and statements), the matcher ranks the NOS standards; those scoring at least the
threshold become `suggested` `isRelatedTo` associations with the matcher's score and the
sentence pairs that matched as evidence. A person then confirms (as `exactMatchOf` or
`isRelatedTo`), rejects, or edits the kind. Decided rows are never overwritten by a new run;
a rejected link is not suggested again.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from skillframe.frameworks.associations import Association, AssociationKind, AssociationStatus
from skillframe.frameworks.kinds import ElementKind
from skillframe.frameworks.models import Element
from skillframe.matching.index import METHOD, current_matcher

SOURCE = "axelos"
TARGET = "nos-ml"
# Shipped threshold: precision of the judged sample at this score is in docs/matching.md.
THRESHOLD = 0.55
PER_SKILL = 3  # at most this many standards per skill
PER_LEVEL = 2
CROSSWALK_KINDS = (AssociationKind.EXACT_MATCH_OF, AssociationKind.IS_RELATED_TO)


@dataclass(frozen=True)
class RunResult:
    created: int
    updated: int
    kept_decided: int
    removed: int


def _query_text(element: Element, below: list[Element]) -> str:
    lines = [element.title if element.kind == ElementKind.SKILL else "", element.statement]
    lines.extend(e.statement for e in below if e.statement)
    return "\n".join(line for line in lines if line)


def crosswalk_links() -> QuerySet[Association]:
    """Every crosswalk association between the two frameworks, either direction of origin."""
    return Association.objects.filter(
        kind__in=CROSSWALK_KINDS,
        origin__framework__slug=SOURCE,
        destination__framework__slug=TARGET,
    ).select_related("origin__framework", "destination__framework", "decided_by")


@transaction.atomic
def run(threshold: float = THRESHOLD, origins: Collection[str] | None = None) -> RunResult:
    """(Re)compute the suggested links (of the skills coded in `origins` and their levels, or
    of all); decided ones stay as they are."""
    matcher = current_matcher()
    elements = list(
        Element.objects.filter(framework__slug=SOURCE).order_by("ordinal").select_related("parent")
    )
    children: dict[int, list[Element]] = {}
    for e in elements:
        if e.parent_id is not None:
            children.setdefault(e.parent_id, []).append(e)
    units = {
        e.code: e for e in Element.objects.filter(framework__slug=TARGET, kind=ElementKind.UNIT)
    }
    wanted: dict[tuple[int, int], tuple[float, list[dict[str, str]]]] = {}
    if origins is not None:
        skills = {e.pk for e in elements if e.code in origins}
        elements = [e for e in elements if e.pk in skills or e.parent_id in skills]
    for element in elements:
        if element.kind == ElementKind.SKILL:
            below = [s for lvl in children.get(element.pk, []) for s in children.get(lvl.pk, [])]
            limit = PER_SKILL
        elif element.kind == ElementKind.LEVEL:
            below, limit = children.get(element.pk, []), PER_LEVEL
        else:
            continue
        text = _query_text(element, below)
        if not text.strip():
            continue
        for suggestion in matcher.suggest(text, framework=TARGET, limit=limit):
            if suggestion.score < threshold or suggestion.code not in units:
                continue
            evidence = [{"origin": s.text, "destination": s.matched} for s in suggestion.spans[:3]]
            wanted[(element.pk, units[suggestion.code].pk)] = (suggestion.score, evidence)
    existing = {
        (a.origin_id, a.destination_id): a
        for a in Association.objects.filter(
            kind__in=CROSSWALK_KINDS,
            origin__in=[e.pk for e in elements],
            destination__framework__slug=TARGET,
        )
    }
    created = updated = kept = 0
    for (origin, destination), (score, evidence) in wanted.items():
        current = existing.get((origin, destination))
        if current is None:
            Association.objects.create(
                kind=AssociationKind.IS_RELATED_TO,
                origin_id=origin,
                destination_id=destination,
                status=AssociationStatus.SUGGESTED,
                method=METHOD,
                score=round(score, 4),
                evidence=evidence,
            )
            created += 1
        elif current.status == AssociationStatus.SUGGESTED:
            current.score, current.evidence, current.method = round(score, 4), evidence, METHOD
            current.save(update_fields=["score", "evidence", "method", "updated_at"])
            updated += 1
        else:
            kept += 1
    stale = [
        a.pk
        for key, a in existing.items()
        if key not in wanted and a.status == AssociationStatus.SUGGESTED
    ]
    Association.objects.filter(pk__in=stale).delete()
    return RunResult(created, updated, kept, len(stale))


DECISIONS = ("confirm", "reject", "suggest")


@transaction.atomic
def decide(
    association: Association,
    decision: str,
    user: AbstractBaseUser | AnonymousUser,
    kind: str | None = None,
    note: str | None = None,
) -> Association:
    """Confirm (optionally as another kind), reject, or put back to suggested; who and when."""
    if decision not in DECISIONS:
        raise ValidationError({"decision": f"decision must be one of {', '.join(DECISIONS)}."})
    if kind is not None and kind not in CROSSWALK_KINDS:
        raise ValidationError(
            {"kind": f"kind must be {' or '.join(str(k) for k in CROSSWALK_KINDS)}."}
        )
    if note is not None and ("\x00" in note or len(note) > 2000):
        raise ValidationError({"note": "note must have at most 2,000 characters and no NUL."})
    if kind is not None and kind != association.kind:
        clash = Association.objects.filter(
            origin_id=association.origin_id, destination_id=association.destination_id, kind=kind
        ).exclude(pk=association.pk)
        if clash.exists():
            raise ValidationError({"kind": "That link already exists with this kind."})
        association.kind = kind
    association.status = {
        "confirm": AssociationStatus.CONFIRMED,
        "reject": AssociationStatus.REJECTED,
        "suggest": AssociationStatus.SUGGESTED,
    }[decision]
    if note is not None:
        association.note = note
    if decision == "suggest":
        association.decided_by, association.decided_at = None, None
    else:
        association.decided_by = user if user.is_authenticated else None  # type: ignore[assignment]
        association.decided_at = timezone.now()
    association.save()
    return association


def links_of(
    element: Element, statuses: tuple[str, ...] = (AssociationStatus.CONFIRMED,)
) -> QuerySet[Association]:
    """The crosswalk links touching `element` (either end) with one of `statuses`."""
    return (
        Association.objects.filter(kind__in=CROSSWALK_KINDS, status__in=statuses)
        .filter(Q(origin=element) | Q(destination=element))
        .select_related("origin__framework", "destination__framework")
    )
