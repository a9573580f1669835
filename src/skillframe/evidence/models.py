"""Evidence of competence, assessor assignments, submissions, judgements and sign-off.

- `Evidence` belongs to a person (its owner) and is `EvidenceLink`-ed to any number of elements:
  NOS criteria, knowledge items or whole standards, AXELOS statements, level definitions or
  skills. A file-upload evidence has its `EvidenceFile`s, stored under the data dir with random
  names (`storage.py`) and served only through the access-checked download view.
- `AssessorQualification`: the standards an assessor is qualified to assess.
  `Assignment`: HR puts a learner with an assessor for one standard, with dates; it keeps the
  people app's `Person.learners` relation (the access rule's "assessor" reach) in step.
- `Submission`: the learner asks for a standard (or some of its items) to be assessed; the
  evidence mapped to it at that moment is frozen into the submission (what the assessor sees).
- `Judgement`: the assessor's decision on one item is an append-only assessments `Rating`
  (source assessor, recorded by `record_rating`); the judgement adds the submission it answered
  and the evidence relied on.
- `SignOff`: when every item of a standard is competent, the assessor's declaration and the
  learner's declaration of authenticity (the order is `settings.EVIDENCE_SIGN_OFF_ORDER`).

Evidence that a judgement relied on is never deleted: "deleting" it hides it (`deleted_at`,
`deleted_by`), so the decision keeps its record. Rules of who sees what: `access.py`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from skillframe.assessments.models import Rating
from skillframe.frameworks.models import Element
from skillframe.people.models import Person


class EvidenceKind(models.TextChoices):
    FILE = "file", "File upload"
    ACCOUNT = "account", "Text or reflective account"
    LINK = "link", "Link"
    WITNESS = "witness", "Witness testimony"
    OBSERVATION = "observation", "Observation record"
    DISCUSSION = "discussion", "Professional discussion notes"
    PRODUCT = "product", "Product or work sample"


class Evidence(models.Model):
    owner = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="evidence")
    kind = models.CharField(max_length=16, choices=EvidenceKind.choices)
    title = models.CharField(max_length=255)
    description = models.TextField(blank=True)
    occurred_on = models.DateField()  # when the work or event the evidence shows took place
    # The account, the witness's statement, the observation record or the discussion notes.
    text = models.TextField(blank=True)
    url = models.URLField(max_length=500, blank=True)
    witness_name = models.CharField(max_length=255, blank=True)
    witness_role = models.CharField(max_length=255, blank=True)
    witness_contact = models.CharField(max_length=255, blank=True)
    # The owner lets their line managers read it (managers see nothing unshared).
    shared_with_manager = models.BooleanField(default=False)
    elements = models.ManyToManyField(Element, through="EvidenceLink", related_name="+", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Hidden, not lost: evidence a judgement relied on is kept when its owner deletes it.
    deleted_at = models.DateTimeField(null=True, blank=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-occurred_on", "-id"]
        verbose_name_plural = "evidence"
        indexes = [models.Index(fields=["owner", "deleted_at"])]

    def __str__(self) -> str:
        return self.title


class EvidenceFile(models.Model):
    evidence = models.ForeignKey(Evidence, on_delete=models.PROTECT, related_name="files")
    name = models.CharField(max_length=255)  # the uploaded name, checked (storage.check_name)
    stored_name = models.CharField(max_length=64, unique=True)  # random, under EVIDENCE_DIR
    content_type = models.CharField(max_length=100)  # sniffed from the bytes (sniffing.py)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64, db_index=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class EvidenceLink(models.Model):
    """One piece of evidence mapped to one element."""

    evidence = models.ForeignKey(Evidence, on_delete=models.CASCADE, related_name="links")
    element = models.ForeignKey(Element, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["evidence", "element"], name="uniq_evidence_link")
        ]

    def __str__(self) -> str:
        return f"{self.evidence_id} → {self.element_id}"


class AssessorQualification(models.Model):
    """A standard (NOS unit) the assessor is qualified to assess."""

    assessor = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="qualifications")
    standard = models.ForeignKey(Element, on_delete=models.PROTECT, related_name="+")
    qualified_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessor", "standard"], name="uniq_assessor_qualification"
            )
        ]

    def __str__(self) -> str:
        return f"{self.assessor_id} qualified for {self.standard_id}"


class Assignment(models.Model):
    """HR assigns a learner to an assessor for one standard, from `starts_on` to `ends_on`."""

    assessor = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="assessor_assignments"
    )
    learner = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="learner_assignments"
    )
    standard = models.ForeignKey(Element, on_delete=models.PROTECT, related_name="+")
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["learner_id", "standard_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessor", "learner", "standard"], name="uniq_assessor_assignment"
            )
        ]

    def __str__(self) -> str:
        return f"{self.assessor_id} assesses {self.learner_id} on {self.standard_id}"


class Submission(models.Model):
    """A learner's request to have a standard (or some of its items) assessed."""

    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting for the assessor"
        MORE = "more", "More evidence asked for"
        ACCEPTED = "accepted", "Accepted"

    learner = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="submissions")
    assessor = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    standard = models.ForeignKey(Element, on_delete=models.PROTECT, related_name="+")
    # The items submitted; none: the whole standard.
    items = models.ManyToManyField(Element, related_name="+", blank=True)
    # The evidence mapped to the standard when it was submitted: what the assessor sees.
    evidence = models.ManyToManyField(Evidence, related_name="submissions", blank=True)
    note = models.TextField(blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.WAITING)
    submitted_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    feedback = models.TextField(blank=True)  # the assessor's answer (what more is needed)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        indexes = [models.Index(fields=["assessor", "status"])]

    def __str__(self) -> str:
        return f"{self.learner_id} {self.standard_id} ({self.status})"


class Judgement(models.Model):
    """An assessor's decision on one item: its append-only rating plus the evidence relied on."""

    rating = models.OneToOneField(Rating, on_delete=models.PROTECT, related_name="judgement")
    submission = models.ForeignKey(
        Submission, null=True, blank=True, on_delete=models.PROTECT, related_name="judgements"
    )
    evidence = models.ManyToManyField(Evidence, related_name="judgements", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"judgement {self.rating_id}"


class SignOff(models.Model):
    """The sign-off of one standard for one learner: two time-stamped declarations."""

    learner = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="sign_offs")
    standard = models.ForeignKey(Element, on_delete=models.PROTECT, related_name="+")
    assessor = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    assessor_declaration = models.TextField(blank=True)
    assessor_declared_at = models.DateTimeField(null=True, blank=True)
    learner_declaration = models.TextField(blank=True)
    learner_declared_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)  # both declarations made
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["learner", "standard"], name="uniq_sign_off")
        ]

    def __str__(self) -> str:
        return f"sign-off {self.learner_id} {self.standard_id}"

    @property
    def complete(self) -> bool:
        return self.completed_at is not None
