"""The manager's team reports page: each direct report's plan status, role fit, top priorities.

Costs a fixed number of queries whatever the team size or the number of distinct roles:
the reports (1), requirements of all their roles with NOS items (2), current ratings (1),
interests (1), goal weights (1), priority weights (1), plans with objective counts (1).
It asks `data.team_insights` once for the whole team (gaps to each person's own current and
target roles, and priorities) rather than `data.team_reports` once per distinct role, which
would cost 3 queries per role.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from skillframe.development.models import Plan, counts_of
from skillframe.insights import data
from skillframe.insights.gaps import GapReport
from skillframe.insights.priorities import Priority, about_someone
from skillframe.people.models import Person

TOP = 3


@dataclass(frozen=True)
class TeamRow:
    person: Person
    fit: GapReport | None  # against the current role; None without one
    target_fit: GapReport | None  # against the target role, when it differs
    priorities: tuple[Priority, ...]  # the top three
    priorities_total: int
    plan_status: str  # "no plan" or the plan's status, e.g. "Approved"
    plan_detail: str  # "2 of 3 objectives done"


def _plans(person_ids: list[int], today: date) -> dict[int, tuple[str, str]]:
    """{person id: (status, detail)} of each person's newest open (else newest) plan (1 query)."""
    chosen: dict[int, Plan] = {}
    rows = Plan.objects.filter(person_id__in=person_ids).with_counts(today).order_by("-updated_at")
    for plan in rows:
        best = chosen.get(plan.person_id)
        if best is None or (best.status == Plan.Status.CLOSED and plan.status != best.status):
            chosen[plan.person_id] = plan
    result = {}
    for person_id, plan in chosen.items():
        result[person_id] = (plan.get_status_display(), plan_progress(plan))
    return result


def plan_progress(plan: Plan) -> str:
    """ "2 of 3 objectives done, 1 overdue" for a plan read through `PlanQuerySet.with_counts`."""
    counts = counts_of(plan)
    detail = f"{counts.done_count} of {counts.objective_count} objectives done"
    if counts.overdue_count:
        detail += f", {counts.overdue_count} overdue"
    return detail


@dataclass(frozen=True)
class Standing:
    """One person's gaps against their current and target roles, and their ranked priorities."""

    current: GapReport | None
    target: GapReport | None  # None also when the target role is the current one
    priorities: list[Priority]


def standings(persons: Sequence[Person], today: date) -> dict[int, Standing]:
    """{person id: Standing} for many people in 6 queries, whatever their number and roles."""
    return {
        pk: Standing(current, target, ranked)
        for pk, (current, target, ranked) in data.team_insights(persons, today).items()
    }


def _role_titles(person: Person) -> dict[str, str]:
    roles = {"current": person.current_role, "target": person.target_role}
    return {key: role.title for key, role in roles.items() if role is not None}


def team_rows(manager: Person, today: date | None = None) -> list[TeamRow]:
    """One row per direct report of `manager`, in name order."""
    today = today or timezone.localdate()
    persons = list(
        Person.objects.filter(manager_id=manager.pk).select_related(
            "user", "current_role", "target_role"
        )
    )
    if not persons:
        return []
    found = standings(persons, today)
    plans = _plans([p.pk for p in persons], today)
    rows = []
    for p in persons:
        s = found[p.pk]
        status, detail = plans.get(p.pk, ("no plan", ""))
        rows.append(
            TeamRow(
                p,
                s.current,
                s.target,
                # The manager reads about someone else: their roles by name, not "your".
                tuple(about_someone(x, _role_titles(p)) for x in s.priorities[:TOP]),
                len(s.priorities),
                status,
                detail,
            )
        )
    return rows
