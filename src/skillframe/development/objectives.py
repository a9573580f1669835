"""Objectives, their activities and progress updates: the content of a development plan.

Content (adding, changing or removing objectives and activities) changes only while the plan is
a draft or returned, and only by the person. Progress (updates, an activity's status, an
objective done or dropped) is recorded by the person on any plan that is not closed. Marking an
objective done tells their line manager and prompts the person to re-assess the element
(`reassess_url`).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from skillframe.assessments.models import Cycle, Rating, SelfAssessment, Source
from skillframe.assessments.standing import history_url
from skillframe.assessments.wizard import STEP_KINDS
from skillframe.audit.models import record
from skillframe.development.access import ensure_owner, is_owner
from skillframe.development.models import Activity, Objective, Plan, ProgressUpdate
from skillframe.development.plans import check_objective, ensure_active, ensure_editable
from skillframe.frameworks.models import Element
from skillframe.inputs import LINK_MAX, NOTE_MAX, TITLE_MAX, text_problem
from skillframe.notifications.models import notify
from skillframe.people.access import Viewer
from skillframe.people.models import Person
from skillframe.validators import ensure_text

_UNSET: Any = object()
_http_url = URLValidator(schemes=["http", "https"])


def resolve_element(code: str, framework: str | None = None) -> Element:
    """The element a form or API call names by code (and framework slug when ambiguous)."""
    return Element.objects.find(code or "", framework or None)  # ElementLookupError: invalid


@transaction.atomic
def add_objective(
    user: Viewer,
    plan: Plan,
    *,
    element: Element | None,
    target_level: int | None,
    measure: str,
    due_on: date | None,
) -> Objective:
    ensure_owner(user, plan)
    ensure_editable(plan)
    check_objective(plan.person, element, target_level, measure, due_on, today=timezone.localdate())
    assert element is not None and due_on is not None  # check_objective refused them
    position = (plan.objectives.aggregate(last=Max("position"))["last"] or 0) + 1
    objective = Objective.objects.create(
        plan=plan,
        element=element,
        target_level=target_level,
        measure=measure.strip(),
        due_on=due_on,
        position=position,
    )
    plan.save(update_fields=["updated_at"])
    return objective


@transaction.atomic
def update_objective(
    user: Viewer,
    objective: Objective,
    *,
    element: Element = _UNSET,
    target_level: int | None = _UNSET,
    measure: str = _UNSET,
    due_on: date = _UNSET,
) -> Objective:
    """Change what the objective is; fields left out keep their value."""
    plan = objective.plan
    ensure_owner(user, plan)
    ensure_editable(plan)
    new_element = objective.element if element is _UNSET else element
    new_level = objective.target_level if target_level is _UNSET else target_level
    new_measure = objective.measure if measure is _UNSET else measure
    new_due = objective.due_on if due_on is _UNSET else due_on
    check_objective(
        plan.person,
        new_element,
        new_level,
        new_measure,
        new_due,
        today=timezone.localdate(),
        check_due=new_due != objective.due_on,
    )
    objective.element, objective.target_level = new_element, new_level
    objective.measure, objective.due_on = new_measure.strip(), new_due
    objective.save()
    plan.save(update_fields=["updated_at"])
    return objective


@transaction.atomic
def delete_objective(user: Viewer, objective: Objective) -> None:
    plan = objective.plan
    ensure_owner(user, plan)
    ensure_editable(plan)
    if objective.updates.exists():
        raise ValidationError({"status": "this objective has progress updates; drop it instead"})
    objective.delete()
    plan.save(update_fields=["updated_at"])


@transaction.atomic
def set_objective_status(user: Viewer, objective: Objective, status: str) -> Objective:
    """Open, done or dropped. Done notifies the person's line manager and records the time."""
    plan = objective.plan
    ensure_owner(user, plan)
    ensure_active(plan)
    if status not in Objective.Status.values:
        raise ValidationError({"status": f"{status!r} is not one of {Objective.Status.values}"})
    if status == objective.status:
        return objective
    objective.status = status
    objective.completed_at = timezone.now() if status == Objective.Status.DONE else None
    objective.save(update_fields=["status", "completed_at"])
    plan.save(update_fields=["updated_at"])
    person = plan.person
    record(user, f"objective.{status}", objective, person=person.employee_id, plan=plan.pk)
    if status == Objective.Status.DONE and person.manager is not None:
        notify(
            [person.manager.user],
            f"{person.name} completed the objective {objective.element.code} "
            f"{objective.element.label} ({objective.target_label}): time to re-assess it.",
            history_url(person, objective.element),
        )
    return objective


def _check_activity(fields: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, str] = {}
    if fields["kind"] not in Activity.Kind.values:
        errors["kind"] = f"{fields['kind']!r} is not one of {', '.join(Activity.Kind.values)}"
    fields["title"] = (fields["title"] or "").strip()
    if not fields["title"]:
        errors["title"] = "say what the activity is"
    elif len(fields["title"]) > 255:
        errors["title"] = "at most 255 characters"
    if fields["status"] not in Activity.Status.values:
        errors["status"] = f"{fields['status']!r} is not one of {Activity.Status.values}"
    starts, ends = fields["starts_on"], fields["ends_on"]
    if starts and ends and ends < starts:
        errors["ends_on"] = "the activity ends before it starts"
    fields["link"] = (fields["link"] or "").strip()
    if fields["link"]:
        try:
            _http_url(fields["link"])
        except ValidationError:
            errors["link"] = "give a web address starting with http:// or https://"
    fields["notes"] = (fields["notes"] or "").strip()
    for name, limit in (("title", TITLE_MAX), ("link", LINK_MAX), ("notes", NOTE_MAX)):
        if name not in errors and (problem := text_problem(fields[name], limit)):
            errors[name] = problem
    if errors:
        raise ValidationError(errors)
    return fields


