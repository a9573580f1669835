"""Development plans over the API: plans, objectives, activities, progress, the approval loop.

The same rule as the pages (development/access.py): a plan the caller may not read is 404 (as
is one that does not exist); a plan they read but may not change (a manager editing, HR
approving, the person approving their own plan) is 403; bad input is 422 naming the field, and
nothing is saved. No `from __future__ import annotations` here: ninja reads the annotations.
"""

from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Query, Router, Status
from ninja.pagination import paginate

from skillframe.api.auth import USER_AUTH
from skillframe.api.errors import FieldErrorsOut
from skillframe.api.ordering import ordered
from skillframe.api.pagination import Paged
from skillframe.api.plans_schemas import (
    ActivityIn,
    ActivityPatch,
    DecisionIn,
    ObjectiveIn,
    ObjectivePatch,
    PlanDetailOut,
    PlanFilters,
    PlanIn,
    PlanOut,
    PlanPatch,
    ProgressIn,
    VersionOut,
)
from skillframe.api.schemas import ErrorOut
from skillframe.development import objectives as domain
from skillframe.development import plans
from skillframe.development.access import get_plan_for
from skillframe.development.models import Activity, Objective, Plan, PlanQuerySet, PlanVersion

router = Router(auth=USER_AUTH, tags=["plans"])


def _user_name(user: User | None) -> str | None:
    return (user.get_full_name() or user.get_username()) if user is not None else None


def _visible(request: HttpRequest) -> PlanQuerySet:
    return Plan.objects.visible_to(request.user).select_related(
        "person__user", "person__manager__user"
    )


def _plan(request: HttpRequest, plan_id: int) -> Plan:
    return get_plan_for(request.user, plan_id, related=("person__user", "person__manager__user"))


def _objective(plan: Plan, objective_id: int) -> Objective:
    objective = get_object_or_404(
        plan.objectives.select_related("element__framework"), pk=objective_id
    )
    objective.plan = plan  # already loaded with its person: spare the domain a query
    return objective


def _activity(objective: Objective, activity_id: int) -> Activity:
    activity = get_object_or_404(objective.activities.all(), pk=activity_id)
    activity.objective = objective
    return activity


def _summary(plan: Plan, counts: tuple[int, int, int]) -> dict[str, Any]:
    return {
        "id": plan.pk,
        "person": plan.person.employee_id,
        "person_name": plan.person.name,
        "title": plan.title,
        "status": plan.status,
        "version": plan.version,
        "objectives_total": counts[0],
        "objectives_done": counts[1],
        "objectives_overdue": counts[2],
        "created_at": plan.created_at,
        "updated_at": plan.updated_at,
    }


def _detail(request: HttpRequest, plan: Plan) -> dict[str, Any]:
    plan.refresh_from_db(fields=["title", "status", "version", "updated_at"])
    today = timezone.localdate()
    objectives = plans.objectives_of(plan)
    links = domain.reassess_links(request.user, plan, objectives)
    rows = [
        {
            "id": o.pk,
            "framework": o.element.framework.slug,
            "element": o.element.code,
            "element_title": o.element.label,
            "target_level": o.target_level,
            "measure": o.measure,
            "due_on": o.due_on,
            "status": o.status,
            "completed_at": o.completed_at,
            "overdue": o.is_overdue(today),
            "reassess_url": links.get(o.pk),
            "activities": list(o.activities.all()),
            "progress": [
                {
                    "id": u.pk,
                    "author": _user_name(u.author),
                    "text": u.text,
                    "created_at": u.created_at,
                }
                for u in o.updates.all()
            ],
        }
        for o in objectives
    ]
    counts = (
        len(rows),
        sum(1 for r in rows if r["status"] == Objective.Status.DONE),
        sum(1 for r in rows if r["overdue"]),
    )
    return {**_summary(plan, counts), "objectives": rows}


def _objective_fields(payload: ObjectiveIn | ObjectivePatch) -> dict[str, Any]:
    # A new objective has every field (target_level defaults to None: a 500 when left out);
    # a change has only those sent.
    data = payload.model_dump(exclude_unset=isinstance(payload, ObjectivePatch))
    framework = data.pop("framework", None)
    data.pop("status", None)
    if "element" in data:
        data["element"] = domain.resolve_element(data["element"] or "", framework)
    return data


