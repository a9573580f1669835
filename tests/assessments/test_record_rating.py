"""record_rating: who may rate whom, values checked against the element's scale, append-only."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from skillframe.assessments.models import AppendOnly, Rating
from skillframe.assessments.ratings import record_rating
from skillframe.audit.models import AuditEvent
from skillframe.frameworks.models import Element


def el(code: str) -> Element:
    return Element.objects.select_related("framework").get(code=code)


def test_self_rating_is_recorded_and_audited(personas: Any) -> None:
    alice = personas.alice
    rating = record_rating(
        alice.user,
        alice,
        el("PPM-PPL"),
        "self",
        level=2,
        confidence=4,
        statements_met=["PPM-PPL.L2.1"],
        comment="Planned two small projects",
    )
    assert (rating.level, rating.source, rating.rater, rating.confidence) == (
        2,
        "self",
        alice.user,
        4,
    )
    assert rating.next_review_on is None  # only validated ratings fall due for review
    event = AuditEvent.objects.get(action="rating.create")
    assert event.data["element"] == "PPM-PPL" and event.actor == alice.user


@pytest.mark.parametrize(
    ("code", "values", "field"),
    [
        ("PPM-PPL", {"level": 6}, "level"),
        ("PPM-PPL", {"level": None}, "level"),
        ("PPM-PPL", {"level": 3, "competence": "competent"}, "competence"),
        ("INSML005.P1", {"level": 3}, "level"),
        ("INSML005.P1", {"competence": "brilliant"}, "competence"),
        ("PPM-PPL.L3", {"level": 3}, "element"),  # a level definition is not ratable
    ],
)
def test_bad_values_name_the_field_and_save_nothing(
    personas: Any, code: str, values: dict[str, Any], field: str
) -> None:
    alice = personas.alice
    with pytest.raises(ValidationError) as error:
        record_rating(alice.user, alice, el(code), "self", **values)
    assert field in error.value.message_dict
    assert not Rating.objects.exists()


def test_any_element_of_the_persons_frameworks_may_be_rated(personas: Any) -> None:
    # BC-FIN is not in Alice's role, but its framework (AXELOS) is: she may choose to rate it.
    alice = personas.alice
    assert record_rating(alice.user, alice, el("BC-FIN"), "self", level=3).pk


def test_element_outside_the_persons_frameworks_is_refused(personas: Any) -> None:
    eve = personas.eve  # project manager only: AXELOS, no NOS
    with pytest.raises(ValidationError) as error:
        record_rating(eve.user, eve, el("INSML005.P1"), "self", competence="competent")
    assert "element" in error.value.message_dict


def test_confidence_and_statements_are_checked(personas: Any) -> None:
    alice = personas.alice
    with pytest.raises(ValidationError) as error:
        record_rating(alice.user, alice, el("PPM-PPL"), "self", level=3, confidence=9)
    assert "confidence" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        record_rating(
            alice.user, alice, el("PPM-PPL"), "self", level=3, statements_met=["BACM-SMC.L3.1"]
        )
    assert "statements_met" in error.value.message_dict


@pytest.mark.parametrize(
    ("rater", "source", "allowed"),
    [
        ("alice", "self", True),
        ("bob", "self", False),
        ("bob", "manager", True),
        ("alice", "manager", False),
        ("dave", "assessor", True),
        ("bob", "assessor", False),
        ("carol", "manager", False),
        ("carol", "import", True),
        ("eve", "manager", False),
    ],
)
def test_who_may_rate_alice(personas: Any, rater: str, source: str, allowed: bool) -> None:
    user = getattr(personas, rater).user
    element = el("PPM-PPL")
    if allowed:
        assert record_rating(user, personas.alice, element, source, level=3, comment="ok").pk
    else:
        with pytest.raises(PermissionDenied):
            record_rating(user, personas.alice, element, source, level=3, comment="ok")
        assert not Rating.objects.exists()


def test_manager_adjustment_needs_a_comment(personas: Any) -> None:
    alice, bob = personas.alice, personas.bob
    record_rating(alice.user, alice, el("PPM-PPL"), "self", level=4)
    with pytest.raises(ValidationError) as error:
        record_rating(bob.user, alice, el("PPM-PPL"), "manager", level=3)
    assert "comment" in error.value.message_dict
    agreed = record_rating(bob.user, alice, el("PPM-PPL"), "manager", level=4)
    assert agreed.next_review_on is not None
    record_rating(bob.user, alice, el("PPM-PPL"), "manager", level=3, comment="Not yet level 4")


def test_current_rating_is_the_newest_per_source(personas: Any) -> None:
    alice, bob = personas.alice, personas.bob
    ppl, smc = el("PPM-PPL"), el("BACM-SMC")
    record_rating(alice.user, alice, ppl, "self", level=2)
    record_rating(alice.user, alice, ppl, "self", level=3)
    record_rating(bob.user, alice, ppl, "manager", level=2, comment="One more project first")
    record_rating(alice.user, alice, smc, "self", level=3)
    current = Rating.objects.current([alice.pk])
    assert current[(alice.pk, ppl.pk)].self_rating.level == 3
    assert current[(alice.pk, ppl.pk)].validated.level == 2
    assert current[(alice.pk, ppl.pk)].disagrees
    assert current[(alice.pk, smc.pk)].validated is None
    assert current[(alice.pk, smc.pk)].best.level == 3
    assert Rating.objects.filter(person=alice, element=ppl).count() == 3  # history kept


def test_ratings_cannot_be_changed_or_deleted(personas: Any) -> None:
    alice = personas.alice
    rating = record_rating(alice.user, alice, el("PPM-PPL"), "self", level=2)
    rating.level = 5
    with pytest.raises(AppendOnly):
        rating.save()
    with pytest.raises(AppendOnly):
        rating.delete()
    with pytest.raises(AppendOnly):
        Rating.objects.filter(pk=rating.pk).update(level=5)
    with pytest.raises(AppendOnly):
        Rating.objects.all().delete()
    assert Rating.objects.get(pk=rating.pk).level == 2


def test_ratings_visible_to_follow_the_access_rule(personas: Any) -> None:
    alice = personas.alice
    record_rating(alice.user, alice, el("PPM-PPL"), "self", level=2)
    assert Rating.objects.visible_to(personas.bob.user).count() == 1
    assert Rating.objects.visible_to(personas.carol.user).count() == 1
    assert Rating.objects.visible_to(personas.eve.user).count() == 0
