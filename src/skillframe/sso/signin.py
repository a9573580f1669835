"""Who an identity provider's account is in Skillframe, and what its groups grant.

Only people HR imported can sign in: a verified ID token for someone Skillframe does not know
is refused (`Refused`), never turned into a new account.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.contrib.auth.models import Permission, User
from django.db import IntegrityError, transaction
from django.utils import timezone

from skillframe.audit.models import record
from skillframe.people.models import OrgUnit, Person
from skillframe.sso.config import Grant, OidcConfig
from skillframe.sso.models import Identity


class Refused(Exception):
    """The provider vouched for this account, but Skillframe may not let it in; the message
    says why, for the person reading the refusal page."""


def config() -> OidcConfig:
    oidc: OidcConfig = settings.OIDC
    return oidc


def _linked_user(issuer: str, subject: str) -> User | None:
    found = Identity.objects.select_related("user").filter(issuer=issuer, subject=subject).first()
    return found.user if found else None


def _matched_person(oidc: OidcConfig, claims: Mapping[str, Any]) -> Person:
    if oidc.match == "subject":
        people = Person.objects.filter(employee_id=str(claims["sub"]))
        wanted = f"employee id {claims['sub']}"
    else:
        email = str(claims.get("email") or "")
        if not email:
            raise Refused("The identity provider did not give your e-mail address.")
        if claims.get("email_verified") is False:
            raise Refused(f"The identity provider has not verified the address {email}.")
        people = Person.objects.filter(user__email__iexact=email)
        wanted = f"the e-mail address {email}"
    found = list(people.select_related("user")[:2])
    if not found:
        raise Refused(
            f"Skillframe has no one with {wanted}. Accounts come from HR's records: "
            "ask your HR administrator to add you."
        )
    if len(found) > 1:
        raise Refused(
            f"More than one person in Skillframe has {wanted}, so it cannot tell which is you. "
            "Ask your HR administrator to correct the records."
        )
    return found[0]


@transaction.atomic
def user_for(claims: Mapping[str, Any]) -> User:
    """The Skillframe user of a verified ID token's claims (linking them on first sign-in), with
    the group grants applied; Refused when there is none or they may not sign in."""
    oidc = config()
    issuer, subject = oidc.issuer, str(claims["sub"])
    user = _linked_user(issuer, subject)
    if user is None:
        person = _matched_person(oidc, claims)
        user = person.user
        if Identity.objects.filter(user=user).exists():
            # Someone else at the provider already signs in as this person: an address reused
            # or moved at the provider must not hand the account over.
            raise Refused(
                f"{person.name}'s Skillframe account is linked to another account at the "
                "identity provider. Ask your HR administrator."
            )
        try:
            with transaction.atomic():
                Identity.objects.create(user=user, issuer=issuer, subject=subject)
        except IntegrityError:  # the same account linked meanwhile by a parallel sign-in
            raise Refused("This account was being linked at the same moment; try again.") from None
        # The issuer only: a subject may be an address or a name (audit data holds none).
        record(user, "sso.linked", person, issuer=issuer)
    if not user.is_active:
        raise Refused("Your Skillframe account is closed.")
    Identity.objects.filter(user=user).update(last_sign_in_at=timezone.now())
    apply_groups(user, claims, oidc)
    return user


def apply_groups(user: User, claims: Mapping[str, Any], oidc: OidcConfig) -> None:
    """Keep the grants that SKILLFRAME_OIDC_GROUP_PERMISSIONS maps in step with the groups in
    the token: given while the person is in a mapped group, taken away when not. Grants no group
    maps (given by hand on the people pages) are left alone. Nothing happens without a mapping."""
    if not oidc.group_permissions:
        return
    raw = claims.get(oidc.groups_claim) or []
    groups = {raw} if isinstance(raw, str) else {str(g) for g in raw}
    wanted = {g for name in groups for g in oidc.group_permissions.get(name, ())}
    person = Person.objects.filter(user=user).first()
    added: list[str] = []
    removed: list[str] = []
    for grant in sorted(oidc.grants(), key=str):
        if _set_grant(user, person, grant, grant in wanted):
            (added if grant in wanted else removed).append(str(grant))
    if added or removed:
        record(user, "sso.permissions", user, groups=sorted(groups), added=added, removed=removed)


def _set_grant(user: User, person: Person | None, grant: Grant, on: bool) -> bool:
    """Give or take one grant; whether anything changed. A unit code or permission that does
    not exist (yet) grants nothing."""
    if grant.kind == "hr":
        unit = OrgUnit.objects.filter(code=grant.value).first()
        if unit is None or person is None:
            return False
        has = person.hr_units.filter(pk=unit.pk).exists()
        if has == on:
            return False
        (person.hr_units.add if on else person.hr_units.remove)(unit)
        return True
    app_label, codename = grant.value.split(".")
    permission = Permission.objects.filter(
        content_type__app_label=app_label, codename=codename
    ).first()
    if permission is None:
        return False
    has = user.user_permissions.filter(pk=permission.pk).exists()
    if has == on:
        return False
    (user.user_permissions.add if on else user.user_permissions.remove)(permission)
    return True
