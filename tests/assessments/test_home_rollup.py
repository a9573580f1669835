"""The /me/ page rolls a NOS standard's item judgements up to the standard."""

from __future__ import annotations

from typing import Any

from django.test import Client

from skillframe.assessments.ratings import record_rating
from skillframe.frameworks.models import Element


def test_nos_standard_shows_share_of_items_competent(client: Client, personas: Any) -> None:
    alice, bob = personas.alice, personas.bob
    items = list(
        Element.objects.filter(
            code__startswith="INSML005.", kind__in=["performance-criterion", "knowledge-item"]
        ).select_related("framework")
    )
    assert len(items) > 3
    for item in items[:3]:
        record_rating(alice.user, alice, item, "self", competence="competent")
    record_rating(alice.user, alice, items[3], "self", competence="not-yet")
    record_rating(bob.user, alice, items[0], "manager", competence="competent")
    client.force_login(alice.user)
    page = client.get("/me/").content.decode()
    assert f"3 of {len(items)} items competent" in page
    assert f"1 of {len(items)} items validated competent" in page
