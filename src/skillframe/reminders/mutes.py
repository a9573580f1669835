"""Which kinds of reminder a person receives: the one rule behind the page, the API and the CLI."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction

from skillframe.reminders.kinds import Kind
from skillframe.reminders.models import Mute


def muted_kinds(user: User) -> set[str]:
    return set(Mute.objects.filter(user=user).values_list("kind", flat=True))


def check_kinds(kinds: Iterable[str], field: str = "muted") -> set[str]:
    """The kinds named, or ValidationError naming every unknown one and the known ones."""
    wanted = set(kinds)
    unknown = sorted(wanted - set(Kind.values))
    if unknown:
        raise ValidationError(
            {
                field: f"unknown reminder kind {', '.join(map(repr, unknown))} "
                f"(known: {', '.join(Kind.values)})"
            }
        )
    return wanted


def set_muted(user: User, kinds: Iterable[str]) -> set[str]:
    """Mute exactly these kinds for `user` (the others are sent); returns the muted kinds."""
    wanted = check_kinds(kinds)
    with transaction.atomic():
        Mute.objects.filter(user=user).exclude(kind__in=wanted).delete()
        have = muted_kinds(user)
        Mute.objects.bulk_create([Mute(user=user, kind=k) for k in sorted(wanted - have)])
    return wanted
