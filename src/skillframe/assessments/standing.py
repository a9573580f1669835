"""Where a person stands, element by element, and the full history behind each rating.

`standing` puts the person's own rating beside the validated one (manager or assessor) for every
element they have been rated on or that their roles require; `requirement_rows` does so for the
requirements of their roles, with whether each is met (the home page). `element_history` is
every rating row of one element for one person, newest first. Replies let the person answer a
validated rating and their managers (or the rater) answer back; replies are append-only too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import TypeGuard

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Prefetch
from django.urls import reverse

from skillframe.assessments.attainment import Attainment, Observation, attain
from skillframe.assessments.models import (
    VALIDATING_SOURCES,
    CurrentRating,
    Rating,
    RatingReply,
)
from skillframe.audit.models import record
from skillframe.frameworks.kinds import ElementKind
from skillframe.frameworks.models import Element, Framework
from skillframe.inputs import COMMENT_MAX
from skillframe.notifications.models import notify
from skillframe.people.access import manages, person_of
from skillframe.people.models import Person, RoleRequirement
from skillframe.validators import ensure_text


@dataclass
class StandingRow:
    element: Element
    current: CurrentRating
    requirements: list[RoleRequirement]
    replies: int  # replies to the validated rating

    @property
    def disagrees(self) -> bool:
        return self.current.disagrees

    def stale(self, today: date) -> bool:
        return self.current.validated is not None and self.current.validated.is_stale(today)


@dataclass
class StandingGroup:
    framework: Framework
    rows: list[StandingRow]


def standing(person: Person) -> list[StandingGroup]:
    """Self and validated rating per element, grouped by framework (five queries in all)."""
    roles = [r for r in (person.current_role_id, person.target_role_id) if r is not None]
    requirements = list(
        RoleRequirement.objects.filter(role_id__in=roles).select_related("role").order_by("role")
    )
    current = Rating.objects.current([person.pk])
    element_ids = {element_id for _, element_id in current} | {r.element_id for r in requirements}
    elements = Element.objects.filter(pk__in=element_ids).select_related("framework")
    validated_ids = [c.validated.pk for c in current.values() if c.validated is not None]
    reply_counts = dict(
        RatingReply.objects.filter(rating_id__in=validated_ids)
        .values("rating_id")
        .annotate(n=Count("id"))
        .values_list("rating_id", "n")
    )
    groups: dict[int, StandingGroup] = {}
    for element in elements.order_by("framework__title", "ordinal"):
        entry = current.get((person.pk, element.pk), CurrentRating())
        group = groups.setdefault(element.framework_id, StandingGroup(element.framework, []))
        group.rows.append(
            StandingRow(
                element=element,
                current=entry,
                requirements=[r for r in requirements if r.element_id == element.pk],
                replies=reply_counts.get(entry.validated.pk, 0) if entry.validated else 0,
            )
        )
    return list(groups.values())


def element_history(person: Person, element: Element) -> list[Rating]:
    """Every rating row of the element for the person, all sources, newest first."""
    return list(
        Rating.objects.filter(person=person, element=element)
        # `carried`: the provenance a published framework version gives a carried rating
        # (authoring.CarriedRating, the reverse one-to-one; docs/versions.md), in the same query.
        .select_related(
            "person",
            "rater__person",
            "cycle",
            "carried__from_element",
            "carried__from_rating",
        )
        .prefetch_related(
            Prefetch("replies", queryset=RatingReply.objects.select_related("author__person"))
        )
        .order_by("-created_at", "-id")
    )


def may_reply(
    user: User | AnonymousUser, rating: Rating, manages_person: bool | None = None
) -> TypeGuard[User]:
    """The rated person answers a validated rating; their line managers and the rater answer
    back. Self ratings take no replies: the person's own comment says it. Pass
    `manages_person` when it is already known, to check a whole history without a query each.
    True only for a signed-in user (TypeGuard): the reply may then name `user` as its author."""
    if rating.source not in VALIDATING_SOURCES or not user.is_authenticated:
        return False
    if rating.person.user_id == user.pk or rating.rater_id == user.pk:
        return True
    return manages(user, rating.person) if manages_person is None else manages_person


@transaction.atomic
def add_reply(user: User | AnonymousUser, rating: Rating, text: str) -> RatingReply:
    if not may_reply(user, rating):
        raise PermissionDenied("you may not reply to this rating")
    text = ensure_text("text", text.strip(), COMMENT_MAX)
    if not text:
        raise ValidationError({"text": "write a reply before sending it"})
    reply = RatingReply.objects.create(rating=rating, author=user, text=text)
    record(user, "rating.reply", rating, person=rating.person.employee_id)
    # Everyone in the conversation but the author hears of it: the person and the rater.
    recipients = {rating.person.user_id: rating.person.user}
    if rating.rater is not None:
        recipients[rating.rater.pk] = rating.rater
    elif rating.person.manager is not None:  # the rater has gone: their successor hears
        recipients[rating.person.manager.user_id] = rating.person.manager.user
    recipients.pop(user.pk, None)
    author = person_of(user)
    name = author.name if author else user.get_username()
    url = history_url(rating.person, rating.element) + f"#rating-{rating.pk}"
    notify(recipients.values(), f"{name} replied about {rating.element.code}: {text[:120]}", url)
    return reply


def history_url(person: Person, element: Element) -> str:
    path = reverse("assessments:history", args=[person.employee_id, element.code])
    return f"{path}?framework={element.framework.slug}"


def _observed(rating: Rating | None, today: date) -> Observation | None:
    if rating is None:
        return None
    validated = rating.source in VALIDATING_SOURCES
    return Observation.of(rating.level, rating.competence, validated, rating.next_review_on, today)


@dataclass(frozen=True)
class RequirementRow:
    """One requirement of the person's roles on the home page."""

    requirement: RoleRequirement
    current: CurrentRating | None
    attained: Attainment  # met or not, from the rating that counts (validated, else own)
    # A NOS standard with items: its items rolled up from the person's own judgements, and from
    # the validated ones (None for other requirements).
    own_items: Attainment | None = None
    validated_items: Attainment | None = None


