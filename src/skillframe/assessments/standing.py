"""Where a person stands, element by element, and the full history behind each rating.

`standing` puts the person's own rating beside the validated one (manager or assessor) for every
element they have been rated on or that their roles require. `element_history` is every rating
row of one element for one person, newest first. Replies let the person answer a validated
rating and their managers (or the rater) answer back; replies are append-only too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TypeGuard

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Prefetch
from django.urls import reverse

from skillframe.assessments.models import (
    VALIDATING_SOURCES,
    CurrentRating,
    Rating,
    RatingReply,
)
from skillframe.audit.models import record
from skillframe.frameworks.models import Element, Framework
from skillframe.notifications.models import notify
from skillframe.people.access import manages, person_of
from skillframe.people.models import Person, RoleRequirement


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


def find_element(code: str, framework_slug: str | None) -> Element | None:
    """The element with this code (in this framework); None when absent or ambiguous."""
    elements = Element.objects.filter(code=code).select_related("framework")
    if framework_slug:
        elements = elements.filter(framework__slug=framework_slug)
    found = list(elements[:2])
    return found[0] if len(found) == 1 else None


def element_history(person: Person, element: Element) -> list[Rating]:
    """Every rating row of the element for the person, all sources, newest first."""
    return list(
        Rating.objects.filter(person=person, element=element)
        .select_related("person", "rater__person", "cycle")
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
    text = text.strip()
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
