from __future__ import annotations

from typing import Any

from skillframe.audit.models import AuditEvent
from skillframe.people.records import anonymise
from skillframe.sso.models import Identity, Invitation


def test_anonymising_a_leaver_unlinks_them_and_blanks_invitation_addresses(
    personas: Any,
) -> None:
    alice, eve = personas.alice, personas.eve
    Identity.objects.create(user=alice.user, issuer="https://idp", subject="alice@corp")
    Identity.objects.create(user=eve.user, issuer="https://idp", subject="eve@corp")
    Invitation.objects.create(person=alice, email="alice@example.org")
    Invitation.objects.create(person=eve, email="eve@example.org")

    result = anonymise(alice, actor=None)

    assert "1 single sign-on link(s) removed and 1 invitation address(es) blanked" in (
        result.summary()
    )
    assert not Identity.objects.filter(user=alice.user).exists()
    assert Invitation.objects.get(person=alice).email == ""
    # Someone else's link and invitation are untouched.
    assert Identity.objects.filter(user=eve.user).exists()
    assert Invitation.objects.get(person=eve).email == "eve@example.org"
    event = AuditEvent.objects.get(action="people.anonymise")
    assert event.data["sso_links_removed"] == 1
    assert event.data["invitation_addresses_blanked"] == 1
