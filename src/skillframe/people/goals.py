"""Organisation goals: which families, groups, skills or units matter most in a period."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet

from skillframe.audit.models import record
from skillframe.frameworks.models import Element
from skillframe.people.access import Viewer
from skillframe.people.models import OrgGoal, OrgGoalWeight


def goals_with_status(today: date) -> QuerySet[OrgGoal]:
    """All goals, newest period first, each with `is_active` (today falls in its period)."""
    active = Q(starts_on__lte=today, ends_on__gte=today)
    return OrgGoal.objects.annotate(
        is_active=ExpressionWrapper(active, output_field=BooleanField())
    )


def save_goal(actor: Viewer, goal: OrgGoal, *, created: bool) -> None:
    with transaction.atomic():
        goal.save()
        record(
            actor,
            "goal.create" if created else "goal.update",
            goal,
            title=goal.title,
            starts_on=goal.starts_on.isoformat(),
            ends_on=goal.ends_on.isoformat(),
        )


def set_goal_weight(actor: Viewer, goal: OrgGoal, element: Element, weight: float) -> OrgGoalWeight:
    """Give `element` this weight in the goal, adding it or changing its weight.

    The caller has validated the pair with `OrgGoalWeight.clean()` (kind and weight > 0).
    """
    with transaction.atomic():
        row, created = OrgGoalWeight.objects.update_or_create(
            goal=goal, element=element, defaults={"weight": weight}
        )
        record(
            actor,
            "goal.weight.add" if created else "goal.weight.update",
            goal,
            element=element.code,
            framework=element.framework.slug,
            weight=weight,
        )
    return row


def remove_goal_weight(actor: Viewer, weight: OrgGoalWeight) -> None:
    with transaction.atomic():
        goal = weight.goal
        code = weight.element.code
        weight.delete()
        record(actor, "goal.weight.delete", goal, element=code)
