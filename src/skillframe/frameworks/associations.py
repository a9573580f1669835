"""Associations between elements, within a framework or across two (CASE CFAssociation).

The element tree already carries `isChildOf`; this table holds every other link: crosswalks
between frameworks (AXELOS skill ↔ NOS standard: `exactMatchOf`, `isRelatedTo`), links between
versions of a framework (`replacedBy`), and the like. Each row says where it came from
(`status`, `method`, `score`, `evidence`) and who decided it, because a suggested link and a
confirmed one must never look the same.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class AssociationKind(models.TextChoices):
    """CASE 1.1 association types other than isChildOf (which is the element tree)."""

    EXACT_MATCH_OF = "exactMatchOf", "Exact match of"
    IS_RELATED_TO = "isRelatedTo", "Is related to"
    IS_PART_OF = "isPartOf", "Is part of"
    IS_PEER_OF = "isPeerOf", "Is peer of"
    PRECEDES = "precedes", "Precedes"
    REPLACED_BY = "replacedBy", "Replaced by"
    EXEMPLAR = "exemplar", "Exemplar"
    HAS_SKILL_LEVEL = "hasSkillLevel", "Has skill level"


class AssociationStatus(models.TextChoices):
    IMPORTED = "imported", "Imported"  # came in a file (CASE package…)
    SUGGESTED = "suggested", "Suggested"  # proposed by a method, nobody has decided yet
    CONFIRMED = "confirmed", "Confirmed"  # a person accepted (or wrote) it
    REJECTED = "rejected", "Rejected"  # a person refused it: kept so it is not suggested again


class Association(models.Model):
    uuid = models.UUIDField(unique=True, default=uuid.uuid4)  # CASE identifier
    kind = models.CharField(max_length=32, choices=AssociationKind.choices)
    origin = models.ForeignKey(
        "frameworks.Element", on_delete=models.CASCADE, related_name="associations_out"
    )
    destination = models.ForeignKey(
        "frameworks.Element", on_delete=models.CASCADE, related_name="associations_in"
    )
    status = models.CharField(max_length=16, choices=AssociationStatus.choices)
    # Provenance: how it was found ("import", "bm25+dense", "carry-forward", "manual"…) and, for
    # a suggestion, its score and what supported it (e.g. matched sentence pairs).
    method = models.CharField(max_length=64, blank=True)
    score = models.FloatField(null=True, blank=True)
    evidence = models.JSONField(default=list, blank=True)
    note = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["origin", "kind", "destination"]
        constraints = [
            models.UniqueConstraint(
                fields=["origin", "destination", "kind"], name="uniq_association"
            ),
            models.CheckConstraint(
                condition=~models.Q(origin=models.F("destination")), name="association_not_self"
            ),
        ]
        indexes = [
            models.Index(fields=["destination", "kind"]),
            models.Index(fields=["status", "kind"]),
        ]

    def __str__(self) -> str:
        return f"{self.origin_id} {self.kind} {self.destination_id} ({self.status})"
