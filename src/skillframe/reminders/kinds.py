"""The kinds of reminder a person can receive (and mute)."""

from __future__ import annotations

from django.db import models


class Kind(models.TextChoices):
    SELF_ASSESSMENT = "self-assessment", "Self-assessments to start or submit before a cycle closes"
    REVIEW = "review", "Self-assessments of your team waiting for your review"
    OBJECTIVE = "objective", "Objectives of your development plan that are due or overdue"
    RATING_REVIEW = "rating-review", "Validated ratings of your team past their review date"
