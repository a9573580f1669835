"""Saving the priority weights (HR admins): the one rule for the weights page and the API."""

from __future__ import annotations

from django.db import transaction

from skillframe.audit.models import record
from skillframe.insights.models import PriorityWeightSettings
from skillframe.people.access import Viewer, ensure_hr_admin

REFUSAL = "only HR admins may change the priority weights"


def settings_row() -> PriorityWeightSettings:
    """The one settings row (unsaved, with the defaults, until someone saves weights)."""
    return PriorityWeightSettings.objects.filter(pk=1).first() or PriorityWeightSettings(pk=1)


def save_weights(user: Viewer, row: PriorityWeightSettings) -> PriorityWeightSettings:
    """Save `row` (already validated) as the weights, by `user`; audited with before and after."""
    ensure_hr_admin(user, REFUSAL)
    before = settings_row().weights().as_dict()
    with transaction.atomic():
        row.updated_by = user if user.is_authenticated else None
        row.save()
        record(user, "insights.weights.update", row, before=before, after=row.weights().as_dict())
    return row
