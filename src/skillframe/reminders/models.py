"""What was reminded to whom (so nothing is reminded twice) and which kinds a person muted."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from skillframe.reminders.kinds import Kind


class SentReminder(models.Model):
    """One reminder sent, keyed by what it is about in the state it was in.

    The key names the subject and its state ("self-assessment:cycle 3:not-started"), so a
    person who starts but does not submit is told once more, and never the same thing twice.
    The unique constraint also keeps two runs at the same time from both sending it.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sent_reminders"
    )
    kind = models.CharField(max_length=32, choices=Kind.choices)
    key = models.CharField(max_length=200)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="uniq_reminder_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.key}"


class Mute(models.Model):
    """A kind of reminder a person does not want."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_mutes"
    )
    kind = models.CharField(max_length=32, choices=Kind.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="uniq_reminder_mute")]

    def __str__(self) -> str:
        return f"{self.user_id} mutes {self.kind}"
