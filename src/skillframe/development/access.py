"""Who may do what with a development plan, on top of the people access rule (people/access.py).

- Read: the person, their line managers (direct or indirect), HR admins of their unit;
  superusers (`Plan.objects.visible_to`, i.e. the people rule with `PLAN_READERS`). An assessor
  reads ratings of their learners, not their plans.
- Change content, submit, record progress, revise or close: the person only (`ensure_owner`).
- Approve or return: the person's line managers only (`ensure_reviewer`).

Refusals follow the convention of people/access.py: a plan the caller may not read is a 404
(`get_plan_for`: they must not learn it exists); a plan they read but may not change this way is
a 403 with the reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404

from skillframe.development.models import PLAN_READERS, Activity, Objective, Plan
from skillframe.people.access import Viewer, manages, reaches
from skillframe.people.models import Person
from skillframe.people.querysets import person_check

Row = TypeVar("Row", bound=Model)


def _readable(rows: QuerySet[Row], user: Viewer, pk: int, plan: str, related: Sequence[str]) -> Row:
    """The row `pk` of `rows` if `user` may read the plan it belongs to (`plan`: the path from
    the row to its plan, "" for a plan); Http404 otherwise (unknown and hidden look the same).
    Checked on that one row, walking up from the plan's person: the depth of the trees."""
    person = f"{plan}__person" if plan else "person"
    checked = rows.filter(person_check(user, PLAN_READERS, person), pk=pk)
    found = checked.select_related(*related).order_by().first()
    if found is None:
        raise Http404("no such plan")
    return found


def get_plan_for(user: Viewer, pk: int, *, related: Sequence[str] = ()) -> Plan:
    """The plan if `user` may read it; Http404 otherwise."""
    return _readable(Plan.objects.all(), user, pk, "", related)


def get_objective_for(user: Viewer, pk: int, *, related: Sequence[str] = ()) -> Objective:
    """An objective of a plan `user` may read; Http404 otherwise."""
    return _readable(Objective.objects.all(), user, pk, "plan", related)


def get_activity_for(user: Viewer, pk: int, *, related: Sequence[str] = ()) -> Activity:
    """An activity of a plan `user` may read; Http404 otherwise."""
    return _readable(Activity.objects.all(), user, pk, "objective__plan", related)


def may_read_plans_of(user: Viewer, person: Person) -> bool:
    """Whether `user` may read the person's plans (one query up the trees)."""
    return reaches(user, person, PLAN_READERS)


def is_owner(user: Viewer, plan: Plan) -> bool:
    return user.is_authenticated and plan.person.user_id == user.pk


def ensure_owner(user: Viewer, plan: Plan) -> None:
    if not is_owner(user, plan):
        raise PermissionDenied(f"only {plan.person.name} can change this plan")


def ensure_reviewer(user: Viewer, plan: Plan) -> None:
    if not manages(user, plan.person):
        raise PermissionDenied(f"only {plan.person.name}'s line manager can approve or return it")
