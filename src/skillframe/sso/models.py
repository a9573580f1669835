"""Links to the identity provider's accounts, and invitations to set a first password."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from skillframe.people.access import Viewer
from skillframe.people.models import Person


class Identity(models.Model):
    """The identity provider's account (issuer + subject) a Skillframe user signs in as.

    Stored at the first sign-in that matched the person (by e-mail or employee id); from then
    on only the subject counts, so a changed or reused e-mail at the provider never moves the
    link to someone else.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sso_identity"
    )
    issuer = models.CharField(max_length=500)
    subject = models.CharField(max_length=255)
    linked_at = models.DateTimeField(auto_now_add=True)
    last_sign_in_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="sso_identity_unique")
        ]

    def __str__(self) -> str:
        return f"{self.subject} at {self.issuer}"


class InvitationQuerySet(models.QuerySet["Invitation"]):
    def visible_to(self, user: Viewer) -> InvitationQuerySet:
        """Invitations of the people `user` administers (HR scope): the same rule as sending."""
        return self.filter(person__in=Person.objects.editable_by(user).order_by().values("pk"))


class Invitation(models.Model):
    """An e-mail with a one-time link to set a first password (people without single sign-on)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"invitation of {self.person} ({self.email})"