def requirement_rows(person: Person, today: date) -> list[RequirementRow]:
    """The requirements of the person's roles with their ratings and whether each is met.

    "Met" is the one rule of `attainment.py` (as on the gaps page), from the rating that counts
    (validated, else their own); a NOS standard with items also shows how many of them the person
    and their validators judged competent, by the same roll-up (3 queries)."""
    roles = [role for role in (person.current_role_id, person.target_role_id) if role is not None]
    requirements = list(
        RoleRequirement.objects.filter(role_id__in=roles)
        .select_related("element__framework", "role")
        .order_by("role_id", "position", "id")
    )
    units = {r.element_id for r in requirements if r.element.kind == ElementKind.UNIT}
    items = Element.objects.item_ids_by_unit(units)
    wanted = {r.element_id for r in requirements} | {pk for ids in items.values() for pk in ids}
    current = {pk: entry for (_, pk), entry in Rating.objects.current([person.pk], wanted).items()}

    def observed(pick: Callable[[CurrentRating], Rating | None]) -> dict[int, Observation]:
        found = ((pk, _observed(pick(entry), today)) for pk, entry in current.items())
        return {pk: obs for pk, obs in found if obs is not None}

    best = observed(lambda entry: entry.best)
    own = observed(lambda entry: entry.self_rating)
    validated = observed(lambda entry: entry.validated)
    rows = []
    for r in requirements:
        item_ids = items.get(r.element_id, [])
        row = RequirementRow(
            r, current.get(r.element_id), attain(r.element_id, r.target_level, item_ids, best)
        )
        if item_ids:
            row = replace(
                row,
                own_items=attain(r.element_id, None, item_ids, own),
                validated_items=attain(r.element_id, None, item_ids, validated),
            )
        rows.append(row)
    return rows
