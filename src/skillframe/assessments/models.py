"""Assessment cycles, self-assessments and append-only ratings.

A Rating row is never updated or deleted by the application: a change of mind is a new row, the
current rating per element is a query (`Rating.objects.current`), and the history is all rows.
The one exception, anonymising a leaver, is documented in docs/people.md and done by
`skillframe people anonymise`, which blanks free-text comments but keeps the rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models.functions import RowNumber

from skillframe.assessments.latest import refresh_pairs
from skillframe.frameworks.models import Element
from skillframe.people.models import OrgUnit, Person, RoleProfile
from skillframe.people.querysets import Reach, person_scope, subtree_of


class CycleQuerySet(models.QuerySet["Cycle"]):
    def open_on(self, day: date) -> CycleQuerySet:
        return self.filter(status=Cycle.Status.OPEN, starts_on__lte=day, ends_on__gte=day)


class Cycle(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    name = models.CharField(max_length=255)
    starts_on = models.DateField()
    ends_on = models.DateField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.OPEN)
    # Scope: people in these units (and units below them) and/or holding these roles.
    units = models.ManyToManyField(OrgUnit, blank=True, related_name="cycles")
    roles = models.ManyToManyField(RoleProfile, blank=True, related_name="cycles")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CycleQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": "the cycle ends before it starts"})

    def people_in_scope(self) -> models.QuerySet[Person]:
        roots = Cycle.units.through.objects.filter(cycle_id=self.pk).values("orgunit_id")
        roles = Cycle.roles.through.objects.filter(cycle_id=self.pk).values("roleprofile_id")
        return Person.objects.filter(
            models.Q(unit_id__in=subtree_of(roots)) | models.Q(current_role_id__in=roles)
        )


class SelfAssessment(models.Model):
    """One person's self-assessment against a role in a cycle: the wizard's progress and state."""

    class Status(models.TextChoices):
        DRAFT = "draft", "In progress"
        SUBMITTED = "submitted", "Submitted to manager"
        REVIEWED = "reviewed", "Reviewed by manager"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="self_assessments")
    cycle = models.ForeignKey(
        Cycle, null=True, blank=True, on_delete=models.PROTECT, related_name="self_assessments"
    )
    role = models.ForeignKey(RoleProfile, null=True, blank=True, on_delete=models.SET_NULL)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    started_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "cycle", "role"], name="uniq_self_assessment"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.cycle or 'no cycle'}"


class Source(models.TextChoices):
    SELF = "self", "Self"
    MANAGER = "manager", "Manager"
    ASSESSOR = "assessor", "Assessor"
    IMPORT = "import", "Import"


class Competence(models.TextChoices):
    COMPETENT = "competent", "Competent"
    NOT_YET = "not-yet", "Not yet competent"
    NOT_APPLICABLE = "not-applicable", "Not applicable"


# Sources whose rating counts as validated (over the person's own view).
VALIDATING_SOURCES = (Source.MANAGER, Source.ASSESSOR)


class AppendOnly(Exception):
    """Raised on an attempt to change or delete a rating: ratings are append-only."""


class RatingQuerySet(models.QuerySet["Rating"]):
    def visible_to(self, user: User | AnonymousUser) -> RatingQuerySet:
        """Ratings of the people `user` sees (people/access.py), in the same query."""
        return self.filter(person_scope(user, Reach.everything()))

    def update(self, **kwargs: Any) -> int:
        raise AppendOnly("ratings are append-only: record a new rating instead")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnly("ratings are append-only and are never deleted")

    # As on Django's QuerySet.delete: not copied onto the manager by from_queryset().
    delete.queryset_only = True  # type: ignore[attr-defined]

    def latest_per_source(self) -> RatingQuerySet:
        """The newest row per (person, element, source), using a window function (one query)."""
        return self.annotate(
            newest=models.Window(
                RowNumber(),
                partition_by=[models.F("person_id"), models.F("element_id"), models.F("source")],
                order_by=[models.F("created_at").desc(), models.F("id").desc()],
            )
        ).filter(newest=1)


@dataclass
class CurrentRating:
    """What is known now about one person's standing on one element."""

    self_rating: Rating | None = None
    validated: Rating | None = None  # newest manager or assessor rating

    @property
    def best(self) -> Rating | None:
        return self.validated or self.self_rating

    @property
    def disagrees(self) -> bool:
        return bool(
            self.self_rating
            and self.validated
            and (self.self_rating.level, self.self_rating.competence)
            != (self.validated.level, self.validated.competence)
        )


# from_queryset() gives the manager the queryset's methods (visible_to, latest_per_source…) and
# lets mypy know that Rating.objects.filter(…) is a RatingQuerySet (django-stubs' plugin reads
# this module-level form).
_RatingManagerBase = models.Manager.from_queryset(RatingQuerySet)


class RatingManager(_RatingManagerBase["Rating"]):
    def current(
        self, person_ids: list[int] | set[int], element_ids: list[int] | set[int] | None = None
    ) -> dict[tuple[int, int], CurrentRating]:
        """{(person id, element id): CurrentRating} in one query."""
        rows = self.filter(person_id__in=person_ids)
        if element_ids is not None:
            rows = rows.filter(element_id__in=element_ids)
        result: dict[tuple[int, int], CurrentRating] = {}
        for rating in rows.latest_per_source().select_related("rater"):
            entry = result.setdefault((rating.person_id, rating.element_id), CurrentRating())
            if rating.source == Source.SELF:
                entry.self_rating = rating
            elif rating.source in VALIDATING_SOURCES:
                if entry.validated is None or (rating.created_at, rating.pk) > (
                    entry.validated.created_at,
                    entry.validated.pk,
                ):
                    entry.validated = rating
            elif entry.validated is None and entry.self_rating is None:
                entry.self_rating = rating  # an imported rating stands in for an unknown one
        return result


