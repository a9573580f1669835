"""Evidence, coverage maps, the assessor workflow, sign-off and portfolios over the API.

The same rules as the pages (evidence/access.py, evidence/workflow.py): evidence or a
submission the caller may not read is 404; one they read but may not change is 403; bad input
is 422 naming the field and nothing is stored. Files are uploaded as multipart form data and
downloaded as attachments with `X-Content-Type-Options: nosniff`.
No `from __future__ import annotations` here: ninja reads the annotations.
"""

from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest
from ninja import Field, File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from skillframe.api.auth import USER_AUTH
from skillframe.api.errors import FieldErrorsOut
from skillframe.api.ordering import ordered
from skillframe.api.pagination import Paged
from skillframe.api.schemas import ErrorOut
from skillframe.evidence import assignments, downloads, portfolio, records, storage, workflow
from skillframe.evidence.access import (
    get_evidence_for,
    get_file_for,
    get_own_evidence,
    get_submission_for,
    own_person,
    visible_evidence,
)
from skillframe.evidence.coverage import coverage
from skillframe.evidence.models import (
    AssessorQualification,
    Assignment,
    Evidence,
    EvidenceKind,
    SignOff,
    Submission,
)
from skillframe.frameworks.kinds import ElementKind
from skillframe.frameworks.models import Element, ElementLookupError
from skillframe.people.access import ensure_hr_admin, get_person_for
from skillframe.people.models import Person
from skillframe.people.querysets import Reach, is_active_superuser, person_scope

router = Router(auth=USER_AUTH, tags=["evidence"])


class ElementRefOut(Schema):
    code: str
    framework: str


class FileOut(Schema):
    id: int
    name: str
    content_type: str
    size: int
    sha256: str


class EvidenceOut(Schema):
    id: int
    owner: str
    kind: str
    title: str
    description: str
    occurred_on: date
    text: str
    url: str
    witness_name: str
    witness_role: str
    witness_contact: str
    shared_with_manager: bool
    elements: list[ElementRefOut]
    files: list[FileOut]
    created_at: datetime


class EvidenceRowOut(EvidenceOut):
    """A row of the evidence list, read from the page's objects (links and files prefetched)."""

    @staticmethod
    def resolve_owner(obj: Evidence) -> str:
        return obj.owner.employee_id

    @staticmethod
    def resolve_elements(obj: Evidence) -> list[dict[str, str]]:
        return [
            {"code": link.element.code, "framework": link.element.framework.slug}
            for link in obj.links.all()
        ]

    @staticmethod
    def resolve_files(obj: Evidence) -> list[Any]:
        return list(obj.files.all())


class EvidenceFilters(Schema):
    person: str | None = Field(None, max_length=64, description="employee id of the owner")
    order: str | None = Field(None, max_length=64)  # a field, or -field: see docs/api.md


EVIDENCE_ORDER = {
    "occurred_on": ("occurred_on",),
    "created_at": ("created_at",),
    "title": ("title",),
    "owner": ("owner__employee_id",),
}


class EvidenceForm(Schema):
    kind: EvidenceKind
    title: str = Field(..., max_length=255)
    occurred_on: date
    description: str = Field("", max_length=10_000)
    text: str = Field("", max_length=50_000)
    url: str = Field("", max_length=500)
    witness_name: str = Field("", max_length=255)
    witness_role: str = Field("", max_length=255)
    witness_contact: str = Field("", max_length=255)
    shared_with_manager: bool = False
    elements: str = Field("", max_length=10_000, description="codes, space or comma separated")


class MappingIn(Schema):
    elements: list[str] = Field(..., max_length=1000)


class SharingIn(Schema):
    shared_with_manager: bool


class DeletedOut(Schema):
    hidden: bool


class DecisionOut(Schema):
    competence: str
    feedback: str
    assessor: str
    at: datetime


class CoverageItemOut(Schema):
    code: str
    kind: str
    evidence_count: int
    state: str
    decision: DecisionOut | None


class SignOffOut(Schema):
    standard: str
    learner: str
    assessor: str
    assessor_declared_at: datetime | None
    learner_declared_at: datetime | None
    completed_at: datetime | None


class CoverageOut(Schema):
    learner: str
    standard: str
    title: str
    items: list[CoverageItemOut]
    standard_evidence: int
    counts: dict[str, int]
    signed_off: bool
    sign_off: SignOffOut | None


class SubmissionIn(Schema):
    standard: str = Field(..., max_length=64)
    items: list[str] = Field([], max_length=500)
    note: str = Field("", max_length=2000)


