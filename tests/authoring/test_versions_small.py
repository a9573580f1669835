"""Draft, diff, impact and publish on the small framework of small.py, counts by hand."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from skillframe.assessments.models import Rating
from skillframe.audit.models import AuditEvent
from skillframe.authoring import editing, mapping
from skillframe.authoring.drafts import start_draft
from skillframe.authoring.editing import ElementInput
from skillframe.authoring.impact import element_impact
from skillframe.authoring.models import CarriedRating
from skillframe.authoring.publish import blockers, publish
from skillframe.development.models import Objective
from skillframe.evidence.models import EvidenceLink
from skillframe.frameworks.associations import Association
from skillframe.frameworks.models import Element, Framework
from skillframe.frameworks.versions import diff_versions, published_version
from skillframe.people.models import RoleRequirement
from tests.authoring.small import build

pytestmark = pytest.mark.django_db
NONE = {"ratings": 0, "requirements": 0, "objectives": 0, "evidence": 0, "crosswalks": 0}


@pytest.fixture
def small() -> Any:
    return build()


def edited_draft(small: Any) -> Framework:
    """Reword SK1, add SK3, remove SK1.L3 (the role's level), move SK2 first."""
    draft = start_draft(small.mini, None)
    editing.edit_element(
        draft, "SK1", title="Plan projects and programmes", statement="Plan the work of projects"
    )
    editing.add_element(draft, ElementInput("SK3", "skill", title="Lead teams"), parent_code="FAM")
    editing.retire_element(draft, "SK1.L3")
    editing.move_element(draft, "SK2", parent_code="FAM", position=1)
    return draft


def test_a_draft_is_a_copy_with_its_own_tree_and_the_catalogue_is_unchanged(small: Any) -> None:
    draft = start_draft(small.mini, None)
    assert draft.edition == 2 and draft.edition_of == small.mini
    assert Element.objects.filter(framework=draft).count() == 6
    assert not Framework.objects.filter(slug__startswith="mini-").exists()
    assert Framework.everything.filter(slug="mini--v2").get() == draft
    # Codes name catalogue elements only: SK1 is not ambiguous with the draft's copy.
    assert Element.objects.find("SK1").framework == small.mini
    with pytest.raises(ValidationError, match="already has a draft"):
        start_draft(small.mini, None)
    # Every old element has a "same code" suggestion.
    assert mapping.undecided(small.mini, draft) == 6


def test_diff_by_hand(small: Any) -> None:
    draft = edited_draft(small)
    diff = diff_versions(small.mini, draft)
    assert diff.counts() == {"added": 1, "removed": 2, "moved": 1, "reworded": 1}
    assert {c.code for c in diff.of("removed")} == {"SK1.L3", "SK1.L3.1"}
    assert [c.code for c in diff.of("moved")] == ["SK2"]
    reworded = diff.of("reworded")[0]
    assert reworded.code == "SK1"
    assert [(w.op, w.text) for w in reworded.title] == [
        ("equal", "Plan projects"),
        ("insert", "and programmes"),
    ]


def test_impact_by_hand(small: Any) -> None:
    draft = edited_draft(small)
    impact = {
        i.element.code: i.counts
        for i in element_impact(small.mini, diff_versions(small.mini, draft))
    }
    # SK1: current ratings p1 self (L2), p1 manager (L3), p2 self (L3); the role's requirement.
    assert impact["SK1"] == {**NONE, "ratings": 3, "requirements": 1}
    # SK1.L3: the skill's rows at level 3: p1 manager, p2 self (p1's newest self is at 2).
    assert impact["SK1.L3"] == {**NONE, "ratings": 2, "requirements": 1}
    assert impact["SK2"] == {**NONE, "objectives": 1, "crosswalks": 1}
    assert impact["SK1.L3.1"] == NONE
    # SK1.L2 is unchanged (its evidence mapping is not an impact); reword it and it counts.
    assert "SK1.L2" not in impact
    editing.edit_element(draft, "SK1.L2", title="Level 2", statement="Plans small work")
    impact = {
        i.element.code: i.counts
        for i in element_impact(small.mini, diff_versions(small.mini, draft))
    }
    assert impact["SK1.L2"] == {**NONE, "ratings": 1, "evidence": 1}  # p1's newest self, at 2


def test_publish_carries_everything_forward(small: Any) -> None:
    draft = edited_draft(small)
    # Only the rows a confirmed suggestion would not carry are named (SK1 level 3).
    stranded = (
        "1 role requirement(s) use SK1 level 3, which the draft removes without a mapping: map it"
    )
    assert blockers(small.mini, draft) == [
        "4 suggested mapping(s) are undecided: confirm or reject them",
        stranded,
    ]
    mapping.confirm_all(small.mini, draft, _anonymous())
    assert blockers(small.mini, draft) == [stranded]
    mapping.decide(small.mini, draft, "SK1.L3", "SK1.L2", _anonymous())
    old_ratings = Rating.objects.count()
    result = publish(small.mini, draft, None, notes="Second edition")
    assert (result.edition, result.ratings, result.requirements, result.objectives) == (2, 3, 1, 1)
    assert (result.evidence, result.crosswalks) == (1, 1)
    assert EvidenceLink.objects.get().element == Element.objects.get(
        framework__slug="mini", code="SK1.L2"
    )
    mini = Framework.objects.get(slug="mini")
    assert mini.edition == 2 and mini.edition_notes == "Second edition"
    assert not Framework.everything.filter(edition_status="draft").exists()
    new_sk1 = Element.objects.get(framework=mini, code="SK1")
    assert new_sk1.title == "Plan projects and programmes"
    requirement = RoleRequirement.objects.get(role=small.role)
    assert (requirement.element_id, requirement.target_level) == (new_sk1.pk, 2)
    assert Objective.objects.get().element.framework == mini
    # Ratings: three new rows, the old four untouched on version 1's elements.
    assert Rating.objects.count() == old_ratings + 3
    v1 = published_version(mini, 1)
    assert Rating.objects.filter(element__framework=v1).count() == 4
    carried = CarriedRating.objects.select_related("rating", "from_rating", "from_element")
    assert sorted(
        (
            c.rating.person.employee_id,
            c.rating.source,
            c.rating.level,
            c.from_rating.level,
            c.from_element.code,
        )
        for c in carried
    ) == [("p1", "manager", 2, 3, "SK1"), ("p1", "self", 2, 2, "SK1"), ("p2", "self", 2, 3, "SK1")]
    assert all(c.rating.element_id == new_sk1.pk and c.from_edition == 1 for c in carried)
    # Crosswalk moved; the old version is still whole and readable.
    assert Association.objects.get(kind="exactMatchOf").origin.framework == mini
    assert Element.objects.filter(framework=v1).count() == 6
    event = AuditEvent.objects.get(action="framework.publish")
    assert event.data["ratings_carried"] == 3 and event.data["edition"] == 2


def test_publish_refused_changes_nothing(small: Any) -> None:
    draft = edited_draft(small)
    mapping.confirm_all(small.mini, draft, _anonymous())
    with pytest.raises(ValidationError, match="SK1 level 3"):
        publish(small.mini, draft, None)
    assert Framework.objects.get(slug="mini").edition == 1
    assert Rating.objects.count() == 4 and not CarriedRating.objects.exists()


def test_an_edit_that_breaks_import_rules_is_refused_whole(small: Any) -> None:
    draft = start_draft(small.mini, None)
    with pytest.raises(ValidationError) as caught:
        editing.edit_element(draft, "SK1", title="x" * 501, statement="")
    assert "title" in str(caught.value)
    assert Element.objects.get(framework=draft, code="SK1").title == "Plan projects"
    with pytest.raises(ValidationError, match="already has an element"):
        editing.add_element(draft, ElementInput("SK2", "skill"), parent_code="FAM")
    with pytest.raises(ValidationError, match="below itself"):
        editing.move_element(draft, "FAM", parent_code="SK1", position=1)
    with pytest.raises(ValidationError, match="only a draft"):
        editing.edit_element(small.mini, "SK1", title="t", statement="s")


def _anonymous():  # type: ignore[no-untyped-def]
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()
