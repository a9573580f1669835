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


def test_a_standard_is_met_by_the_same_roll_up_as_on_the_gaps_page(
    client: Client, personas: Any
) -> None:
    """Every item competent but one not applicable: met, on /me/ as on /me/gaps/ (one rule,
    assessments/attainment.py), and the item counts leave the not-applicable item out."""
    alice = personas.alice
    unit = Element.objects.get(code="INSML005")
    items = list(Element.objects.items_of([unit.pk]).select_related("framework"))
    record_rating(alice.user, alice, items[0], "self", competence="not-applicable")
    for item in items[1:]:
        record_rating(alice.user, alice, item, "self", competence="competent")
    client.force_login(alice.user)
    page = client.get("/me/").content.decode()
    row = next(r for r in page.split("<tr>") if "INSML005" in r)
    assert f"{len(items) - 1} of {len(items) - 1} items competent" in row
    assert "<td>met</td>" in row
    other = next(r for r in page.split("<tr>") if "INSML011" in r)
    assert "<td>not rated</td>" in other
    gaps = client.get("/me/gaps/").content.decode()
    assert next(r for r in gaps.split("<tr") if "INSML005" in r).startswith(' class="met"')


def test_the_items_of_a_standard_are_found_in_its_tree(personas: Any) -> None:
    """Criteria under the unit and knowledge items in its knowledge sections, in document
    order; nothing of another unit, no skills-list items."""
    unit = Element.objects.get(code="INSML005")
    items = list(Element.objects.items_of([unit.pk]))
    assert items and all(item.owning_unit() == unit for item in items)
    assert {item.kind for item in items} == {"performance-criterion", "knowledge-item"}
    assert [item.ordinal for item in items] == sorted(item.ordinal for item in items)
    by_prefix = Element.objects.filter(
        code__startswith="INSML005.", kind__in=["performance-criterion", "knowledge-item"]
    )
    assert {item.pk for item in items} == set(by_prefix.values_list("pk", flat=True))
    other = Element.objects.get(code="INSML011")
    found = Element.objects.item_ids_by_unit([unit.pk, other.pk])
    assert found[unit.pk] == [item.pk for item in items]
    assert not set(found[unit.pk]) & set(found[other.pk])
