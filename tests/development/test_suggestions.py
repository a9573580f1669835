"""What a new plan suggests: the insights priorities, or the roles' unmet requirements."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from types import ModuleType
from typing import Any

import pytest

from skillframe.assessments.ratings import record_rating
from skillframe.development.suggestions import suggestions_for, unmet_requirements
from tests.development.helpers import element


def test_unmet_requirements_of_both_roles_essential_first(personas: Any) -> None:
    found = unmet_requirements(personas.alice)
    assert [(s.element.code, s.target_level) for s in found] == [
        ("PPM-PPL", 3),
        ("BACM-SMC", 3),
        ("INSML005", None),
        ("INSML011", None),
        ("LP-LTW", 3),
    ]
    assert found[0].reason == "essential for Project manager, not met yet"
    assert found[0].key == "axelos:PPM-PPL:3" and found[2].key == "nos-ml:INSML005:"


def test_a_met_requirement_is_not_suggested(personas: Any) -> None:
    alice, bob = personas.alice, personas.bob
    record_rating(bob.user, alice, element("PPM-PPL"), "manager", level=3)  # meets level 3
    record_rating(alice.user, alice, element("BACM-SMC"), "self", level=2)  # below target
    record_rating(alice.user, alice, element("INSML005"), "self", competence="competent")
    codes = [s.element.code for s in unmet_requirements(alice)]
    assert codes == ["BACM-SMC", "INSML011", "LP-LTW"]


def test_without_the_insights_module_the_fallback_is_used(
    personas: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "skillframe.insights.data", None)  # import fails
    assert [s.element.code for s in suggestions_for(personas.alice)][:2] == ["PPM-PPL", "BACM-SMC"]


@dataclass
class _Priority:
    element_id: int
    target_level: int | None
    reasons: tuple[str, ...]


def test_priorities_are_used_when_the_insights_module_gives_them(
    personas: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    ltw, nos = element("LP-LTW"), element("INSML011")
    fake = ModuleType("skillframe.insights.data")
    fake.priorities_for = lambda person: [  # type: ignore[attr-defined]
        _Priority(ltw.pk, 3, ("an organisation goal", "you want to develop it")),
        {"element": nos, "target_level": None, "reason": "essential for Team leader"},
    ]
    monkeypatch.setitem(sys.modules, "skillframe.insights.data", fake)
    found = suggestions_for(personas.alice)
    assert [(s.element.code, s.target_level, s.reason) for s in found] == [
        ("LP-LTW", 3, "an organisation goal; you want to develop it"),
        ("INSML011", None, "essential for Team leader"),
    ]


def test_the_new_plan_page_offers_the_suggestions(personas: Any, client: Any) -> None:
    client.force_login(personas.eve.user)
    page = client.get("/plans/new/").content.decode()
    assert "Start with these objectives" in page
    assert 'value="axelos:PPM-PPL:3"' in page
    assert "INSML005" not in page  # not one of Eve's frameworks
