"""Development plans: validation, the approval loop and the version history.

The loop: the person drafts a plan (objectives and activities, see objectives.py), submits it to
their line manager, who approves it or returns it with a comment; the person changes a returned
plan and submits again. Each submit, approve, return and close appends a PlanVersion holding a
snapshot of the plan, records an audit event and notifies the other side (bell + e-mail).

Errors: PermissionDenied when the user may see the plan but not do this (views answer 403);
ValidationError naming the field when the input or the plan's state is wrong. Every change runs
in one transaction, so a refused change saves nothing.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone

from skillframe.audit.models import record
from skillframe.development.access import ensure_owner, ensure_reviewer
from skillframe.development.models import Activity, Objective, Plan, PlanVersion
from skillframe.frameworks.models import Element
from skillframe.inputs import COMMENT_MAX, NOTE_MAX, text_problem
from skillframe.notifications.models import notify
from skillframe.people.access import Viewer, person_of
from skillframe.people.models import Person, check_target
from skillframe.validators import ensure_text

TITLE_MAX = 200


def plan_path(plan: Plan) -> str:
    return reverse("development:plan", args=[plan.pk])


def check_objective(
    person: Person,
    element: Element | None,
    target_level: int | None,
    measure: str,
    due_on: date | None,
    *,
    today: date,
    check_due: bool = True,
) -> None:
    """Raise one ValidationError naming every bad field of an objective for `person`.

    The element must be ratable and belong to one of the person's frameworks (those of their
    current and target roles); the target must fit its scale (`check_target`: an AXELOS level,
    nothing for NOS); the measure must say something; the due date must not be in the past
    (`check_due` is off when an existing objective keeps its date, so an overdue objective can
    still have its measure corrected).
    """
    errors: dict[str, str] = {}
    if element is None:
        errors["element"] = "choose the element this objective develops"
    elif element.framework_id not in person.frameworks_ids():
        errors["element"] = (
            f"{element.code} is in {element.framework.slug}, which is not one of "
            f"{person.name}'s frameworks (those of their current and target roles)"
        )
    else:
        try:
            check_target(element, target_level)
        except ValidationError as invalid:
            errors.update({k: " ".join(v) for k, v in invalid.message_dict.items()})
    if not (measure or "").strip():
        errors["measure"] = "say how you and your manager will know the objective is achieved"
    elif problem := text_problem(measure, NOTE_MAX):
        errors["measure"] = problem
    if due_on is None:
        errors["due_on"] = "give the date the objective is due"
    elif check_due and due_on < today:
        errors["due_on"] = f"{due_on:%Y-%m-%d} is in the past; choose today or a later date"
    if errors:
        raise ValidationError(errors)


def _check_title(title: str) -> str:
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": "give the plan a title"})
    if len(title) > TITLE_MAX:
        raise ValidationError({"title": f"at most {TITLE_MAX} characters"})
    return ensure_text("title", title, TITLE_MAX)


def ensure_editable(plan: Plan) -> None:
    if not plan.editable:
        raise ValidationError(
            {
                "status": f"this plan is {plan.get_status_display().lower()}; its objectives "
                "and activities can only change while it is a draft or returned"
                + (" (revise it first)" if plan.status == Plan.Status.APPROVED else "")
            }
        )


def ensure_active(plan: Plan) -> None:
    if not plan.active:
        raise ValidationError({"status": "this plan is closed; it can no longer change"})


@transaction.atomic
def create_plan(user: Viewer, title: str, objectives: list[dict[str, Any]] | None = None) -> Plan:
    """A new draft plan of the signed-in person, optionally with objectives (all or nothing)."""
    from skillframe.development.objectives import add_objective

    person = person_of(user)
    if person is None:
        raise PermissionDenied("only people of the organisation have development plans")
    plan = Plan.objects.create(person=person, title=_check_title(title))
    for index, fields in enumerate(objectives or []):
        try:
            add_objective(user, plan, **fields)
        except ValidationError as invalid:
            # Name the row as well as the field, so a list of suggestions reads clearly.
            raise ValidationError(
                {
                    k: [f"objective {index + 1}: {m}" for m in v]
                    for k, v in invalid.message_dict.items()
                }
            ) from None
    record(user, "plan.create", plan, person=person.employee_id, title=plan.title)
    return plan


@transaction.atomic
def update_plan(user: Viewer, plan: Plan, title: str) -> Plan:
    ensure_owner(user, plan)
    ensure_active(plan)
    plan.title = _check_title(title)
    plan.save(update_fields=["title", "updated_at"])
    return plan


def snapshot(plan: Plan) -> dict[str, Any]:
    """The plan's content as plain JSON: what a version keeps (two queries)."""
    objectives = plan.objectives.select_related("element__framework").prefetch_related(
        Prefetch("activities", queryset=Activity.objects.order_by("starts_on", "id"))
    )
    return {
        "title": plan.title,
        "status": plan.status,
        "objectives": [
            {
                "id": o.pk,
                "framework": o.element.framework.slug,
                "element": o.element.code,
                "element_title": o.element.label,
                "target_level": o.target_level,
                "measure": o.measure,
                "due_on": o.due_on.isoformat(),
                "status": o.status,
                "completed_at": o.completed_at.isoformat() if o.completed_at else None,
                "activities": [
                    {
                        "id": a.pk,
                        "kind": a.kind,
                        "title": a.title,
                        "status": a.status,
                        "starts_on": a.starts_on.isoformat() if a.starts_on else None,
                        "ends_on": a.ends_on.isoformat() if a.ends_on else None,
                        "link": a.link,
                        "notes": a.notes,
                    }
                    for a in o.activities.all()
                ],
            }
            for o in objectives
        ],
    }


