"""Helpers for the development plan tests: a plan of Alice's with objectives and activities."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from skillframe.development import objectives, plans
from skillframe.development.models import Objective, Plan
from skillframe.frameworks.models import Element


def element(code: str) -> Element:
    return Element.objects.select_related("framework").get(code=code)


def in_days(days: int) -> date:
    return timezone.localdate() + timedelta(days=days)


def alice_plan(personas: Any, *, title: str = "Lead a team", submitted: bool = False) -> Plan:
    """Alice's draft plan: an AXELOS objective with two activities and a NOS objective."""
    user = personas.alice.user
    plan = plans.create_plan(user, title)
    ppl = objectives.add_objective(
        user,
        plan,
        element=element("PPM-PPL"),
        target_level=4,
        measure="Bob validates PPM-PPL at level 4",
        due_on=in_days(90),
    )
    objectives.add_activity(
        user, ppl, kind="course", title="Portfolio planning course", link="https://example.org/c"
    )
    objectives.add_activity(user, ppl, kind="project", title="Plan the Q3 release")
    objectives.add_objective(
        user,
        plan,
        element=element("INSML005"),
        target_level=None,
        measure="Assessed competent by Dave",
        due_on=in_days(180),
    )
    if submitted:
        plans.submit(user, plan)
    return Plan.objects.select_related("person__user", "person__manager__user").get(pk=plan.pk)


def first_objective(plan: Plan) -> Objective:
    return plan.objectives.select_related("element__framework", "plan__person__user").first()
