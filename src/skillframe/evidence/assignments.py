"""HR's side of the assessor workflow: qualifications and assignments.

An assignment puts a learner with an assessor for one NOS standard from a date (to a date). It
needs the assessor to be qualified for that standard, and it adds the learner to the people
app's `Person.learners` relation, which the access rule (people/access.py, "assessor") reads:
so an assessor reaches exactly the learners HR assigned them.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone

from skillframe.audit.models import record
from skillframe.evidence.models import AssessorQualification, Assignment
from skillframe.frameworks.kinds import ElementKind
from skillframe.frameworks.models import Element
from skillframe.notifications.models import notify
from skillframe.people.access import Viewer, administers, ensure_hr_admin
from skillframe.people.models import Person


def _ensure_standard(standard: Element) -> None:
    if standard.kind != ElementKind.UNIT:
        raise ValidationError(
            {"standard": f"{standard.code} is a {standard.kind}, not a standard (NOS unit)"}
        )


def _ensure_administers(user: Viewer, *people: Person) -> None:
    ensure_hr_admin(user, "assessors are assigned by HR admins")
    for person in people:
        if not administers(user, person):
            raise PermissionDenied(f"{person.name} is outside the units you administer")


def qualify(
    user: Viewer, assessor: Person, standard: Element, qualified_on: date | None = None
) -> AssessorQualification:
    _ensure_administers(user, assessor)
    _ensure_standard(standard)
    with transaction.atomic():
        qualification, _ = AssessorQualification.objects.get_or_create(
            assessor=assessor, standard=standard, defaults={"qualified_on": qualified_on}
        )
        record(
            user,
            "assessor.qualify",
            qualification,
            assessor=assessor.employee_id,
            standard=standard.code,
        )
    return qualification


def assign(
    user: Viewer,
    assessor: Person,
    learner: Person,
    standard: Element,
    starts_on: date,
    ends_on: date | None = None,
) -> Assignment:
    """Assign (or re-date) `learner` to `assessor` for `standard`; both are told."""
    _ensure_administers(user, assessor, learner)
    _ensure_standard(standard)
    if assessor.pk == learner.pk:
        raise ValidationError({"assessor": "a learner cannot assess themselves"})
    if not AssessorQualification.objects.filter(assessor=assessor, standard=standard).exists():
        qualified = ", ".join(
            AssessorQualification.objects.filter(assessor=assessor)
            .order_by("standard__code")
            .values_list("standard__code", flat=True)
        )
        raise ValidationError(
            {
                "assessor": f"{assessor.name} is not qualified to assess {standard.code} "
                f"(qualified for: {qualified or 'no standard yet'})"
            }
        )
    if ends_on is not None and ends_on < starts_on:
        raise ValidationError({"ends_on": "the assignment ends before it starts"})
    with transaction.atomic():
        assignment, created = Assignment.objects.update_or_create(
            assessor=assessor,
            learner=learner,
            standard=standard,
            defaults={
                "starts_on": starts_on,
                "ends_on": ends_on,
                "assigned_by": user if user.is_authenticated else None,
            },
        )
        assessor.learners.add(learner)
        record(
            user,
            "assessor.assign",
            assignment,
            assessor=assessor.employee_id,
            learner=learner.employee_id,
            standard=standard.code,
            starts_on=starts_on.isoformat(),
            ends_on=ends_on.isoformat() if ends_on else None,
        )
        if created:
            notify(
                [assessor.user],
                f"You now assess {learner.name} on {standard.code}",
                "/assessor/",
            )
            notify(
                [learner.user],
                f"{assessor.name} is your assessor for {standard.code}",
                f"/me/evidence/coverage/{standard.code}/",
            )
    return assignment


def active(day: date | None = None) -> models.Q:
    """Assignments running on `day` (today by default)."""
    day = day or timezone.localdate()
    return models.Q(starts_on__lte=day) & (
        models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=day)
    )


def assignment_for(learner: Person, standard: Element) -> Assignment | None:
    """The learner's running assignment for the standard (the newest if several)."""
    return (
        Assignment.objects.filter(active(), learner=learner, standard=standard)
        .select_related("assessor__user")
        .order_by("-starts_on", "-id")
        .first()
    )