def _version(user: Viewer, plan: Plan, action: str, comment: str = "") -> PlanVersion:
    """Move the plan to its next version number and append the snapshot (call in a transaction)."""
    comment = ensure_text("comment", comment, COMMENT_MAX)
    plan.version += 1
    plan.save(update_fields=["status", "version", "updated_at"])
    version = PlanVersion.objects.create(
        plan=plan,
        number=plan.version,
        action=action,
        actor=user if user.is_authenticated else None,
        comment=comment,
        snapshot=snapshot(plan),
    )
    record(
        user,
        f"plan.{action}",
        plan,
        person=plan.person.employee_id,
        version=plan.version,
        comment=comment,
    )
    return version


def _display_name(user: Viewer) -> str:
    """The reviewer as a notification names them (ensure_reviewer lets only signed-in users by)."""
    if user.is_authenticated:
        return user.get_full_name() or user.get_username()
    return user.get_username()


@transaction.atomic
def submit(user: Viewer, plan: Plan) -> PlanVersion:
    """Send a draft or returned plan to the person's line manager for approval."""
    ensure_owner(user, plan)
    if plan.status not in (Plan.Status.DRAFT, Plan.Status.RETURNED):
        raise ValidationError(
            {"status": f"this plan is {plan.get_status_display().lower()}; it cannot be submitted"}
        )
    manager = plan.person.manager
    if manager is None:
        raise ValidationError({"manager": "you have no line manager to approve the plan"})
    today = timezone.localdate()
    objectives = list(plan.objectives.select_related("element"))
    if not objectives:
        raise ValidationError({"objectives": "add at least one objective before you submit"})
    late = [o for o in objectives if o.is_overdue(today)]
    if late:
        codes = ", ".join(o.element.code for o in late)
        raise ValidationError({"due_on": f"these objectives are due in the past: {codes}"})
    plan.status = Plan.Status.SUBMITTED
    version = _version(user, plan, PlanVersion.Action.SUBMIT)
    notify(
        [manager.user],
        f"{plan.person.name} submitted the development plan “{plan.title}” for your approval.",
        reverse("development:review", args=[plan.pk]),
    )
    return version


def _ensure_submitted(plan: Plan) -> None:
    if plan.status != Plan.Status.SUBMITTED:
        raise ValidationError(
            {"status": f"this plan is {plan.get_status_display().lower()}, not awaiting approval"}
        )


@transaction.atomic
def approve(user: Viewer, plan: Plan, comment: str = "") -> PlanVersion:
    ensure_reviewer(user, plan)
    _ensure_submitted(plan)
    plan.status = Plan.Status.APPROVED
    version = _version(user, plan, PlanVersion.Action.APPROVE, comment.strip())
    by = _display_name(user)
    notify(
        [plan.person.user], f"{by} approved your development plan “{plan.title}”.", plan_path(plan)
    )
    return version


@transaction.atomic
def return_plan(user: Viewer, plan: Plan, comment: str) -> PlanVersion:
    """Send the plan back to the person; the comment says what should change (required)."""
    ensure_reviewer(user, plan)
    _ensure_submitted(plan)
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": "say what should change before you return the plan"})
    plan.status = Plan.Status.RETURNED
    version = _version(user, plan, PlanVersion.Action.RETURN, comment)
    by = _display_name(user)
    notify(
        [plan.person.user],
        f"{by} returned your development plan “{plan.title}”: {comment}"[:500],
        plan_path(plan),
    )
    return version


@transaction.atomic
def revise(user: Viewer, plan: Plan) -> Plan:
    """Reopen an approved plan as a draft: changed content needs approval again."""
    ensure_owner(user, plan)
    if plan.status != Plan.Status.APPROVED:
        raise ValidationError(
            {"status": "only an approved plan is revised; edit this one directly"}
        )
    plan.status = Plan.Status.DRAFT
    plan.save(update_fields=["status", "updated_at"])
    record(user, "plan.revise", plan, person=plan.person.employee_id, version=plan.version)
    return plan


@transaction.atomic
def close(user: Viewer, plan: Plan, comment: str = "") -> PlanVersion:
    """Close the plan (the person): it is kept, read-only, with its history; the manager is told."""
    ensure_owner(user, plan)
    ensure_active(plan)
    plan.status = Plan.Status.CLOSED
    version = _version(user, plan, PlanVersion.Action.CLOSE, comment.strip())
    if plan.person.manager is not None:
        notify(
            [plan.person.manager.user],
            f"{plan.person.name} closed the development plan “{plan.title}”.",
            plan_path(plan),
        )
    return version


def objectives_of(plan: Plan) -> list[Objective]:
    """Objectives with element, activities and progress updates loaded (three queries)."""
    return list(
        plan.objectives.select_related(
            "element__framework", "element__parent__parent"
        ).prefetch_related(
            Prefetch("activities", queryset=Activity.objects.order_by("starts_on", "id")),
            "updates__author",
        )
    )
