"""Invitations: an HR admin asks Skillframe to e-mail a person a one-time link to set a first
password (for people who do not sign in through the identity provider).

The link is Django's token machinery with a salt of its own: the token signs the user's id,
password hash and last sign-in, so it stops working as soon as a password is set (used once)
or the person signs in; `SKILLFRAME_INVITATION_DAYS` bounds its life, checked against the
invitation's date.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.http import base36_to_int

from skillframe.audit.models import record
from skillframe.notifications.site import absolute
from skillframe.people.access import Viewer, ensure_hr_admin
from skillframe.people.models import Person
from skillframe.people.querysets import PersonQuerySet
from skillframe.sso.models import Invitation


class InvitationTokens(PasswordResetTokenGenerator):
    """Django's reset tokens with their own salt (a password-reset token is no invitation token,
    and the other way round) and their own life: SKILLFRAME_INVITATION_DAYS, not
    PASSWORD_RESET_TIMEOUT (three days), which would cut a week-long invitation short."""

    key_salt = "skillframe.sso.invitations"

    def check_token(self, user: User | None, token: str | None) -> bool:
        if not (user and token):
            return False
        try:
            ts_b36, _ = token.split("-")
            ts = base36_to_int(ts_b36)
        except ValueError:
            return False
        if not any(
            constant_time_compare(self._make_token_with_timestamp(user, ts, secret), token)
            for secret in [self.secret, *self.secret_fallbacks]
        ):
            return False
        age = self._num_seconds(self._now()) - ts
        return age <= settings.INVITATION_DAYS * 24 * 3600


tokens = InvitationTokens()


def invitable_by(actor: Viewer) -> PersonQuerySet:
    """People `actor` may invite: their HR scope (404 for anyone else, as on the people pages)."""
    return Person.objects.editable_by(actor)


def invite_problem(person: Person) -> str | None:
    """Why `person` cannot be invited, or None."""
    user = person.user
    if not user.is_active:
        return f"{person.employee_id} is not active (a leaver)"
    if not user.email:
        return f"{person.employee_id} has no e-mail address to send the invitation to"
    if user.has_usable_password():
        return (
            f"{person.employee_id} already has a password; they can use "
            "'Forgotten your password?' on the sign-in page"
        )
    return None


def link(invitation: Invitation) -> str:
    """The absolute one-time link: SKILLFRAME_SITE_URL, else the address of the request being
    served (notifications/site.py), else `skillframe serve`'s (a command's run)."""
    path = reverse("sso:accept", args=[invitation.pk, tokens.make_token(invitation.person.user)])
    return absolute(path)


@transaction.atomic
def send(person: Person, *, actor: Viewer | None) -> Invitation:
    """Record and e-mail an invitation to `person`; ValidationError({"person": …}) when they
    cannot be invited, PermissionDenied when `actor` (None = the command line) is no HR admin.

    The caller fetched `person` through `invitable_by(actor)`.
    """
    if actor is not None:
        ensure_hr_admin(actor)
    if problem := invite_problem(person):
        raise ValidationError({"person": problem})
    user = person.user
    invitation = Invitation.objects.create(
        person=person,
        email=user.email,
        invited_by=actor if actor is not None and actor.is_authenticated else None,
    )
    context = {
        "person": person,
        "link": link(invitation),
        "days": settings.INVITATION_DAYS,
        "invited_by": invitation.invited_by,
    }
    send_mail(
        subject="You are invited to Skillframe",
        message=render_to_string("sso/invitation_email.txt", context),
        html_message=render_to_string("sso/invitation_email.html", context),
        from_email=None,
        recipient_list=[invitation.email],
    )
    # No address in the audit (audit data holds no personal details: docs/people.md).
    record(actor, "sso.invitation_sent", person, invitation=invitation.pk)
    return invitation


def expires_at(invitation: Invitation) -> datetime:
    return invitation.created_at + timedelta(days=settings.INVITATION_DAYS)


def check(invitation: Invitation, token: str) -> str | None:
    """Why the link no longer works, or None when it may set a password."""
    if invitation.accepted_at is not None:
        return "This invitation has already been used."
    if timezone.now() > expires_at(invitation):
        return "This invitation has expired. Ask your HR administrator for a new one."
    user = invitation.person.user
    if not user.is_active or not tokens.check_token(user, token):
        return (
            "This link is no longer valid: a password has been set since it was sent, "
            "or it is not the link from the e-mail."
        )
    if user.email.casefold() != invitation.email.casefold():
        return "This invitation was sent to an address that is no longer this person's."
    return None


@transaction.atomic
def accept(invitation: Invitation, token: str, password: str) -> User:
    """Set the first password through a valid link; ValidationError({"password": …}) for a weak
    password, PermissionDenied when the link no longer works. Nothing changes on refusal."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if problem := check(invitation, token):
        raise PermissionDenied(problem)
    user = invitation.person.user
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise ValidationError({"password": error.messages}) from None
    user.set_password(password)
    user.save(update_fields=["password"])
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    record(user, "sso.invitation_accepted", invitation.person, invitation=invitation.pk)
    return user
