"""Assemble one person's report from the database: roles, gaps, priorities, plan, history.

The caller has already fetched `person` through the access rule (`Person.objects.visible_to`).
What the report shows is the same for every reader, with one exception: the development plan is
shown only to those who may read plans (`Plan.objects.visible_to`: the person, their line
managers, HR); an assessor sees ratings, not plans, and is told so rather than "no plan".
"""

from __future__ import annotations

from typing import Any

from django.db.models import Max
from django.utils import timezone

from skillframe.assessments.models import Rating
from skillframe.development.models import Objective, Plan
from skillframe.frameworks.kinds import ElementKind
from skillframe.frameworks.models import Element, ScaleLevel
from skillframe.insights.gaps import GapReport
from skillframe.insights.report_team import plan_progress, standings
from skillframe.insights.report_types import (
    HISTORY_ROWS,
    NO_PLAN,
    TOP_PRIORITIES,
    HistoryLine,
    ObjectiveLine,
    PersonReport,
    PlanSummary,
    RoleSection,
)
from skillframe.people.access import Viewer
from skillframe.people.models import Person

# Shown instead of the plan to readers who may see the person's ratings but not their plans.
PLAN_HIDDEN = PlanSummary(False, status="not shown")

# Ancestor kinds a requirement is grouped under on the chart and in the gap table.
GROUP_KINDS = (ElementKind.FAMILY, ElementKind.UNIT)


def group_headings(element_ids: set[int]) -> dict[int, str]:
    """{element id: its AXELOS family or NOS standard, as a heading}, in one query.

    A skill sits under a family (or a group under a family), a criterion or knowledge item
    under its unit (or a knowledge section under it): three parents up is always enough. A
    requirement on a whole standard (a NOS unit) is grouped under its framework's title.
    """
    headings: dict[int, str] = {}
    rows = Element.objects.filter(pk__in=element_ids).select_related(
        "framework", "parent__parent__parent"
    )
    for element in rows:
        # A requirement on a whole NOS standard is its own bar: group it under its framework.
        node: Element | None = element.parent if element.kind == ElementKind.UNIT else element
        while node is not None and node.kind not in GROUP_KINDS:
            node = node.parent
        if node is None:
            headings[element.pk] = element.framework.title
        elif node.kind == ElementKind.UNIT:
            headings[element.pk] = f"{node.code} {node.title}".strip()
        else:
            headings[element.pk] = node.title
    return headings


def plan_summary(person: Person, viewer: Viewer | None) -> PlanSummary:
    """The newest open plan (else the newest closed one), or NO_PLAN / PLAN_HIDDEN."""
    if viewer is not None and not _may_read_plans(viewer, person):
        return PLAN_HIDDEN
    today = timezone.localdate()
    plans = list(Plan.objects.filter(person=person).with_counts(today).order_by("-updated_at"))
    plan = next((p for p in plans if p.status != Plan.Status.CLOSED), None) or next(
        iter(plans), None
    )
    if plan is None:
        return NO_PLAN
    objectives = tuple(
        ObjectiveLine(
            title=f"{o.element.code} {o.element.label}",
            detail=f"{o.target_label} by {o.due_on:%d %b %Y}"
            + (" (overdue)" if o.is_overdue(today) else ""),
            status=o.get_status_display(),
        )
        for o in Objective.objects.filter(plan=plan).select_related("element")
    )
    detail = plan_progress(plan)
    return PlanSummary(True, plan.get_status_display(), plan.title, detail + ".", objectives)


def _may_read_plans(viewer: Viewer, person: Person) -> bool:
    # The same rule as Plan.objects.visible_to, asked about one person.
    from skillframe.development.access import may_read_plans_of

    return may_read_plans_of(viewer, person)


def history(person: Person) -> tuple[HistoryLine, ...]:
    """The newest ratings of the person (all sources), newest first."""
    rows = Rating.objects.filter(person=person).select_related("element", "rater")
    return tuple(
        HistoryLine(
            when=r.created_at,
            code=r.element.code,
            title=r.element.label,
            value=r.value_label,
            source=r.get_source_display(),
            rater=(r.rater.get_full_name() or r.rater.get_username()) if r.rater else "",
            comment=r.comment,
        )
        for r in rows[:HISTORY_ROWS]
    )


def build_report(person: Person, viewer: Viewer | None = None) -> PersonReport:
    """The report of `person` as `viewer` may see it (None: the command line, sees all)."""
    person = Person.objects.select_related(
        "user", "unit", "manager__user", "current_role", "target_role"
    ).get(pk=person.pk)
    found = standings([person], timezone.localdate())[person.pk]
    reports: list[tuple[str, Any, GapReport]] = []
    if person.current_role is not None and found.current is not None:
        reports.append(("Current role", person.current_role, found.current))
    if person.target_role is not None and found.target is not None:
        reports.append(("Target role", person.target_role, found.target))
    element_ids = {g.element_id for _, _, r in reports for g in r.gaps}
    headings = group_headings(element_ids) if element_ids else {}
    frameworks = {g.requirement.framework for _, _, r in reports for g in r.gaps}
    scale_max = (
        ScaleLevel.objects.filter(framework__slug__in=frameworks).aggregate(top=Max("number"))[
            "top"
        ]
        if frameworks
        else None
    ) or 5
    sections = tuple(
        RoleSection(which, role.code, role.title, report, headings, scale_max)
        for which, role, report in reports
    )
    priorities = found.priorities
    manager = person.manager.name if person.manager else ""
    return PersonReport(
        name=person.name,
        employee_id=person.employee_id,
        username=person.user.get_username(),
        job_title=person.job_title,
        unit=str(person.unit),
        manager=manager,
        generated=timezone.localdate(),
        roles=sections,
        priorities=tuple(priorities[:TOP_PRIORITIES]),
        priorities_total=len(priorities),
        plan=plan_summary(person, viewer),
        history=history(person),
    )


def find_person(key: str) -> Person:
    """A person by username or employee id (the CLI's PERSON); raises Person.DoesNotExist."""
    found = Person.objects.filter(employee_id=key).first()
    if found is None:
        found = Person.objects.filter(user__username=key).first()
    if found is None:
        raise Person.DoesNotExist(f"no person with employee id or username {key!r}")
    return found
