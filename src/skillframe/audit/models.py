"""AuditEvent: who changed ratings, sign-offs, role profiles, imports and permissions, and when."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.db import models


class AuditEvent(models.Model):
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=64)  # e.g. "rating.create", "people.import"
    target = models.CharField(max_length=128, blank=True)  # "<app.model>:<pk>" or a description
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.target}"


def record(
    actor: User | AnonymousUser | None, action: str, target: models.Model | str = "", **data: Any
) -> AuditEvent:
    """Append one audit event; `target` is a model instance or a free description.

    `actor` is None for the command line and the demo loader; an anonymous user is kept as None.
    """
    if isinstance(target, models.Model):
        target = f"{target._meta.label_lower}:{target.pk}"
    user = actor if actor is not None and actor.is_authenticated else None
    return AuditEvent.objects.create(actor=user, action=action, target=target, data=data)
