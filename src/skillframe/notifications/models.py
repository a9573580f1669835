"""In-app notifications (the bell) and their e-mail copies (Django's e-mail backend)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.core.mail import send_mail
from django.db import models, transaction

from skillframe.notifications.site import absolute


class NotificationQuerySet(models.QuerySet["Notification"]):
    def for_user(self, user: User | AnonymousUser) -> NotificationQuerySet:
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(recipient_id=user.pk)

    def unread(self) -> NotificationQuerySet:
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    text = models.CharField(max_length=500)
    url = models.CharField(max_length=500, blank=True)  # a path inside the app
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return self.text


def notify(
    recipients: Iterable[User | None], text: str, url: str = "", *, once: bool = False
) -> list[Notification]:
    """Create a bell notification for each user and e-mail it once the transaction commits.

    once: skip users who still have the same news (text and link) unread, for events that say
    "this awaits you" where a repeat adds nothing.
    """
    users = [user for user in recipients if user is not None]
    if once:
        told = set(
            Notification.objects.filter(
                recipient__in=users, text=text, url=url, read_at__isnull=True
            ).values_list("recipient_id", flat=True)
        )
        users = [user for user in users if user.pk not in told]
    created = Notification.objects.bulk_create(
        [Notification(recipient=user, text=text, url=url) for user in users]
    )
    link = absolute(url) if url else ""
    for user in users:
        if user.email:
            body = f"{text}\n\n{link}" if url else text
            # partial binds this user's address and body now (a closure would see the last ones).
            transaction.on_commit(
                partial(
                    send_mail,
                    f"Skillframe: {text[:80]}",
                    body,
                    None,
                    [user.email],
                    fail_silently=True,
                )
            )
    return created
