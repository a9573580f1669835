"""Creating sampling plans and their per-rater and per-standard rules."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from skillframe.audit.models import record
from skillframe.evidence.models import EvidenceKind
from skillframe.frameworks.models import Element
from skillframe.people.models import OrgUnit, Person
from skillframe.quality.access import ensure_may_run, may_run
from skillframe.quality.models import Kind, PlanRule, SamplingPlan
from skillframe.validators import ensure_text


def _rate_problem(field: str, value: int) -> dict[str, str]:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 100:
        return {field: f"the rate is a whole percentage from 1 to 100, not {value!r}"}
    return {}


@transaction.atomic
def create_plan(
    user: User | None,
    *,
    name: str,
    kind: str,
    unit: OrgUnit,
    base_rate: int = 10,
    new_rate: int = 50,
    new_threshold: int = 20,
    disagreement_rate: int = 100,
    disagreement_days: int = 180,
) -> SamplingPlan:
    """A new plan; ValidationError naming the field, PermissionDenied for a role or scope the
    user lacks (IQAs plan assessor sampling anywhere, HR admins either kind in their units).
    `user` None: the command line, without a role check."""
    if kind not in Kind.values:
        raise ValidationError({"kind": f"the kind is one of {', '.join(Kind.values)}"})
    if user is not None and not may_run(user, kind, unit):
        raise PermissionDenied(f"you may not plan {Kind(kind).label.lower()} sampling for {unit}")
    errors: dict[str, str] = {}
    if not name.strip():
        errors["name"] = "the plan needs a name"
    for field, value in (
        ("base_rate", base_rate),
        ("new_rate", new_rate),
        ("disagreement_rate", disagreement_rate),
    ):
        errors |= _rate_problem(field, value)
    for field, value in (
        ("new_threshold", new_threshold),
        ("disagreement_days", disagreement_days),
    ):
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100_000:
            errors[field] = f"a whole number from 0 to 100000, not {value!r}"
    if errors:
        raise ValidationError(errors)
    ensure_text("name", name.strip(), 255)
    plan = SamplingPlan.objects.create(
        name=name.strip(),
        kind=kind,
        unit=unit,
        base_rate=base_rate,
        new_rate=new_rate,
        new_threshold=new_threshold,
        disagreement_rate=disagreement_rate,
        disagreement_days=disagreement_days,
        created_by=user,
    )
    record(user, "quality.plan.create", plan, kind=kind, unit=unit.code, base_rate=base_rate)
    return plan


@transaction.atomic
def set_rule(
    user: User | None,
    plan: SamplingPlan,
    *,
    rate: int,
    rater: str = "",
    standard: str = "",
    method: str = "",
) -> PlanRule:
    """Give one rater (username), one standard (code) or one evidence method (an
    `EvidenceKind`) a rate of its own in the plan; a second rule for the same one replaces its
    rate. `user` None: the command line."""
    if user is not None:
        ensure_may_run(user, plan)
    if sum(map(bool, (rater, standard, method))) != 1:
        raise ValidationError(
            {"rater": "name one of a rater (username), a standard (code) or an evidence method"}
        )
    if method and method not in EvidenceKind.values:
        raise ValidationError(
            {"method": f"the evidence method is one of {', '.join(EvidenceKind.values)}"}
        )
    if problem := _rate_problem("rate", rate):
        raise ValidationError(problem)
    if method:
        rule, _ = PlanRule.objects.update_or_create(
            plan=plan, method=method, defaults={"rate": rate}
        )
    elif rater:
        person = Person.objects.filter(user__username=rater).select_related("user").first()
        if person is None:
            raise ValidationError({"rater": f"no person with the username {rater!r}"})
        rule, _ = PlanRule.objects.update_or_create(
            plan=plan, rater=person.user, defaults={"rate": rate}
        )
    else:
        element = Element.objects.find(standard)
        unit = element.owning_unit() or element
        rule, _ = PlanRule.objects.update_or_create(
            plan=plan, standard=unit, defaults={"rate": rate}
        )
    record(
        user, "quality.plan.rule", plan, rater=rater, standard=standard, method=method, rate=rate
    )
    return rule
