"""Anonymising a leaver, sso's share: the link to their identity provider account and the
addresses their invitations were sent to.

Connected to `people.signals.person_anonymised` in `apps.py`. The provider's subject may be an
e-mail address or a name at some providers, and a leaver's account is closed anyway, so the link
goes; the invitations stay (who invited whom, when) with their address blanked.
"""

from __future__ import annotations

from typing import Any

from skillframe.people.models import Person
from skillframe.people.signals import Blanked
from skillframe.sso.models import Identity, Invitation


def forget_leaver(sender: Any, person: Person, **kwargs: Any) -> list[Blanked]:
    unlinked, _ = Identity.objects.filter(user_id=person.user_id).delete()
    blanked = Invitation.objects.filter(person=person).exclude(email="").update(email="")
    return [
        Blanked("sso_links_removed", "single sign-on link(s) removed", unlinked),
        Blanked("invitation_addresses_blanked", "invitation address(es)", blanked),
    ]
