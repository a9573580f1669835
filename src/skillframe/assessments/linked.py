"""Ratings on linked elements, offered as supporting information in the wizard.

A confirmed crosswalk link (frameworks.Association, e.g. AXELOS LP-CNF isRelatedTo NOS
INSML033) lets a person rating the standard see what they, or a validator, said about the linked
skill. Only confirmed links count; a link to a level definition counts for its skill.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from skillframe.assessments.models import Rating
from skillframe.frameworks.associations import Association, AssociationKind, AssociationStatus
from skillframe.frameworks.kinds import ElementKind
from skillframe.frameworks.models import Element
from skillframe.people.models import Person

LINK_KINDS = (AssociationKind.EXACT_MATCH_OF, AssociationKind.IS_RELATED_TO)


@dataclass(frozen=True)
class LinkedRating:
    kind_label: str
    element: Element  # the linked skill (or standard)
    rating: Rating  # the person's newest rating on it


def linked_ratings(person: Person, element: Element) -> list[LinkedRating]:
    links = (
        Association.objects.filter(status=AssociationStatus.CONFIRMED, kind__in=LINK_KINDS)
        .filter(Q(origin=element) | Q(destination=element))
        .select_related("origin__parent", "destination__parent")
    )
    others: dict[int, tuple[str, Element]] = {}
    for link in links:
        other = link.destination if link.origin_id == element.pk else link.origin
        if other.kind == ElementKind.LEVEL and other.parent is not None:
            other = other.parent
        others.setdefault(other.pk, (link.get_kind_display(), other))
    if not others:
        return []
    newest: dict[int, Rating] = {}
    ratings = Rating.objects.filter(person=person, element_id__in=others).order_by(
        "-created_at", "-pk"
    )
    for rating in ratings:
        newest.setdefault(rating.element_id, rating)
    return [
        LinkedRating(label, other, newest[pk])
        for pk, (label, other) in others.items()
        if pk in newest
    ]
