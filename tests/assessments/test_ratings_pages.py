"""My ratings and a person's ratings: self and validated side by side, stale flags, replies."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from skillframe.assessments.models import Rating, RatingReply
from skillframe.assessments.ratings import record_rating
from skillframe.notifications.models import Notification
from tests.assessments.review_helpers import el, queries, submitted


def person_url(persona: Any) -> str:
    return reverse("assessments:person_ratings", args=[persona.employee_id])


def rate_alice(personas: Any) -> Rating:
    """Alice rates PPM-PPL 3 and BACM-SMC 2; Bob validates PPM-PPL at 2, BACM-SMC at 2."""
    submitted(personas, {"PPM-PPL": 3, "BACM-SMC": 2})
    bob, alice = personas.bob, personas.alice
    ppm = record_rating(bob.user, alice, el("PPM-PPL"), "manager", level=2, comment="not yet 3")
    record_rating(bob.user, alice, el("BACM-SMC"), "manager", level=2)
    return ppm


def row_of(html: str, code: str) -> str:
    start = html.index(f'<span class="item-code">{code}</span>')
    return html[html.rindex("<tr", 0, start) : html.index("</tr>", start)]


def test_my_ratings_shows_self_and_validated_side_by_side(client: Client, personas: Any) -> None:
    rate_alice(personas)
    client.force_login(personas.alice.user)
    html = client.get(reverse("assessments:my_ratings")).content.decode()
    assert "<h1>My ratings</h1>" in html
    ppm = row_of(html, "PPM-PPL")
    assert "level 3" in ppm and "level 2" in ppm and "not yet 3" in ppm
    assert 'class="disagrees' in ppm and "differs from self rating" in ppm
    bacm = row_of(html, "BACM-SMC")
    assert "differs" not in bacm
    # A requirement nobody has rated yet still shows, as not rated.
    assert "not rated" in row_of(html, "LP-LTW")
    history = reverse("assessments:history", args=["E-alice", "PPM-PPL"]) + "?framework=axelos"
    assert history in ppm and "Respond" in ppm


def test_a_rating_past_its_next_review_date_is_flagged_stale(client: Client, personas: Any) -> None:
    today = timezone.localdate()
    record_rating(
        personas.bob.user,
        personas.alice,
        el("PPM-PPL"),
        "manager",
        level=3,
        next_review_on=today - timedelta(days=1),
    )
    record_rating(
        personas.bob.user, personas.alice, el("BACM-SMC"), "manager", level=3, next_review_on=today
    )
    client.force_login(personas.bob.user)
    html = client.get(person_url(personas.alice)).content.decode()
    assert "review due" in row_of(html, "PPM-PPL")
    assert "review due" not in row_of(html, "BACM-SMC")  # due today is not yet overdue


@pytest.mark.parametrize(("who", "status"), [("bob", 200), ("carol", 200), ("dave", 200)])
def test_people_who_may_see_alice_read_her_ratings(
    client: Client, personas: Any, who: str, status: int
) -> None:
    rate_alice(personas)
    client.force_login(getattr(personas, who).user)
    response = client.get(person_url(personas.alice))
    assert response.status_code == status
    assert "Alice Archer’s ratings" in response.content.decode()


def test_eve_gets_404_for_alice_and_for_unknown_people(client: Client, personas: Any) -> None:
    rate_alice(personas)
    client.force_login(personas.eve.user)
    assert client.get(person_url(personas.alice)).status_code == 404
    assert client.get(reverse("assessments:person_ratings", args=["nobody"])).status_code == 404


def test_the_manager_sees_a_link_to_review_a_submitted_assessment(
    client: Client, personas: Any
) -> None:
    assessment = submitted(personas, {"PPM-PPL": 3})
    client.force_login(personas.bob.user)
    html = client.get(person_url(personas.alice)).content.decode()
    assert reverse("assessments:review", args=[assessment.pk]) in html
    client.force_login(personas.carol.user)  # HR reads, but does not review
    assert "to review" not in client.get(person_url(personas.alice)).content.decode()


def test_ratings_pages_need_a_fixed_number_of_queries(client: Client, personas: Any) -> None:
    ppm = rate_alice(personas)
    client.force_login(personas.alice.user)
    few = queries(client, reverse("assessments:my_ratings"))
    RatingReply.objects.create(rating=ppm, author=personas.alice.user, text="hm")
    for code in ("INSML005.P1", "INSML005.P2", "INSML011.P1", "INSML005.K1"):
        record_rating(personas.alice.user, personas.alice, el(code), "self", competence="competent")
        record_rating(
            personas.bob.user,
            personas.alice,
            el(code),
            "manager",
            competence="not-yet",
            comment="no",
        )
    assert queries(client, reverse("assessments:my_ratings")) == few <= 18
    html = client.get(reverse("assessments:my_ratings")).content.decode()
    assert html.count("differs from self rating") == 5 and "1 reply" in html


def test_alice_replies_to_bobs_rating_and_bob_replies_back(client: Client, personas: Any) -> None:
    ppm = rate_alice(personas)
    reply_url = reverse("assessments:reply", args=[ppm.pk])
    client.force_login(personas.alice.user)
    response = client.post(reply_url, {"text": "I led the Q3 plan"})
    assert response.status_code == 302 and response["Location"].endswith(f"#rating-{ppm.pk}")
    note = Notification.objects.get(recipient=personas.bob.user)
    assert note.text == "Alice Archer replied about PPM-PPL: I led the Q3 plan"
    client.force_login(personas.bob.user)
    response = client.post(reply_url, {"text": "Let us talk on Monday"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert html.lstrip().startswith(f'<div id="thread-{ppm.pk}"') and "<html" not in html
    assert "I led the Q3 plan" in html and "Let us talk on Monday" in html
    assert Notification.objects.filter(recipient=personas.alice.user).count() == 1
    assert [r.text for r in RatingReply.objects.all()] == [
        "I led the Q3 plan",
        "Let us talk on Monday",
    ]


def test_who_may_not_reply(client: Client, personas: Any) -> None:
    ppm = rate_alice(personas)
    own = Rating.objects.filter(source="self", element__code="PPM-PPL").get()
    client.force_login(personas.carol.user)  # HR may read, not join the conversation
    assert (
        client.post(reverse("assessments:reply", args=[ppm.pk]), {"text": "hi"}).status_code == 403
    )
    client.force_login(personas.eve.user)  # may not even know the rating exists
    assert (
        client.post(reverse("assessments:reply", args=[ppm.pk]), {"text": "hi"}).status_code == 404
    )
    client.force_login(personas.alice.user)  # a self rating takes no replies
    assert (
        client.post(reverse("assessments:reply", args=[own.pk]), {"text": "hi"}).status_code == 403
    )
    assert not RatingReply.objects.exists()


def test_an_empty_reply_is_refused_with_an_error_naming_it(client: Client, personas: Any) -> None:
    ppm = rate_alice(personas)
    client.force_login(personas.alice.user)
    response = client.post(reverse("assessments:reply", args=[ppm.pk]), {"text": "   "})
    assert response.status_code == 200
    assert "Reply: write a reply before sending it" in response.content.decode()
    assert not RatingReply.objects.exists()
