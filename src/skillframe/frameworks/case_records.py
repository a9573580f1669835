"""Tables of the CASE provider's identifier index (built by case_index.py; see docs/case.md).

Not domain data: a lookup structure derived from the frameworks, rebuilt whenever a
framework's `updated_at` moves, so that `CFAssociations/{id}` and the definition endpoints find
their object with one indexed query instead of recomputing every identifier.
"""

from __future__ import annotations

from django.db import models


class CaseIndex(models.Model):
    """Which version of a framework (its `updated_at`) the CaseRecord rows describe."""

    framework = models.OneToOneField(
        "frameworks.Framework", on_delete=models.CASCADE, related_name="case_index"
    )
    built_for = models.DateTimeField()

    def __str__(self) -> str:
        return f"CASE index of {self.framework_id} at {self.built_for}"


class CaseRecord(models.Model):
    """One identifier a framework's CASE payloads advertise, in one collection (CFAssociations,
    CFItemTypes, CFLicenses, CFRubrics, …). Associations point at the element whose data they
    come from; definitions keep their payload (URIs under the writer's default base)."""

    framework = models.ForeignKey(
        "frameworks.Framework", on_delete=models.CASCADE, related_name="case_records"
    )
    identifier = models.UUIDField(db_index=True)
    collection = models.CharField(max_length=32)
    element = models.ForeignKey(
        "frameworks.Element", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    payload = models.JSONField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "collection", "identifier"], name="uniq_case_record"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.collection}/{self.identifier}"