class SubmissionOut(Schema):
    id: int
    learner: str
    assessor: str
    standard: str
    status: str
    note: str
    feedback: str
    evidence: list[int]
    submitted_at: datetime
    answered_at: datetime | None


class SubmissionRowOut(SubmissionOut):
    """A row of the submissions list (learner, assessor, standard and evidence loaded)."""

    @staticmethod
    def resolve_learner(obj: Submission) -> str:
        return obj.learner.employee_id

    @staticmethod
    def resolve_assessor(obj: Submission) -> str:
        return obj.assessor.employee_id

    @staticmethod
    def resolve_standard(obj: Submission) -> str:
        return obj.standard.code

    @staticmethod
    def resolve_evidence(obj: Submission) -> list[int]:
        return sorted(e.pk for e in obj.evidence.all())


class SubmissionFilters(Schema):
    status: Submission.Status | None = None
    order: str | None = Field(None, max_length=64)  # a field, or -field: see docs/api.md


SUBMISSION_ORDER = {
    "submitted_at": ("submitted_at",),
    "answered_at": ("answered_at",),
    "status": ("status",),
    "learner": ("learner__employee_id",),
}


class JudgementIn(Schema):
    element: str = Field(..., max_length=64)
    competence: str = Field(..., max_length=16)
    feedback: str = Field("", max_length=2000)
    evidence: list[int] = Field([], max_length=1000)


class JudgementOut(Schema):
    id: int
    element: str
    competence: str
    feedback: str
    evidence: list[int]


class AnswerIn(Schema):
    outcome: str = Field(..., max_length=16, description="more or accepted")
    feedback: str = Field("", max_length=2000)


class DeclarationIn(Schema):
    confirm: bool = Field(..., description="true: I make the declaration shown on the page")


class AssignmentIn(Schema):
    assessor: str = Field(..., max_length=64)
    learner: str = Field(..., max_length=64)
    standard: str = Field(..., max_length=64)
    starts_on: date
    ends_on: date | None = None


class AssignmentOut(Schema):
    id: int
    assessor: str
    learner: str
    standard: str
    starts_on: date
    ends_on: date | None


class AssignmentRowOut(AssignmentOut):
    """A row of the assignments list (assessor, learner and standard loaded)."""

    @staticmethod
    def resolve_assessor(obj: Assignment) -> str:
        return obj.assessor.employee_id

    @staticmethod
    def resolve_learner(obj: Assignment) -> str:
        return obj.learner.employee_id

    @staticmethod
    def resolve_standard(obj: Assignment) -> str:
        return obj.standard.code


class AssignmentFilters(Schema):
    order: str | None = Field(None, max_length=64)  # a field, or -field: see docs/api.md


ASSIGNMENT_ORDER = {
    "starts_on": ("starts_on",),
    "ends_on": ("ends_on",),
    "learner": ("learner__employee_id",),
    "assessor": ("assessor__employee_id",),
    "standard": ("standard__code",),
}


class QualificationIn(Schema):
    assessor: str = Field(..., max_length=64)
    standard: str = Field(..., max_length=64)
    qualified_on: date | None = None


class QualificationOut(Schema):
    id: int
    assessor: str
    standard: str
    qualified_on: date | None


def _evidence_out(evidence: Evidence) -> dict[str, Any]:
    return {
        "id": evidence.pk,
        "owner": evidence.owner.employee_id,
        "kind": evidence.kind,
        "title": evidence.title,
        "description": evidence.description,
        "occurred_on": evidence.occurred_on,
        "text": evidence.text,
        "url": evidence.url,
        "witness_name": evidence.witness_name,
        "witness_role": evidence.witness_role,
        "witness_contact": evidence.witness_contact,
        "shared_with_manager": evidence.shared_with_manager,
        "elements": [
            {"code": link.element.code, "framework": link.element.framework.slug}
            for link in evidence.links.all()
        ],
        "files": list(evidence.files.all()),
        "created_at": evidence.created_at,
    }


def _standard(code: str, field: str = "standard") -> Element:
    try:
        element = Element.objects.select_related("framework").get(pk=Element.objects.find(code).pk)
    except ElementLookupError as error:
        raise ValidationError({field: "; ".join(error.messages)}) from None
    if element.kind != ElementKind.UNIT:
        raise ValidationError({field: f"{code} is a {element.kind}, not a standard"})
    return element


def _sign_off_out(sign_off: SignOff) -> dict[str, Any]:
    return {
        "standard": sign_off.standard.code,
        "learner": sign_off.learner.employee_id,
        "assessor": sign_off.assessor.employee_id,
        "assessor_declared_at": sign_off.assessor_declared_at,
        "learner_declared_at": sign_off.learner_declared_at,
        "completed_at": sign_off.completed_at,
    }


