"""API tokens die with the credentials that made them trustworthy: a password reset or change
(whoever learnt the old password may also hold a token) and closing the account. Revoked, not
just inactive: reopening an account does not bring its old tokens back.

One pre_save receiver on the user model sees every path that changes a password or closes an
account: the reset and change pages, the admin, `changepassword`, people.records.anonymise.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.utils import timezone

from skillframe.api.models import ApiToken


def revoke_tokens_on_credential_change(
    sender: type[User], instance: User, raw: bool = False, **kwargs: Any
) -> None:
    if raw or instance.pk is None:
        return  # fixtures, or a new user: no tokens yet
    before = User.objects.filter(pk=instance.pk).values("password", "is_active").first()
    if before is None:
        return
    password_changed = before["password"] != instance.password
    deactivated = before["is_active"] and not instance.is_active
    if password_changed or deactivated:
        ApiToken.objects.filter(user_id=instance.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
