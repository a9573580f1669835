"""The history of one element for one person: every row, every source, newest first."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from skillframe.assessments.models import RatingReply
from skillframe.assessments.ratings import record_rating
from tests.assessments.review_helpers import el, queries


def history_url(code: str = "PPM-PPL", framework: str = "axelos") -> str:
    path = reverse("assessments:history", args=["E-alice", code])
    return f"{path}?framework={framework}" if framework else path


def test_history_lists_every_rating_newest_first_with_replies(
    client: Client, personas: Any
) -> None:
    alice, bob, ppm = personas.alice, personas.bob, el("PPM-PPL")
    record_rating(alice.user, alice, ppm, "self", level=2, confidence=2, comment="first go")
    first = record_rating(bob.user, alice, ppm, "manager", level=2)
    record_rating(alice.user, alice, ppm, "self", level=3, confidence=5, comment="grew")
    record_rating(bob.user, alice, ppm, "manager", level=4, comment="well above")
    RatingReply.objects.create(rating=first, author=alice.user, text="fair enough")
    client.force_login(personas.carol.user)
    html = client.get(history_url()).content.decode()
    assert "4 ratings of PPM-PPL for Alice Archer, newest first" in html
    order = [
        html.index(text) for text in ("well above", "grew", f'id="rating-{first.pk}"', "first go")
    ]
    assert order == sorted(order)
    assert "Confidence" in html and "5/5" in html and "2/5" in html
    assert "fair enough" in html
    assert 'name="text"' not in html  # Carol (HR) reads but does not reply


def test_the_person_gets_a_reply_form_on_validated_ratings_only(
    client: Client, personas: Any
) -> None:
    alice, bob, ppm = personas.alice, personas.bob, el("PPM-PPL")
    record_rating(alice.user, alice, ppm, "self", level=3)
    validated = record_rating(bob.user, alice, ppm, "manager", level=2, comment="close")
    client.force_login(alice.user)
    html = client.get(history_url()).content.decode()
    assert html.count('name="text"') == 1
    assert reverse("assessments:reply", args=[validated.pk]) in html


def test_history_access_and_unknown_elements(client: Client, personas: Any) -> None:
    client.force_login(personas.eve.user)
    assert client.get(history_url()).status_code == 404
    client.force_login(personas.bob.user)
    assert client.get(history_url()).status_code == 200
    assert client.get(history_url(framework="")).status_code == 200  # the code is unambiguous
    assert client.get(history_url(framework="nos-ml")).status_code == 404
    assert client.get(history_url("NOPE")).status_code == 404
    html = client.get(history_url("INSML005.P1", "nos-ml")).content.decode()
    assert "has no rating of INSML005.P1 yet" in html


def test_history_needs_a_fixed_number_of_queries(client: Client, personas: Any) -> None:
    alice, bob, ppm = personas.alice, personas.bob, el("PPM-PPL")
    client.force_login(bob.user)

    def add(level: int) -> None:
        record_rating(alice.user, alice, ppm, "self", level=level)
        rating = record_rating(bob.user, alice, ppm, "manager", level=level, comment="ok")
        RatingReply.objects.create(rating=rating, author=alice.user, text=f"reply {level}")

    add(1)
    few = queries(client, history_url())
    for level in (2, 3, 4):
        add(level)
    # The access rule and the page header cost a handful; rows and replies cost none each.
    assert queries(client, history_url()) == few <= 22
    assert client.get(history_url()).content.decode().count('name="text"') == 4