@router.get(
    "/plans",
    response=list[PlanOut],
    summary="Development plans the caller may read (own, reports', HR scope), newest change first",
)
@paginate(Paged)
def list_plans(request: HttpRequest, filters: Query[PlanFilters]) -> Any:
    rows = _visible(request).with_counts(timezone.localdate()).order_by("-updated_at", "-id")
    if filters.person:
        rows = rows.filter(person__employee_id=filters.person)
    if filters.status:
        rows = rows.filter(status=filters.status)
    fields = {"updated_at": ("updated_at",), "created_at": ("created_at",), "title": ("title",)}
    return ordered(rows, filters.order, fields)


@router.post(
    "/plans",
    response={201: PlanDetailOut, 403: ErrorOut, 422: FieldErrorsOut},
    summary="Start a development plan of your own, optionally with objectives (all or nothing)",
)
def create_plan(request: HttpRequest, payload: PlanIn) -> Any:
    with transaction.atomic():
        objectives = [_objective_fields(o) for o in payload.objectives]
        plan = plans.create_plan(request.user, payload.title, objectives)
    return Status(201, _detail(request, _plan(request, plan.pk)))


@router.get(
    "/plans/{plan_id}",
    response={200: PlanDetailOut, 404: ErrorOut},
    summary="A plan with its objectives, activities, progress and overdue flags",
)
def get_plan(request: HttpRequest, plan_id: int) -> Any:
    return _detail(request, _plan(request, plan_id))


@router.patch(
    "/plans/{plan_id}",
    response={200: PlanDetailOut, 403: ErrorOut, 404: ErrorOut, 422: FieldErrorsOut},
    summary="Rename a plan (the person only)",
)
def update_plan(request: HttpRequest, plan_id: int, payload: PlanPatch) -> Any:
    plan = _plan(request, plan_id)
    plans.update_plan(request.user, plan, payload.title)
    return _detail(request, plan)


@router.get(
    "/plans/{plan_id}/versions",
    response={200: list[VersionOut], 404: ErrorOut},
    summary="Every version of a plan (submitted, approved, returned, closed), newest first",
)
def plan_versions(request: HttpRequest, plan_id: int) -> Any:
    plan = _plan(request, plan_id)
    versions = PlanVersion.objects.filter(plan=plan).select_related("actor").order_by("-number")
    return [
        {
            "number": v.number,
            "action": v.action,
            "actor": _user_name(v.actor),
            "comment": v.comment,
            "created_at": v.created_at,
            "snapshot": v.snapshot,
        }
        for v in versions
    ]


@router.post(
    "/plans/{plan_id}/objectives",
    response={201: PlanDetailOut, 403: ErrorOut, 404: ErrorOut, 422: FieldErrorsOut},
    summary="Add a SMART objective (element, target level, measure, due date) to a plan",
)
def add_objective(request: HttpRequest, plan_id: int, payload: ObjectiveIn) -> Any:
    plan = _plan(request, plan_id)
    domain.add_objective(request.user, plan, **_objective_fields(payload))
    return Status(201, _detail(request, plan))


@router.patch(
    "/plans/{plan_id}/objectives/{objective_id}",
    response={200: PlanDetailOut, 403: ErrorOut, 404: ErrorOut, 422: FieldErrorsOut},
    summary="Change an objective, or its status (done notifies the manager, prompts re-assessment)",
)
def update_objective(
    request: HttpRequest, plan_id: int, objective_id: int, payload: ObjectivePatch
) -> Any:
    plan = _plan(request, plan_id)
    objective = _objective(plan, objective_id)
    with transaction.atomic():
        fields = _objective_fields(payload)
        if fields:
            domain.update_objective(request.user, objective, **fields)
        if payload.status is not None:
            domain.set_objective_status(request.user, objective, payload.status)
    return _detail(request, plan)


@router.post(
    "/plans/{plan_id}/objectives/{objective_id}/activities",
    response={201: PlanDetailOut, 403: ErrorOut, 404: ErrorOut, 422: FieldErrorsOut},
    summary="Add an activity (course, project, coaching, reading, on-the-job) to an objective",
)
def add_activity(request: HttpRequest, plan_id: int, objective_id: int, payload: ActivityIn) -> Any:
    plan = _plan(request, plan_id)
    domain.add_activity(request.user, _objective(plan, objective_id), **payload.model_dump())
    return Status(201, _detail(request, plan))