def _submission_out(submission: Submission) -> dict[str, Any]:
    return {
        "id": submission.pk,
        "learner": submission.learner.employee_id,
        "assessor": submission.assessor.employee_id,
        "standard": submission.standard.code,
        "status": submission.status,
        "note": submission.note,
        "feedback": submission.feedback,
        "evidence": sorted(submission.evidence.values_list("pk", flat=True)),
        "submitted_at": submission.submitted_at,
        "answered_at": submission.answered_at,
    }


@router.get(
    "/evidence",
    response=list[EvidenceRowOut],
    summary="Evidence the caller may read (own; assessors: submitted to them; HR scope; "
    "managers: shared), newest first",
)
@paginate(Paged)
def list_evidence(request: HttpRequest, filters: Query[EvidenceFilters]) -> Any:
    rows = visible_evidence(request.user).select_related("owner")
    if filters.person:
        rows = rows.filter(owner__employee_id=filters.person)
    rows = rows.prefetch_related("links__element__framework", "files").order_by(
        "-occurred_on", "-id"
    )
    return ordered(rows, filters.order, EVIDENCE_ORDER)


@router.post(
    "/evidence",
    response={201: EvidenceOut, 403: ErrorOut, 422: FieldErrorsOut},
    summary="Add a piece of evidence of your own (multipart: fields and any files)",
)
def create_evidence(
    request: HttpRequest,
    payload: Form[EvidenceForm],
    files: File[list[UploadedFile]] = None,  # type: ignore[assignment]
) -> Any:
    owner = own_person(request.user)
    data = records.EvidenceInput(
        kind=payload.kind,
        title=payload.title,
        occurred_on=payload.occurred_on,
        description=payload.description,
        text=payload.text,
        url=payload.url,
        witness_name=payload.witness_name,
        witness_role=payload.witness_role,
        witness_contact=payload.witness_contact,
        shared_with_manager=payload.shared_with_manager,
        elements=payload.elements.replace(",", " ").split(),
        files=[(f.name or "", f.read()) for f in files or []],
    )
    evidence = records.create_evidence(request.user, owner, data)
    return Status(201, _evidence_out(evidence))


@router.get(
    "/evidence/{evidence_id}",
    response={200: EvidenceOut, 404: ErrorOut},
    summary="One piece of evidence",
)
def get_evidence(request: HttpRequest, evidence_id: int) -> Any:
    return _evidence_out(get_evidence_for(request.user, evidence_id))


@router.put(
    "/evidence/{evidence_id}/elements",
    response={200: EvidenceOut, 403: ErrorOut, 404: ErrorOut, 422: FieldErrorsOut},
    summary="Map your evidence to exactly these element codes",
)
def map_evidence(request: HttpRequest, evidence_id: int, payload: MappingIn) -> Any:
    evidence = get_own_evidence(request.user, evidence_id)
    records.set_mapping(request.user, evidence, payload.elements)
    return _evidence_out(evidence)


@router.post(
    "/evidence/{evidence_id}/files",
    response={200: EvidenceOut, 403: ErrorOut, 404: ErrorOut, 422: FieldErrorsOut},
    summary="Add files to your evidence (multipart; the same checks as on creation)",
)
def add_evidence_files(
    request: HttpRequest, evidence_id: int, files: File[list[UploadedFile]]
) -> Any:
    evidence = get_own_evidence(request.user, evidence_id)
    records.add_files(request.user, evidence, [(f.name or "", f.read()) for f in files])
    return _evidence_out(evidence)


@router.put(
    "/evidence/{evidence_id}/sharing",
    response={200: EvidenceOut, 403: ErrorOut, 404: ErrorOut, 422: FieldErrorsOut},
    summary="Share your evidence with your line manager, or stop sharing it",
)
def share_evidence(request: HttpRequest, evidence_id: int, payload: SharingIn) -> Any:
    evidence = get_own_evidence(request.user, evidence_id)
    records.set_shared(request.user, evidence, payload.shared_with_manager)
    return _evidence_out(evidence)


@router.delete(
    "/evidence/{evidence_id}",
    response={200: DeletedOut, 403: ErrorOut, 404: ErrorOut},
    summary="Delete your evidence (hidden and kept when an assessment relied on it)",
)
def delete_evidence(request: HttpRequest, evidence_id: int) -> Any:
    evidence = get_own_evidence(request.user, evidence_id)
    return {"hidden": records.delete_evidence(request.user, evidence)}


