"""INSML011's source lists its knowledge and understanding without section headings: the
catalogue holds no invented, empty `INSML011.K-general` section (it was exported as a CASE item
with an empty fullStatement); its 20 items sit directly under the standard."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from skillframe.frameworks.formats import get_format
from skillframe.frameworks.kinds import ElementKind
from skillframe.frameworks.models import Element
from skillframe.frameworks.spec import FrameworkSpec


def nos(specs: tuple[FrameworkSpec, ...]) -> FrameworkSpec:
    return next(spec for spec in specs if spec.slug == "nos-ml")


def test_no_section_is_invented_for_insml011(seed_specs: tuple[FrameworkSpec, ...]) -> None:
    spec = nos(seed_specs)
    codes = {element.code: element for element in spec.elements}
    assert "INSML011.K-general" not in codes
    items = [e for e in spec.elements if e.code.startswith("INSML011.K")]
    assert [e.code for e in items] == [f"INSML011.K{n}" for n in range(1, 21)]
    assert {(e.kind, e.parent_code) for e in items} == {(ElementKind.KNOWLEDGE_ITEM, "INSML011")}
    # Every other standard keeps its headed sections, each with a title.
    sections = [e for e in spec.elements if e.kind == ElementKind.KNOWLEDGE_SECTION]
    assert sections and all(section.title for section in sections)


def test_case_export_has_no_empty_statement(seed_specs: tuple[FrameworkSpec, ...]) -> None:
    package = json.loads(get_format("case").dump(nos(seed_specs)))
    empty = [item["humanCodingScheme"] for item in package["CFItems"] if not item["fullStatement"]]
    assert empty == []


@pytest.mark.django_db
def test_unit_page_and_items_show_the_unheaded_knowledge(seeded: Any) -> None:
    unit = Element.objects.get(framework__slug="nos-ml", code="INSML011")
    items = Element.objects.items_of([unit.pk])
    assert items.filter(kind=ElementKind.KNOWLEDGE_ITEM).count() == 20
    html = Client().get("/frameworks/nos-ml/INSML011/").content.decode()
    assert 'id="INSML011.K1"' in html and 'id="INSML011.K20"' in html
    assert "how to engage colleagues, team members and stakeholders" in html
