"""Drawing samples for a plan over a period: the population, the risk-based rates, the record.

The population is the plan's kind of decisions (assessor or manager ratings with a rater) about
people in the plan's unit and the units below it, given in the period and not sampled by this
plan before. Its rates (percent), per rater and standard, are the highest that apply
(`SamplingPlan`'s docstring): the queries for them are aggregates, one each.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from skillframe.assessments.models import Rating
from skillframe.audit.models import record
from skillframe.evidence.models import EvidenceKind, Judgement
from skillframe.frameworks.models import Element
from skillframe.people.models import Person
from skillframe.quality import sampling
from skillframe.quality.access import ensure_may_run
from skillframe.quality.models import Draw, Outcome, Review, Sample, SamplingPlan

SEED_MAX = 2**62  # fits a signed 64-bit column on every database


@dataclass(frozen=True)
class Rates:
    """The inputs of a plan's rates for one period, read once."""

    plan: SamplingPlan
    experience: dict[int, int]  # rater id -> decisions of this kind before the period
    disagreed: dict[int, date]  # rater id -> day of the latest disagreement in the window
    raters: dict[int, int]  # rater id -> rule rate
    standards: dict[int, int]  # standard id -> rule rate
    methods: dict[str, int]  # evidence kind -> rule rate

    def rate_of(self, rater: int, standard: int, method: str = "") -> tuple[int, str]:
        plan = self.plan
        label = "assessor" if plan.kind == "assessor" else "manager"
        options = [(plan.base_rate, "base rate")]
        done = self.experience.get(rater, 0)
        if done < plan.new_threshold:
            options.append((plan.new_rate, f"new {label}: {done} decisions before the period"))
        if rater in self.disagreed:
            day = self.disagreed[rater].isoformat()
            options.append((plan.disagreement_rate, f"disagreement on {day}"))
        if rater in self.raters:
            options.append((self.raters[rater], f"{label} rule"))
        if standard in self.standards:
            options.append((self.standards[standard], "standard rule"))
        if method in self.methods:
            options.append((self.methods[method], f"evidence method rule ({method})"))
        # The highest rate wins; on a tie the first reason listed (the plainest) is given.
        best = max(rate for rate, _ in options)
        return best, next(reason for rate, reason in options if rate == best)