@router.get(
    "/evidence/{evidence_id}/files/{file_id}",
    response={200: None, 404: ErrorOut},
    summary="Download an evidence file (an attachment, never shown inline)",
)
def download_file(request: HttpRequest, evidence_id: int, file_id: int) -> Any:
    found = get_file_for(request.user, evidence_id, file_id)
    return downloads.attachment(storage.read(found.stored_name), found.content_type, found.name)


@router.get(
    "/people/{employee_id}/coverage/{code}",
    response={200: CoverageOut, 404: ErrorOut},
    summary="Coverage map of a learner's standard: evidence counts, decisions, gaps",
)
def get_coverage(request: HttpRequest, employee_id: str, code: str) -> Any:
    learner = get_person_for(request.user, employee_id, related=("user",))
    try:
        standard = _standard(code)
    except ValidationError:
        raise Http404("no such standard") from None
    cov = coverage(request.user, learner, standard)
    return {
        "learner": learner.employee_id,
        "standard": standard.code,
        "title": standard.title,
        "items": [
            {
                "code": row.element.code,
                "kind": row.element.kind,
                "evidence_count": row.evidence_count,
                "state": row.state,
                "decision": {
                    "competence": row.decision.competence,
                    "feedback": row.decision.comment,
                    "assessor": row.decision.rater.get_username() if row.decision.rater else "",
                    "at": row.decision.created_at,
                }
                if row.decision
                else None,
            }
            for row in cov.rows
        ],
        "standard_evidence": cov.standard_evidence,
        "counts": cov.counts,
        "signed_off": cov.signed_off,
        "sign_off": _sign_off_out(cov.sign_off) if cov.sign_off else None,
    }


@router.post(
    "/people/{employee_id}/submissions",
    response={201: SubmissionOut, 403: ErrorOut, 404: ErrorOut, 422: FieldErrorsOut},
    summary="Submit your standard (or some of its items) to your assessor",
)
def submit(request: HttpRequest, employee_id: str, payload: SubmissionIn) -> Any:
    learner = get_person_for(request.user, employee_id, related=("user",))
    if learner.user_id != request.user.pk:
        raise PermissionDenied("only the learner submits their evidence")
    standard = _standard(payload.standard)
    items = list(Element.objects.items_of([standard.pk]).filter(code__in=payload.items))
    if len(items) != len(set(payload.items)):
        stray = sorted(set(payload.items) - {item.code for item in items})
        raise ValidationError({"items": f"not items of {standard.code}: {', '.join(stray)}"})
    submission = workflow.submit(request.user, learner, standard, items, payload.note)
    return Status(201, _submission_out(submission))


@router.get(
    "/submissions",
    response=list[SubmissionRowOut],
    summary="Submissions made by you or to you (or in your HR scope), newest first",
)
@paginate(Paged)
def list_submissions(request: HttpRequest, filters: Query[SubmissionFilters]) -> Any:
    rows = Submission.objects.select_related("learner", "assessor", "standard")
    if not is_active_superuser(request.user):
        rows = rows.filter(
            Q(learner__user_id=request.user.pk)
            | Q(assessor__user_id=request.user.pk)
            | person_scope(request.user, Reach.HR, "learner")
        )
    if filters.status:
        rows = rows.filter(status=filters.status)
    rows = rows.prefetch_related("evidence").order_by("-submitted_at", "-id")
    return ordered(rows, filters.order, SUBMISSION_ORDER)


@router.post(
    "/submissions/{submission_id}/judgements",
    response={201: JudgementOut, 403: ErrorOut, 404: ErrorOut, 422: FieldErrorsOut},
    summary="Judge one item of a submission (assessor): competent or not-yet, with feedback "
    "and the evidence relied on",
)
def judge(request: HttpRequest, submission_id: int, payload: JudgementIn) -> Any:
    found = get_submission_for(request.user, submission_id)
    if found.assessor.user_id != request.user.pk:
        raise PermissionDenied("only the submission's assessor judges it")
    element = Element.objects.items_of([found.standard_id]).filter(code=payload.element).first()
    if element is None:
        raise ValidationError({"element": f"not an item of {found.standard.code}"})
    relied = list(found.evidence.filter(pk__in=payload.evidence))
    if len(relied) != len(set(payload.evidence)):
        raise ValidationError({"evidence": "rely only on evidence of this submission"})
    judgement = workflow.judge(
        request.user, found, element, payload.competence, payload.feedback, relied
    )
    return Status(
        201,
        {
            "id": judgement.pk,
            "element": element.code,
            "competence": judgement.rating.competence,
            "feedback": judgement.rating.comment,
            "evidence": sorted(e.pk for e in relied),
        },
    )


