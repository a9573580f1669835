"""Feedback on suggestions: what a person accepted or rejected, kept as training data.

The crosswalk itself lives in frameworks.Association (status, method, score, evidence); this
app only adds the feedback on text suggestions.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Decision(models.TextChoices):
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Rejected"


class SuggestionFeedback(models.Model):
    text = models.TextField()  # the input the suggestion was made for (training data needs it)
    element = models.ForeignKey(
        "frameworks.Element", on_delete=models.CASCADE, related_name="suggestion_feedback"
    )
    decision = models.CharField(max_length=16, choices=Decision.choices)
    score = models.FloatField(null=True, blank=True)
    rank = models.PositiveSmallIntegerField(null=True, blank=True)
    method = models.CharField(max_length=64, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.decision} {self.element_id}"