class Rating(models.Model):
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="ratings")
    element = models.ForeignKey(Element, on_delete=models.PROTECT, related_name="+")
    # A level of the element's scale (AXELOS), or a competence judgement (NOS), never both.
    level = models.PositiveSmallIntegerField(null=True, blank=True)
    competence = models.CharField(max_length=16, choices=Competence.choices, blank=True)
    source = models.CharField(max_length=16, choices=Source.choices)
    rater = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    comment = models.TextField(blank=True)
    confidence = models.PositiveSmallIntegerField(null=True, blank=True)  # 1 (low) … 5 (high)
    # AXELOS self-assessment: codes of the "You can" statements the person ticked.
    statements_met = models.JSONField(default=list, blank=True)
    cycle = models.ForeignKey(
        Cycle, null=True, blank=True, on_delete=models.PROTECT, related_name="ratings"
    )
    assessment = models.ForeignKey(
        SelfAssessment, null=True, blank=True, on_delete=models.PROTECT, related_name="ratings"
    )
    next_review_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = RatingManager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["person", "element", "source", "-created_at"]),
            # A person's history newest first (report, ratings pages, API): without it
            # PostgreSQL walked the global created_at index back until it had found enough of
            # this person's rows — 1.2 s for one report at 10,000 people (bench/org.py).
            models.Index(fields=["person", "-created_at", "-id"], name="rating_person_newest"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(confidence__isnull=True)
                | models.Q(confidence__gte=1, confidence__lte=5),
                name="rating_confidence_1_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.element.code} {self.value_label} ({self.source})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnly("ratings are append-only: record a new rating instead")
        # Every path that appends one rating (record_rating, the tests, a shell) comes through
        # here, so the maintained current-rating row is refreshed in the same transaction.
        with transaction.atomic(using=kwargs.get("using")):
            super().save(*args, **kwargs)
            refresh_pairs([(self.person_id, self.element_id)], using=kwargs.get("using"))

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnly("ratings are append-only and are never deleted")

    @property
    def value_label(self) -> str:
        if self.level is not None:
            return f"level {self.level}"
        return self.get_competence_display() or "—"

    def is_stale(self, today: date) -> bool:
        return self.next_review_on is not None and self.next_review_on < today


class LatestRating(models.Model):
    """The current rating per (person, element), maintained on write (assessments/latest.py).

    Exactly what `Rating.objects.current` derives from the append-only history — the newest self
    rating (an import standing in when there is none and it is newer than any validated one),
    the newest manager or assessor rating as the validated one, best = validated else self —
    kept as one row so that organisation-wide aggregates read one row per person and element
    instead of ranking the whole history. `Rating.save` refreshes the row in the rating's own
    transaction; `skillframe current-ratings rebuild|check` rebuilds it or compares it with
    the history (bulk loaders that bypass `save` rebuild after loading).
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    element = models.ForeignKey(Element, on_delete=models.CASCADE, related_name="+")
    self_rating = models.ForeignKey(Rating, null=True, on_delete=models.PROTECT, related_name="+")
    self_level = models.PositiveSmallIntegerField(null=True)
    self_competence = models.CharField(max_length=16, choices=Competence.choices, blank=True)
    self_at = models.DateTimeField(null=True)
    validated_rating = models.ForeignKey(
        Rating, null=True, on_delete=models.PROTECT, related_name="+"
    )
    validated_level = models.PositiveSmallIntegerField(null=True)
    validated_competence = models.CharField(max_length=16, choices=Competence.choices, blank=True)
    validated_source = models.CharField(max_length=16, choices=Source.choices, blank=True)
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    validated_at = models.DateTimeField(null=True)
    # Of the best rating (validated, else self): what the heatmaps show.
    best_level = models.PositiveSmallIntegerField(null=True)
    best_competence = models.CharField(max_length=16, choices=Competence.choices, blank=True)
    is_validated = models.BooleanField(default=False)
    next_review_on = models.DateField(null=True)  # of the best rating
    updated_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "element"], name="uniq_latest_rating"),
        ]
        # The unique constraint's index (person, element) serves lookups by person; this one
        # serves "everyone's rating of these elements" (heatmaps, who-has searches).
        indexes = [models.Index(fields=["element", "person"], name="latest_element_person")]

    def __str__(self) -> str:
        return f"{self.person_id}/{self.element_id}: {self.best_level or self.best_competence}"


class RatingReply(models.Model):
    """A person's (or manager's) response to a rating; append-only like ratings."""

    rating = models.ForeignKey(Rating, on_delete=models.PROTECT, related_name="replies")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.text[:60]


class Interest(models.Model):
    """Whether a person wants to develop an element; the newest row per element counts."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="interests")
    element = models.ForeignKey(Element, on_delete=models.PROTECT, related_name="+")
    wants_to_develop = models.BooleanField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        wants = "wants to develop" if self.wants_to_develop else "does not want to develop"
        return f"{self.person_id} {wants} {self.element_id}"