@router.post(
    "/submissions/{submission_id}/answer",
    response={200: SubmissionOut, 403: ErrorOut, 404: ErrorOut, 422: FieldErrorsOut},
    summary="Answer a submission (assessor): ask for more evidence or accept it",
)
def answer(request: HttpRequest, submission_id: int, payload: AnswerIn) -> Any:
    found = get_submission_for(request.user, submission_id)
    if found.assessor.user_id != request.user.pk:
        raise PermissionDenied("only the submission's assessor answers it")
    return _submission_out(workflow.answer(request.user, found, payload.outcome, payload.feedback))


@router.post(
    "/people/{employee_id}/sign-offs/{code}",
    response={200: SignOffOut, 403: ErrorOut, 404: ErrorOut, 422: FieldErrorsOut},
    summary="Make your sign-off declaration for a learner's standard (assessor or learner)",
)
def declare(request: HttpRequest, employee_id: str, code: str, payload: DeclarationIn) -> Any:
    learner = get_person_for(request.user, employee_id, related=("user",))
    try:
        standard = _standard(code)
    except ValidationError:
        raise Http404("no such standard") from None
    sign_off = workflow.declare(request.user, learner, standard, confirmed=payload.confirm)
    return _sign_off_out(sign_off)


@router.get(
    "/people/{employee_id}/portfolio",
    response={200: None, 404: ErrorOut},
    summary="The learner's portfolio as a ZIP (index page, PDF summary, manifest, files)",
)
def get_portfolio(request: HttpRequest, employee_id: str, standard: str = "") -> Any:
    learner = get_person_for(request.user, employee_id, related=("user",))
    unit = None
    if standard:
        try:
            unit = _standard(standard)
        except ValidationError:
            raise Http404("no such standard") from None
    built = portfolio.build(request.user, learner, unit)
    return downloads.attachment(built.data, "application/zip", built.filename)


def _person(request: HttpRequest, employee_id: str, field: str) -> Person:
    found = Person.objects.visible_to(request.user).filter(employee_id=employee_id).first()
    if found is None:
        raise ValidationError({field: f"no person {employee_id!r} that you can see"})
    return found


@router.get(
    "/assessor-assignments",
    response=list[AssignmentRowOut],
    summary="Assessor assignments of the learners the caller sees",
)
@paginate(Paged)
def list_assignments(request: HttpRequest, filters: Query[AssignmentFilters]) -> Any:
    scope = Person.objects.visible_to(request.user).values("pk")
    rows = Assignment.objects.filter(learner__in=scope).select_related(
        "assessor", "learner", "standard"
    )
    return ordered(
        rows.order_by("learner_id", "standard_id", "id"), filters.order, ASSIGNMENT_ORDER
    )


def _assignment_out(a: Assignment) -> dict[str, Any]:
    return {
        "id": a.pk,
        "assessor": a.assessor.employee_id,
        "learner": a.learner.employee_id,
        "standard": a.standard.code,
        "starts_on": a.starts_on,
        "ends_on": a.ends_on,
    }


@router.post(
    "/assessor-assignments",
    response={201: AssignmentOut, 403: ErrorOut, 422: FieldErrorsOut},
    summary="Assign a learner to a qualified assessor for a standard (HR)",
)
def create_assignment(request: HttpRequest, payload: AssignmentIn) -> Any:
    ensure_hr_admin(request.user, "assessors are assigned by HR admins")
    assignment = assignments.assign(
        request.user,
        _person(request, payload.assessor, "assessor"),
        _person(request, payload.learner, "learner"),
        _standard(payload.standard),
        payload.starts_on,
        payload.ends_on,
    )
    return Status(201, _assignment_out(assignment))


@router.post(
    "/assessor-qualifications",
    response={201: QualificationOut, 403: ErrorOut, 422: FieldErrorsOut},
    summary="Record that an assessor is qualified to assess a standard (HR)",
)
def create_qualification(request: HttpRequest, payload: QualificationIn) -> Any:
    ensure_hr_admin(request.user, "qualifications are recorded by HR admins")
    found: AssessorQualification = assignments.qualify(
        request.user,
        _person(request, payload.assessor, "assessor"),
        _standard(payload.standard),
        payload.qualified_on,
    )
    return Status(
        201,
        {
            "id": found.pk,
            "assessor": found.assessor.employee_id,
            "standard": found.standard.code,
            "qualified_on": found.qualified_on,
        },
    )
