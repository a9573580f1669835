"""The one access rule for people and everything that belongs to a person.

A user sees a person when the person is
- themselves;
- one of their direct or indirect reports (line manager);
- in one of the org units they administer, or a unit below one (HR/L&D admin);
- one of their assigned learners (assessor).
Superusers see everyone. Only HR admins (and superusers) may change person records.

Functions return a set of person ids, or None meaning "no restriction" (superuser). Each costs a
handful of queries (one per level of the management or unit tree), never one per person.
"""

from __future__ import annotations

from typing import Any

from skillframe.people.models import OrgUnit, Person


def person_of(user: Any) -> Person | None:
    if not getattr(user, "is_authenticated", False):
        return None
    try:
        return Person.objects.get(user_id=user.pk)
    except Person.DoesNotExist:
        return None


def unit_subtree_ids(root_ids: set[int]) -> set[int]:
    """The given units and every unit below them."""
    found = set(root_ids)
    frontier = set(root_ids)
    while frontier:
        frontier = set(
            OrgUnit.objects.filter(parent_id__in=frontier)
            .exclude(pk__in=found)
            .values_list("pk", flat=True)
        )
        found |= frontier
    return found


def report_ids(manager_id: int) -> set[int]:
    """Direct and indirect reports of a person (not the person)."""
    found: set[int] = set()
    frontier = {manager_id}
    while frontier:
        frontier = set(
            Person.objects.filter(manager_id__in=frontier)
            .exclude(pk__in=found | {manager_id})
            .values_list("pk", flat=True)
        )
        found |= frontier
    return found


def direct_report_ids(manager_id: int) -> set[int]:
    return set(Person.objects.filter(manager_id=manager_id).values_list("pk", flat=True))


def administered_unit_ids(person: Person) -> set[int]:
    roots = set(person.hr_units.values_list("pk", flat=True))
    return unit_subtree_ids(roots) if roots else set()


def administered_person_ids(user: Any) -> set[int] | None:
    """People whose records `user` may change (HR scope); None = everyone (superuser)."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return None
    me = person_of(user)
    if me is None:
        return set()
    units = administered_unit_ids(me)
    if not units:
        return set()
    return set(Person.objects.filter(unit_id__in=units).values_list("pk", flat=True))


def visible_person_ids(user: Any) -> set[int] | None:
    """People `user` may read; None = everyone (superuser)."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return None
    me = person_of(user)
    if me is None:
        return set()
    ids = {me.pk} | report_ids(me.pk)
    ids |= administered_person_ids(user) or set()
    ids |= set(me.learners.values_list("pk", flat=True))
    return ids


def is_hr_admin(user: Any) -> bool:
    if getattr(user, "is_superuser", False) and user.is_active:
        return True
    me = person_of(user)
    return me is not None and me.hr_units.exists()


def manages(user: Any, person: Person) -> bool:
    """Whether `user` is the person's direct or indirect line manager."""
    me = person_of(user)
    return me is not None and person.pk in report_ids(me.pk)


def assesses(user: Any, person: Person) -> bool:
    me = person_of(user)
    return me is not None and me.learners.filter(pk=person.pk).exists()


def administers(user: Any, person: Person) -> bool:
    ids = administered_person_ids(user)
    return ids is None or person.pk in ids
