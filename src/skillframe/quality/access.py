"""Who sees and does what in quality assurance, on top of the people access rule.

- Internal quality assurers (an `Assurer` row, or a superuser) see and run assessor-decision
  plans, and see *only* the decisions those plans sampled, each with its context (the sample
  page): no people pages, no other ratings lists.
- HR admins see and run plans on units they administer (either kind), and the samples of people
  in their HR scope.
- A manager validation is reviewed by an HR admin of the person or by a *second manager*: a
  line manager of the person who is not the manager who rated. An assessor decision is reviewed
  by an IQA. Nobody reviews their own decision.
- Raters (assessors, managers) see the reviews of their own decisions once reviewed.

Refusals follow people/access.py: a sample or plan the caller may not see is a 404; one they see
but may not review or draw is a 403; the quality pages of a role the caller lacks answer 403
before anything is looked up (`staff_required`).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse

from skillframe.people.access import (
    Reach,
    Viewer,
    administers,
    is_hr_admin,
    manages,
    person_scope,
)
from skillframe.people.models import OrgUnit
from skillframe.people.querysets import is_active_superuser
from skillframe.quality.models import Assurer, Kind, Sample, SampleQuerySet, SamplingPlan

View = Callable[..., HttpResponse]


def is_assurer(user: Viewer) -> bool:
    if is_active_superuser(user):
        return True
    return user.is_authenticated and Assurer.objects.filter(person__user_id=user.pk).exists()


def is_quality_staff(user: Viewer) -> bool:
    """Whether the quality pages (plans, samples, agreement) are for `user`: IQA or HR."""
    return is_assurer(user) or is_hr_admin(user)


def ensure_quality_staff(user: Viewer) -> None:
    if not is_quality_staff(user):
        raise PermissionDenied("it belongs to internal quality assurers and HR admins")


def staff_required(view: View) -> View:
    """Signed-in IQAs and HR admins only; others get 403 before anything is looked up."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        ensure_quality_staff(request.user)
        return view(request, *args, **kwargs)

    return login_required(wrapped)


def plans_visible_to(user: Viewer) -> QuerySet[SamplingPlan]:
    """Plans `user` may see: assessor plans for IQAs, plans on units they administer for HR."""
    plans = SamplingPlan.objects.all()
    if is_active_superuser(user):
        return plans
    if not user.is_authenticated:
        return plans.none()
    rule = Q(unit__in=OrgUnit.objects.administered_by(user).values("pk"))
    if is_assurer(user):
        rule |= Q(kind=Kind.ASSESSOR)
    return plans.filter(rule)


def get_plan_for(user: Viewer, pk: int) -> SamplingPlan:
    plan = plans_visible_to(user).select_related("unit").filter(pk=pk).first()
    if plan is None:
        raise Http404("no such sampling plan")
    return plan


def may_run(user: Viewer, kind: str, unit: OrgUnit) -> bool:
    """Whether `user` may create or draw a plan of `kind` on `unit`."""
    if is_active_superuser(user):
        return True
    if kind == Kind.ASSESSOR and is_assurer(user):
        return True
    return OrgUnit.objects.administered_by(user).filter(pk=unit.pk).exists()


def ensure_may_run(user: Viewer, plan: SamplingPlan) -> None:
    if not may_run(user, plan.kind, plan.unit):
        raise PermissionDenied("you may not draw samples for this plan")


def samples_visible_to(user: Viewer) -> SampleQuerySet:
    """Samples `user` may see (one query): see the module's docstring."""
    samples = Sample.objects.all()
    if is_active_superuser(user):
        return samples
    if not user.is_authenticated:
        return samples.none()
    rule = Q(person_scope(user, Reach.HR)) | Q(rater_id=user.pk, review__isnull=False)
    # A second manager: a line manager of the person, not the rater (manager plans only).
    rule |= Q(person_scope(user, Reach.REPORTS), plan__kind=Kind.MANAGER) & ~Q(rater_id=user.pk)
    if is_assurer(user):
        rule |= Q(plan__kind=Kind.ASSESSOR)
    return samples.filter(rule)


def get_sample_for(user: Viewer, pk: int) -> Sample:
    related = ("plan", "draw", "rating__element__framework", "person__user", "rater", "standard")
    sample = samples_visible_to(user).select_related(*related).filter(pk=pk).first()
    if sample is None:
        raise Http404("no such sample")
    return sample


def may_review(user: Viewer, sample: Sample) -> bool:
    """Whether `user` may review this (visible) sample."""
    if not user.is_authenticated or sample.rater_id == user.pk:
        return False
    if sample.plan.kind == Kind.ASSESSOR:
        return is_assurer(user)
    return administers(user, sample.person) or manages(user, sample.person)


def ensure_reviewer(user: Viewer, sample: Sample) -> None:
    if sample.rater_id is not None and sample.rater_id == user.pk:
        raise PermissionDenied("you may not review your own decision")
    if not may_review(user, sample):
        who = (
            "internal quality assurers"
            if sample.plan.kind == Kind.ASSESSOR
            else "HR or a second manager"
        )
        raise PermissionDenied(f"only {who} review this decision")


def to_review_by(user: Viewer) -> SampleQuerySet:
    """Samples waiting for `user`'s review (the rule of `may_review`, as one query): assessor
    decisions for an IQA, manager validations they see (HR of the person or a second manager),
    never their own."""
    if not user.is_authenticated:
        return Sample.objects.none()
    rule = Q(plan__kind=Kind.MANAGER)
    if is_assurer(user):
        rule |= Q(plan__kind=Kind.ASSESSOR)
    pending = samples_visible_to(user).pending().filter(rule)
    return pending.exclude(rater_id=user.pk)
