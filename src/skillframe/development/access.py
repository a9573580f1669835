"""Who may do what with a development plan, on top of the people access rule (people/access.py).

- Read: the person, their line managers (direct or indirect), HR admins of their unit;
  superusers. Anyone else must not learn the plan exists (404). An assessor reads ratings of
  their learners, not their plans.
- Change content, submit, record progress, revise or close: the person only.
- Approve or return: the person's line managers only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied

from skillframe.people.access import administered_person_ids, manages, person_of, report_ids

if TYPE_CHECKING:
    from skillframe.development.models import Plan


def reader_person_ids(user: Any) -> set[int] | None:
    """People whose plans `user` may read; None = everyone (superuser)."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return None
    me = person_of(user)
    if me is None:
        return set()
    return {me.pk} | report_ids(me.pk) | (administered_person_ids(user) or set())


def is_owner(user: Any, plan: Plan) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and plan.person.user_id == user.pk


def ensure_owner(user: Any, plan: Plan) -> None:
    if not is_owner(user, plan):
        raise PermissionDenied(f"only {plan.person.name} can change this plan")


def ensure_reviewer(user: Any, plan: Plan) -> None:
    if not manages(user, plan.person):
        raise PermissionDenied(f"only {plan.person.name}'s line manager can approve or return it")