@transaction.atomic
def add_activity(
    user: Viewer,
    objective: Objective,
    *,
    kind: str,
    title: str,
    status: str = Activity.Status.PLANNED,
    starts_on: date | None = None,
    ends_on: date | None = None,
    link: str = "",
    notes: str = "",
) -> Activity:
    ensure_owner(user, objective.plan)
    ensure_editable(objective.plan)
    fields = _check_activity(
        {
            "kind": kind,
            "title": title,
            "status": status,
            "starts_on": starts_on,
            "ends_on": ends_on,
            "link": link,
            "notes": notes,
        }
    )
    activity = Activity.objects.create(objective=objective, **fields)
    objective.plan.save(update_fields=["updated_at"])
    return activity


@transaction.atomic
def update_activity(user: Viewer, activity: Activity, **changes: Any) -> Activity:
    """Change an activity; keys are Activity fields, those left out keep their value."""
    plan = activity.objective.plan
    ensure_owner(user, plan)
    ensure_editable(plan)
    names = ("kind", "title", "status", "starts_on", "ends_on", "link", "notes")
    unknown = set(changes) - set(names)
    if unknown:
        raise ValidationError({name: "not a field of an activity" for name in sorted(unknown)})
    fields = _check_activity({name: changes.get(name, getattr(activity, name)) for name in names})
    for name, value in fields.items():
        setattr(activity, name, value)
    activity.save()
    plan.save(update_fields=["updated_at"])
    return activity


@transaction.atomic
def delete_activity(user: Viewer, activity: Activity) -> None:
    plan = activity.objective.plan
    ensure_owner(user, plan)
    ensure_editable(plan)
    activity.delete()
    plan.save(update_fields=["updated_at"])


@transaction.atomic
def set_activity_status(user: Viewer, activity: Activity, status: str) -> Activity:
    """Progress on an activity; allowed on approved plans too (it is not a change of content)."""
    plan = activity.objective.plan
    ensure_owner(user, plan)
    ensure_active(plan)
    if status not in Activity.Status.values:
        raise ValidationError({"status": f"{status!r} is not one of {Activity.Status.values}"})
    activity.status = status
    activity.save(update_fields=["status"])
    plan.save(update_fields=["updated_at"])
    return activity


@transaction.atomic
def add_progress(user: Viewer, objective: Objective, text: str) -> ProgressUpdate:
    ensure_owner(user, objective.plan)
    ensure_active(objective.plan)
    text = ensure_text("text", (text or "").strip(), NOTE_MAX)
    if not text:
        raise ValidationError({"text": "write what happened"})
    author = user if user.is_authenticated else None  # always signed in: ensure_owner
    update = ProgressUpdate.objects.create(objective=objective, author=author, text=text)
    objective.plan.save(update_fields=["updated_at"])
    return update


def _step_code(element: Element) -> str | None:
    """The wizard step assessing `element`: itself for a skill or unit, else the unit above it
    (criteria sit under a unit, knowledge items one level lower; load element__parent__parent)."""
    node: Element | None = element
    while node is not None and node.kind not in STEP_KINDS:
        node = node.parent
    return node.code if node is not None else None


def reassess_urls(person: Person, objectives: list[Objective]) -> dict[int, str]:
    """{objective id: where the person re-assesses its element}: the step of their open
    self-assessment draft if they have one, otherwise the element's rating history (one query)."""
    if not objectives:
        return {}
    draft = (
        SelfAssessment.objects.filter(person=person, status=SelfAssessment.Status.DRAFT)
        .exclude(cycle__status=Cycle.Status.CLOSED)
        .order_by("-started_at")
        .first()
    )
    urls: dict[int, str] = {}
    for objective in objectives:
        code = _step_code(objective.element) if draft is not None else None
        if draft is not None and code is not None:
            urls[objective.pk] = reverse("assessments:step", args=[draft.pk, code])
        else:
            urls[objective.pk] = history_url(person, objective.element)
    return urls


def awaiting_reassessment(person: Person, objectives: list[Objective]) -> set[int]:
    """Ids of done objectives whose element the person has not rated since completing them."""
    done = [o for o in objectives if o.status == Objective.Status.DONE and o.completed_at]
    if not done:
        return set()
    newest = dict(
        Rating.objects.filter(
            person=person, source=Source.SELF, element_id__in={o.element_id for o in done}
        )
        .order_by()
        .values("element_id")
        .annotate(last=Max("created_at"))
        .values_list("element_id", "last")
    )
    return {
        o.pk
        for o in done
        if newest.get(o.element_id) is None or newest[o.element_id] < o.completed_at
    }


def reassess_links(user: Viewer, plan: Plan, objectives: list[Objective]) -> dict[int, str]:
    """{objective id: re-assess link} for done objectives not re-rated since: the person goes to
    their self-assessment (or the history), anyone else who reads the plan to the history."""
    waiting_ids = awaiting_reassessment(plan.person, objectives)
    waiting = [o for o in objectives if o.pk in waiting_ids]
    if is_owner(user, plan):
        return reassess_urls(plan.person, waiting)
    return {o.pk: history_url(plan.person, o.element) for o in waiting}