def _moment(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def population(plan: SamplingPlan, starts_on: date, ends_on: date) -> list[Rating]:
    """The decisions a draw of `plan` over the period chooses from (see the module)."""
    people = Person.objects.in_unit_subtree(plan.unit).values("pk")
    already = Sample.objects.filter(plan=plan).values("rating_id")
    return list(
        Rating.objects.filter(
            source=plan.kind,
            rater__isnull=False,
            person__in=people,
            created_at__gte=_moment(starts_on),
            created_at__lt=_moment(ends_on + timedelta(days=1)),
        )
        .exclude(pk__in=already)
        .select_related("element__parent__parent")
        .order_by("pk")
    )


def standard_of(element: Element) -> Element:
    """The standard a decision belongs to: its NOS unit, or the element itself (an AXELOS
    skill)."""
    return element.owning_unit() or element


def rates_for(plan: SamplingPlan, starts_on: date, ends_on: date, raters: set[int]) -> Rates:
    before = (
        Rating.objects.filter(
            source=plan.kind, rater_id__in=raters, created_at__lt=_moment(starts_on)
        )
        .values("rater_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    window_start = _moment(ends_on - timedelta(days=plan.disagreement_days))
    disagreements = (
        Review.objects.filter(
            outcome=Outcome.DISAGREE,
            sample__plan__kind=plan.kind,
            sample__rater_id__in=raters,
            created_at__gte=window_start,
            created_at__lt=_moment(ends_on + timedelta(days=1)),
        )
        .values_list("sample__rater_id", "created_at")
        .order_by("created_at")
    )
    disagreed = {
        rater: timezone.localtime(when).date() for rater, when in disagreements if rater is not None
    }
    rules = list(plan.rules.values_list("rater_id", "standard_id", "method", "rate"))
    return Rates(
        plan=plan,
        experience={row["rater_id"]: row["n"] for row in before},
        disagreed=disagreed,
        raters={rater: rate for rater, _, _, rate in rules if rater is not None},
        standards={standard: rate for _, standard, _, rate in rules if standard is not None},
        methods={method: rate for _, _, method, rate in rules if method},
    )


def check_period(starts_on: date, ends_on: date) -> None:
    if ends_on < starts_on:
        raise ValidationError({"ends_on": "the period ends before it starts"})
    if ends_on - starts_on > timedelta(days=3660):
        raise ValidationError({"ends_on": "a period is at most ten years"})


def check_seed(seed: int) -> None:
    if isinstance(seed, bool) or not 0 <= seed < SEED_MAX:
        raise ValidationError({"seed": f"the seed is a whole number from 0 to {SEED_MAX - 1}"})


# Where a decision relied on several kinds of evidence, its method is the first of these.
METHOD_ORDER = [kind.value for kind in EvidenceKind]


def methods_of(rating_ids: list[int]) -> dict[int, str]:
    """{rating id: the main kind of evidence its judgement relied on} (one query; decisions
    without a judgement or without evidence are left out)."""
    kinds: dict[int, set[str]] = {}
    rows = Judgement.evidence.through.objects.filter(judgement__rating_id__in=rating_ids)
    for rating_id, kind in rows.values_list("judgement__rating_id", "evidence__kind"):
        kinds.setdefault(rating_id, set()).add(kind)
    return {
        pk: min(found, key=lambda k: METHOD_ORDER.index(k) if k in METHOD_ORDER else 99)
        for pk, found in kinds.items()
    }


def plan_draw(
    plan: SamplingPlan, starts_on: date, ends_on: date, seed: int
) -> tuple[list[Rating], list[sampling.Stratum], dict[int, Element]]:
    """What a draw would take, without recording it: the population, the strata and the
    standard of each decision."""
    decisions = population(plan, starts_on, ends_on)
    standards = {rating.pk: standard_of(rating.element) for rating in decisions}
    methods = methods_of([rating.pk for rating in decisions])
    raters = {rating.rater_id for rating in decisions if rating.rater_id is not None}
    rates = rates_for(plan, starts_on, ends_on, raters)
    strata = sampling.draw(
        (
            sampling.Decision(r.pk, r.rater_id, standards[r.pk].pk, methods.get(r.pk, ""))
            for r in decisions
            if r.rater_id is not None
        ),
        rates.rate_of,
        seed,
    )
    return decisions, strata, standards


@transaction.atomic
def draw_samples(
    user: User | None,
    plan: SamplingPlan,
    starts_on: date,
    ends_on: date,
    seed: int | None = None,
) -> Draw:
    """Draw and record samples of `plan` for the period; `seed` None: a new random one (it is
    recorded either way). `user` None: the command line, without a role check."""
    if user is not None:
        ensure_may_run(user, plan)
    check_period(starts_on, ends_on)
    if seed is None:
        seed = secrets.randbelow(SEED_MAX)
    check_seed(seed)
    decisions, strata, standards = plan_draw(plan, starts_on, ends_on, seed)
    by_id = {rating.pk: rating for rating in decisions}
    users = {u.pk: u.get_username() for u in User.objects.filter(pk__in={s.rater for s in strata})}
    draw = Draw.objects.create(
        plan=plan,
        starts_on=starts_on,
        ends_on=ends_on,
        seed=seed,
        population=len(decisions),
        population_digest=sampling.digest(by_id),
        strata=[
            {
                "rater": users.get(s.rater, str(s.rater)),
                "standard": standards[s.drawn[0]].code,
                "method": s.method,
                "decisions": s.decisions,
                "rate": s.rate,
                "reason": s.reason,
                "drawn": len(s.drawn),
            }
            for s in strata
        ],
        drawn_by=user,
    )
    Sample.objects.bulk_create(
        [
            Sample(
                plan=plan,
                draw=draw,
                rating=by_id[pk],
                rater_id=stratum.rater,
                person_id=by_id[pk].person_id,
                standard=standards[pk],
                method=stratum.method,
                rate=stratum.rate,
                reason=stratum.reason,
            )
            for stratum in strata
            for pk in stratum.drawn
        ]
    )
    drawn = sum(len(s.drawn) for s in strata)
    record(user, "quality.draw", plan, seed=seed, population=len(decisions), drawn=drawn)
    return draw
