"""Internal quality assurance: who assures, sampling plans, recorded draws, samples, reviews.

Assessor decisions and manager validations are both append-only `assessments.Rating` rows
(source "assessor" / "manager"); a plan of each kind samples them. A draw is recorded with its
seed, its period and a digest of the decisions it drew from, so it can be replayed
(`sampling.py`); a sample points at the rating it reviews and is reviewed once.
Who sees and does what: `access.py`.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from skillframe.assessments.models import Rating, Source
from skillframe.evidence.models import EvidenceKind
from skillframe.frameworks.models import Element
from skillframe.people.models import OrgUnit, Person

RATE = [MinValueValidator(1), MaxValueValidator(100)]


class Assurer(models.Model):
    """An internal quality assurer (IQA): samples and reviews assessors' decisions."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="assurer")
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    granted_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"IQA {self.person}"


class Kind(models.TextChoices):
    """What a plan samples: the source of the ratings it draws from."""

    ASSESSOR = Source.ASSESSOR.value, "Assessor decisions"
    MANAGER = Source.MANAGER.value, "Manager validations"


class SamplingPlan(models.Model):
    """Percentages of decisions to review, per rater, raised where the risk is higher.

    A rater is *new* while they have made fewer than `new_threshold` decisions of this kind
    before a draw's period starts; a rater *after a disagreement* is one with a review that
    disagreed with them in the `disagreement_days` before the period ends. Each stratum (rater ×
    standard) of a draw takes the highest rate that applies: the base rate, the new-rater rate,
    the disagreement rate, and the plan's rules for that rater or standard.
    """

    name = models.CharField(max_length=255)
    kind = models.CharField(max_length=16, choices=Kind.choices)
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    base_rate = models.PositiveSmallIntegerField(default=10, validators=RATE)
    new_rate = models.PositiveSmallIntegerField(default=50, validators=RATE)
    new_threshold = models.PositiveIntegerField(default=20)
    disagreement_rate = models.PositiveSmallIntegerField(default=100, validators=RATE)
    disagreement_days = models.PositiveIntegerField(default=180)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(base_rate__gte=1, base_rate__lte=100)
                & models.Q(new_rate__gte=1, new_rate__lte=100)
                & models.Q(disagreement_rate__gte=1, disagreement_rate__lte=100),
                name="quality_plan_rates_1_100",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class PlanRule(models.Model):
    """A rate of its own for one rater's decisions, one standard's, or the decisions relying
    mainly on one evidence method (`evidence.EvidenceKind`: witness testimony, observation…)."""

    plan = models.ForeignKey(SamplingPlan, on_delete=models.CASCADE, related_name="rules")
    rater = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    standard = models.ForeignKey(
        Element, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    method = models.CharField(max_length=16, blank=True, choices=EvidenceKind.choices)
    rate = models.PositiveSmallIntegerField(validators=RATE)

    class Meta:
        ordering = ["plan", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rater__isnull=False, standard__isnull=True, method="")
                | models.Q(rater__isnull=True, standard__isnull=False, method="")
                | (models.Q(rater__isnull=True, standard__isnull=True) & ~models.Q(method="")),
                name="quality_rule_one_target",
            ),
            models.UniqueConstraint(fields=["plan", "rater"], name="uniq_quality_rule_rater"),
            models.UniqueConstraint(fields=["plan", "standard"], name="uniq_quality_rule_standard"),
            models.UniqueConstraint(
                fields=["plan", "method"],
                condition=~models.Q(method=""),
                name="uniq_quality_rule_method",
            ),
        ]

    def __str__(self) -> str:
        if self.method:
            target = f"evidence method {self.get_method_display()}"
        else:
            target = self.standard.code if self.standard else str(self.rater)
        return f"{self.plan}: {target} {self.rate}%"


class Draw(models.Model):
    """One recorded draw of a plan over a period: enough to replay it (seed, population)."""

    plan = models.ForeignKey(SamplingPlan, on_delete=models.PROTECT, related_name="draws")
    starts_on = models.DateField()
    ends_on = models.DateField()
    seed = models.BigIntegerField()
    population = models.PositiveIntegerField()  # decisions it drew from
    population_digest = models.CharField(max_length=64)  # sampling.digest of their ids
    strata = models.JSONField(default=list)  # per rater × standard: counts, rate, reason
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    drawn_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-drawn_at", "-id"]

    def __str__(self) -> str:
        return f"{self.plan} {self.starts_on}–{self.ends_on} (seed {self.seed})"


class SampleQuerySet(models.QuerySet["Sample"]):
    def pending(self) -> SampleQuerySet:
        return self.filter(review__isnull=True)

    def reviewed(self) -> SampleQuerySet:
        return self.filter(review__isnull=False)


class Sample(models.Model):
    """A decision drawn for review; at most once per plan."""

    plan = models.ForeignKey(SamplingPlan, on_delete=models.PROTECT, related_name="samples")
    draw = models.ForeignKey(Draw, on_delete=models.PROTECT, related_name="samples")
    rating = models.ForeignKey(Rating, on_delete=models.PROTECT, related_name="+")
    # Copied from the rating (and its element's standard) so lists and rates group in SQL.
    rater = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    standard = models.ForeignKey(Element, on_delete=models.PROTECT, related_name="+")
    method = models.CharField(max_length=16, blank=True)  # main evidence kind relied on
    rate = models.PositiveSmallIntegerField()
    reason = models.CharField(max_length=255)

    objects = SampleQuerySet.as_manager()

    class Meta:
        ordering = ["draw", "id"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "rating"], name="uniq_quality_sample"),
        ]

    def __str__(self) -> str:
        return f"sample {self.pk} of {self.plan}"


class Outcome(models.TextChoices):
    AGREE = "agree", "Agree"
    DISAGREE = "disagree", "Disagree"


class Review(models.Model):
    """A judgement of a sampled decision; a disagreement says what the rater must do."""

    sample = models.OneToOneField(Sample, on_delete=models.PROTECT, related_name="review")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome = models.CharField(max_length=16, choices=Outcome.choices)
    comment = models.TextField(blank=True)
    action = models.TextField(blank=True)  # required when disagreeing
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} on {self.sample}"