@router.patch(
    "/plans/{plan_id}/objectives/{objective_id}/activities/{activity_id}",
    response={200: PlanDetailOut, 403: ErrorOut, 404: ErrorOut, 422: FieldErrorsOut},
    summary="Change an activity; status alone may change on an approved plan too",
)
def update_activity(
    request: HttpRequest,
    plan_id: int,
    objective_id: int,
    activity_id: int,
    payload: ActivityPatch,
) -> Any:
    plan = _plan(request, plan_id)
    activity = _activity(_objective(plan, objective_id), activity_id)
    changes = payload.model_dump(exclude_unset=True)
    if set(changes) == {"status"}:
        domain.set_activity_status(request.user, activity, changes["status"])
    else:
        domain.update_activity(request.user, activity, **changes)
    return _detail(request, plan)


@router.post(
    "/plans/{plan_id}/objectives/{objective_id}/progress",
    response={201: PlanDetailOut, 403: ErrorOut, 404: ErrorOut, 422: FieldErrorsOut},
    summary="Record a progress update on an objective (append-only)",
)
def add_progress(request: HttpRequest, plan_id: int, objective_id: int, payload: ProgressIn) -> Any:
    plan = _plan(request, plan_id)
    domain.add_progress(request.user, _objective(plan, objective_id), payload.text)
    return Status(201, _detail(request, plan))


@router.post(
    "/plans/{plan_id}/submit",
    response={200: PlanDetailOut, 403: ErrorOut, 404: ErrorOut, 422: FieldErrorsOut},
    summary="Submit a draft or returned plan to your line manager for approval",
)
def submit_plan(request: HttpRequest, plan_id: int) -> Any:
    plan = _plan(request, plan_id)
    plans.submit(request.user, plan)
    return _detail(request, plan)


@router.post(
    "/plans/{plan_id}/approve",
    response={200: PlanDetailOut, 403: ErrorOut, 404: ErrorOut, 422: FieldErrorsOut},
    summary="Approve a submitted plan (the person's line manager)",
)
def approve_plan(request: HttpRequest, plan_id: int, payload: DecisionIn) -> Any:
    plan = _plan(request, plan_id)
    plans.approve(request.user, plan, payload.comment)
    return _detail(request, plan)


@router.post(
    "/plans/{plan_id}/return",
    response={200: PlanDetailOut, 403: ErrorOut, 404: ErrorOut, 422: FieldErrorsOut},
    summary="Return a submitted plan for changes with a comment (the person's line manager)",
)
def return_plan(request: HttpRequest, plan_id: int, payload: DecisionIn) -> Any:
    plan = _plan(request, plan_id)
    plans.return_plan(request.user, plan, payload.comment)
    return _detail(request, plan)


@router.post(
    "/plans/{plan_id}/revise",
    response={200: PlanDetailOut, 403: ErrorOut, 404: ErrorOut, 422: FieldErrorsOut},
    summary="Open an approved plan for changes again (the person); it is submitted anew",
)
def revise_plan(request: HttpRequest, plan_id: int) -> Any:
    plan = _plan(request, plan_id)
    plans.revise(request.user, plan)
    return _detail(request, plan)


@router.post(
    "/plans/{plan_id}/close",
    response={200: PlanDetailOut, 403: ErrorOut, 404: ErrorOut, 422: FieldErrorsOut},
    summary="Close a plan for good, with an optional comment (the person); kept for the record",
)
def close_plan(request: HttpRequest, plan_id: int, payload: DecisionIn) -> Any:
    plan = _plan(request, plan_id)
    plans.close(request.user, plan, payload.comment)
    return _detail(request, plan)


@router.delete(
    "/plans/{plan_id}/objectives/{objective_id}",
    response={200: PlanDetailOut, 403: ErrorOut, 404: ErrorOut, 422: FieldErrorsOut},
    summary="Delete an objective with its activities while the plan is editable (the person)",
)
def delete_objective(request: HttpRequest, plan_id: int, objective_id: int) -> Any:
    plan = _plan(request, plan_id)
    domain.delete_objective(request.user, _objective(plan, objective_id))
    return _detail(request, plan)


@router.delete(
    "/plans/{plan_id}/objectives/{objective_id}/activities/{activity_id}",
    response={200: PlanDetailOut, 403: ErrorOut, 404: ErrorOut, 422: FieldErrorsOut},
    summary="Delete an activity while the plan is editable (the person)",
)
def delete_activity(request: HttpRequest, plan_id: int, objective_id: int, activity_id: int) -> Any:
    plan = _plan(request, plan_id)
    activity = _activity(_objective(plan, objective_id), activity_id)
    domain.delete_activity(request.user, activity)
    return _detail(request, plan)
