"""Self-assessments over the API: start, steps, submit; the manager's review; replies; interests.

The same domain functions and access rules as the wizard and review pages:
- a self-assessment is its person's own (`get_own_assessment`): to anyone else it is a 404;
- the review is for the person's line managers (`get_assessment_for_review`): the person gets 403,
  anyone else 404;
- a reply goes through `standing.add_reply` (who may reply: `standing.may_reply`, else 403).
Bad input is a 422 naming the field; nothing is saved (the domain saves a step or a batch of
review decisions all or nothing). No `from __future__ import annotations`: ninja reads them.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Query, Router, Status
from ninja.pagination import paginate

from skillframe.api.auth import USER_AUTH
from skillframe.api.errors import FieldErrorsOut
from skillframe.api.ordering import ordered
from skillframe.api.pagination import Paged
from skillframe.api.people import visible_person
from skillframe.api.schemas import ErrorOut
from skillframe.api.self_assessments_schemas import (
    DecidedOut,
    DecisionsIn,
    InterestOut,
    ReplyIn,
    ReplyOut,
    ReviewOut,
    SectionIn,
    SelfAssessmentDetailOut,
    SelfAssessmentFilters,
    SelfAssessmentRowOut,
    StepDetailOut,
    StepIn,
)
from skillframe.assessments import review, review_batch, standing, wizard
from skillframe.assessments.access import (
    get_assessment_for_review,
    get_own_assessment,
    get_rating_for,
)
from skillframe.assessments.models import Interest, SelfAssessment
from skillframe.assessments.wizard_steps import (
    StepDetail,
    load_detail,
    save_judgements,
    save_levels,
)
from skillframe.people.access import Viewer, person_of
from skillframe.people.models import Person

router = Router(auth=USER_AUTH, tags=["self-assessments"])


def _out(assessment: SelfAssessment) -> dict[str, Any]:
    return {
        "id": assessment.pk,
        "person": assessment.person.employee_id,
        "cycle": assessment.cycle_id,
        "cycle_name": assessment.cycle.name if assessment.cycle else None,
        "role": assessment.role.code if assessment.role else None,
        "status": assessment.status,
        "started_at": assessment.started_at,
        "submitted_at": assessment.submitted_at,
        "reviewed_at": assessment.reviewed_at,
    }


def _step_out(step: wizard.Step) -> dict[str, Any]:
    return {
        "code": step.code,
        "framework": step.element.framework.slug,
        "title": step.element.label,
        "kind": step.kind,
        "required": step.required,
        "state": step.state,
        "items": len(step.item_ids),
        "rated": step.rated,
    }


def _detail(assessment: SelfAssessment) -> dict[str, Any]:
    view = wizard.overview(assessment)
    return {
        **_out(assessment),
        "editable": wizard.is_editable(assessment),
        "steps": [_step_out(step) for step in view.steps],
        "done": view.done,
        "total": view.total,
    }


def _step(assessment: SelfAssessment, code: str) -> tuple[wizard.Step, StepDetail]:
    found = wizard.step_for(assessment, code)
    if found is None:
        raise Http404(f"no step {code} in this self-assessment")
    step = found[1]
    return step, load_detail(assessment, step)


def _step_detail(detail: StepDetail) -> dict[str, Any]:
    current = detail.current
    latest = detail.latest
    return {
        "step": _step_out(detail.step),
        "levels": [
            {
                "number": level.number,
                "name": level.name,
                "defined": level.definition is not None,
                "statements": [s.code for s in level.statements],
            }
            for level in detail.levels
        ],
        "items": [
            {
                "code": item.code,
                "section": section.title,
                "title": item.label,
                "competence": latest[item.pk].competence if item.pk in latest else "",
            }
            for section in detail.sections
            for item in section.items
        ],
        "level": current.level if current else None,
        "confidence": current.confidence if current else None,
        "comment": current.comment if current else "",
        "statements": list(current.statements_met) if current else [],
        "suggested_level": detail.suggested(),
        "wants": detail.wants,
    }


ORDER_FIELDS = {
    "started_at": ("started_at",),
    "submitted_at": ("submitted_at",),
    "status": ("status",),
    "person": ("person__employee_id",),
}


def _own_rows(user: Viewer) -> QuerySet[SelfAssessment]:
    if not user.is_authenticated:
        return SelfAssessment.objects.none()
    return SelfAssessment.objects.filter(person__user=user)


@router.get(
    "/self-assessments",
    response=list[SelfAssessmentRowOut],
    summary="The caller's self-assessments, or (whose=reports) those of the people they manage",
)
@paginate(Paged)
def list_self_assessments(request: HttpRequest, filters: Query[SelfAssessmentFilters]) -> Any:
    if filters.whose == "reports":
        me = person_of(request.user)
        people = Person.objects.reports_of(me) if me is not None else Person.objects.none()
        rows = SelfAssessment.objects.filter(person__in=people)
    else:
        rows = _own_rows(request.user)
    if filters.status:
        rows = rows.filter(status=filters.status)
    if filters.cycle is not None:
        rows = rows.filter(cycle_id=filters.cycle)
    rows = rows.select_related("person", "cycle", "role").order_by("-started_at", "-id")
    return ordered(rows, filters.order, ORDER_FIELDS)


@router.post(
    "/cycles/{cycle_id}/self-assessment",
    response={200: SelfAssessmentDetailOut, 201: SelfAssessmentDetailOut, 404: ErrorOut},
    summary="Start (201) or resume (200) your self-assessment in an open cycle that includes you",
)
def start_self_assessment(request: HttpRequest, cycle_id: int) -> Any:
    assessment, created = wizard.start(person_of(request.user), cycle_id, timezone.localdate())
    assessment = get_own_assessment(request.user, assessment.pk)
    return Status(201 if created else 200, _detail(assessment))


@router.get(
    "/self-assessments/{assessment_id}",
    response={200: SelfAssessmentDetailOut, 404: ErrorOut},
    summary="Your self-assessment with its steps and their state (only the person: else 404)",
)
def get_self_assessment(request: HttpRequest, assessment_id: int) -> Any:
    return _detail(get_own_assessment(request.user, assessment_id))


@router.get(
    "/self-assessments/{assessment_id}/steps/{code}",
    response={200: StepDetailOut, 404: ErrorOut},
    summary="One step: the levels and their statements, or the items, with your answers so far",
)
def get_step(request: HttpRequest, assessment_id: int, code: str) -> Any:
    assessment = get_own_assessment(request.user, assessment_id)
    return _step_detail(_step(assessment, code)[1])


@router.put(
    "/self-assessments/{assessment_id}/steps/{code}",
    response={200: StepDetailOut, 404: ErrorOut, 422: FieldErrorsOut},
    summary="Save a step (a role requirement, or a skill or unit you add); all or nothing",
)
def save_step(request: HttpRequest, assessment_id: int, code: str, payload: StepIn) -> Any:
    assessment = get_own_assessment(request.user, assessment_id)
    step, detail = _step(assessment, code)
    if step.kind == "levels":
        if payload.judgements:
            raise ValidationError({"judgements": f"{code} is rated by level, not item by item"})
        if payload.confidence is not None and not 1 <= payload.confidence <= 5:
            raise ValidationError({"confidence": "confidence is 1 to 5"})
        save_levels(
            request.user,
            assessment,
            detail,
            ticked=payload.statements,
            level=payload.level,
            confidence=payload.confidence,
            comment=payload.comment,
            wants=payload.wants,
        )
    else:
        if payload.level is not None or payload.statements:
            raise ValidationError({"level": f"{code} is judged item by item: send judgements"})
        items = {item.code: item.pk for section in detail.sections for item in section.items}
        unknown = sorted(set(payload.judgements) - set(items))
        if unknown:
            raise ValidationError({"judgements": f"not items of {code}: {', '.join(unknown)}"})
        judgements = {items[c]: value for c, value in payload.judgements.items()}
        save_judgements(
            request.user, assessment, detail, judgements=judgements, wants=payload.wants
        )
    return _step_detail(_step(assessment, code)[1])


@router.post(
    "/self-assessments/{assessment_id}/submit",
    response={200: SelfAssessmentDetailOut, 404: ErrorOut, 422: FieldErrorsOut},
    summary="Submit your self-assessment to your manager (refused, listing the steps left)",
)
def submit_self_assessment(request: HttpRequest, assessment_id: int) -> Any:
    assessment = get_own_assessment(request.user, assessment_id)
    wizard.submit(request.user, assessment)
    return _detail(assessment)


def _review(assessment: SelfAssessment, rows: list[review.ReviewRow]) -> dict[str, Any]:
    done, total = review.progress(rows)
    return {
        "assessment": _out(assessment),
        "open_for_review": assessment.status in review.OPEN_FOR_REVIEW
        and not review.is_frozen(assessment),
        "done": done,
        "total": total,
        "sections": [
            {"key": s.key, "title": s.title, "remaining": len(s.remaining)}
            for group in review.group_rows(rows)
            for s in group.sections
        ],
        "rows": [
            {
                "element": row.element.code,
                "framework": row.element.framework.slug,
                "title": row.element.label,
                "section": row.section_title,
                "self_value": row.self_value,
                "manager_value": (
                    None if row.manager_rating is None else row.manager_rating.value_label
                ),
                "reviewed": row.reviewed,
                "disagrees": row.disagrees,
                "choices": [value for value, _ in row.choices],
            }
            for row in rows
        ],
    }


@router.get(
    "/self-assessments/{assessment_id}/review",
    response={200: ReviewOut, 403: ErrorOut, 404: ErrorOut},
    summary="A submitted self-assessment as its line manager reviews it (the person: 403)",
)
def get_review(request: HttpRequest, assessment_id: int) -> Any:
    assessment = get_assessment_for_review(request.user, assessment_id)
    return _review(assessment, review.review_rows(assessment))


@router.post(
    "/self-assessments/{assessment_id}/review",
    response={200: DecidedOut, 403: ErrorOut, 404: ErrorOut, 422: FieldErrorsOut},
    summary="Agree with or adjust ratings (line managers); every decision is saved or none",
)
def decide(request: HttpRequest, assessment_id: int, payload: DecisionsIn) -> Any:
    assessment = get_assessment_for_review(request.user, assessment_id)
    rows = review.review_rows(assessment)
    by_code = {row.element.code: row for row in rows}
    decisions: dict[int, review_batch.Decision] = {}
    for index, decision in enumerate(payload.decisions):
        row = by_code.get(decision.element)
        if row is None:
            raise ValidationError(
                {f"decisions.{index}.element": f"{decision.element} is not rated in it"}
            )
        decisions[row.element.pk] = review_batch.Decision(
            decision.action, decision.value, decision.comment
        )
    saved = review_batch.save(request.user, assessment, rows, decisions)
    if decisions and not saved:
        index_of = {by_code[d.element].element.pk: i for i, d in enumerate(payload.decisions)}
        raise ValidationError(
            {
                f"decisions.{index_of[row.element.pk]}.{name}": message
                for row in rows
                for name, message in row.errors.items()
            }
        )
    assessment.refresh_from_db()
    return {"decided": saved, "review": _review(assessment, review.review_rows(assessment))}


@router.post(
    "/self-assessments/{assessment_id}/review/agree-section",
    response={200: DecidedOut, 403: ErrorOut, 404: ErrorOut, 422: FieldErrorsOut},
    summary="Agree with every rating left in one section of the review (line managers)",
)
def agree_section(request: HttpRequest, assessment_id: int, payload: SectionIn) -> Any:
    assessment = get_assessment_for_review(request.user, assessment_id)
    rows = review.review_rows(assessment)
    section = review.find_section(rows, payload.section)
    if section is None:
        raise Http404("no such section in this self-assessment")
    count = review.agree_section(request.user, assessment, section)
    assessment.refresh_from_db()
    return {"decided": count, "review": _review(assessment, review.review_rows(assessment))}


@router.post(
    "/ratings/{rating_id}/replies",
    response={201: ReplyOut, 403: ErrorOut, 404: ErrorOut, 422: FieldErrorsOut},
    summary="Reply to a rating (the person and the rater's side; others who see it: 403)",
)
def reply(request: HttpRequest, rating_id: int, payload: ReplyIn) -> Any:
    related = ("person__user", "person__manager__user", "element__framework", "rater")
    rating = get_rating_for(request.user, rating_id, related=related)
    answer = standing.add_reply(request.user, rating, payload.text)
    return Status(
        201,
        {
            "id": answer.pk,
            "rating": rating.pk,
            "text": answer.text,
            "created_at": answer.created_at,
        },
    )


@router.get(
    "/people/{employee_id}/interests",
    response={200: list[InterestOut], 404: ErrorOut},
    summary="What a person wants to develop (or not): the newest answer per element",
)
@paginate(Paged)
def interests(request: HttpRequest, employee_id: str) -> Any:
    person = visible_person(request.user, employee_id)
    rows = Interest.objects.filter(person=person).select_related("element__framework")
    newest: dict[int, Interest] = {}
    for row in rows.order_by("-created_at", "-id"):
        newest.setdefault(row.element_id, row)
    return [
        {
            "framework": row.element.framework.slug,
            "element": row.element.code,
            "title": row.element.label,
            "wants_to_develop": row.wants_to_develop,
            "since": row.created_at,
        }
        for row in sorted(
            newest.values(), key=lambda r: (r.element.framework.slug, r.element.ordinal)
        )
    ]
