"""The weights of the development-priority score, as HR set them (one row).

The score itself is computed in `priorities.py` (pure); this model only stores the weights so HR
can change them without a deployment. Without a row the documented defaults apply.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from skillframe.insights.priorities import DEFAULT_WEIGHTS, PriorityWeights

WEIGHT_NAMES = tuple(DEFAULT_WEIGHTS.as_dict())
_BOUNDS = [MinValueValidator(0.0), MaxValueValidator(100.0)]


def _weight(name: str, help_text: str) -> models.FloatField[Any, Any]:
    return models.FloatField(
        default=getattr(DEFAULT_WEIGHTS, name), validators=_BOUNDS, help_text=help_text
    )


class PriorityWeightSettings(models.Model):
    """Singleton (pk 1): the priority weights HR chose."""

    gap = _weight("gap", "× the share of the requirement still missing (0–1) × its weight")
    essential = _weight("essential", "added when the requirement is essential")
    desirable = _weight("desirable", "added when the requirement is only desirable")
    target_role = _weight("target_role", "added when the target role requires it, not yet met")
    goal = _weight("goal", "× the organisation-goal weight of the element")
    interest = _weight("interest", "added when the person wants to develop it")
    stale = _weight("stale", "added when the validated rating is past its review date")
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "priority weights"
        verbose_name_plural = "priority weights"

    def __str__(self) -> str:
        return "Priority weights"

    def weights(self) -> PriorityWeights:
        return PriorityWeights(**{name: getattr(self, name) for name in WEIGHT_NAMES})

    @classmethod
    def current(cls) -> PriorityWeights:
        """The weights in force (one query): HR's row, or the documented defaults."""
        row = cls.objects.filter(pk=1).first()
        return row.weights() if row else DEFAULT_WEIGHTS

    @classmethod
    def singleton(cls) -> PriorityWeightSettings:
        row, _ = cls.objects.get_or_create(pk=1)
        return row


class SavedSearch(models.Model):
    """A skills inventory search a user keeps (`org/search.py`): its own conditions, run again
    within whatever scope its owner has when they open it. Each user sees only their own."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches"
    )
    name = models.CharField(max_length=120)
    query = models.CharField(max_length=500)
    validated_only = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "name"], name="uniq_saved_search_name"),
        ]

    def __str__(self) -> str:
        return self.name
