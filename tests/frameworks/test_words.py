"""Counts in words (frameworks/words.py and the `words` template filters): issue 11's
"5 skill familys" and "1211 performance criterions"."""

from __future__ import annotations

from typing import Any

import pytest
from django.template import Context, Template
from django.test import Client

from skillframe.frameworks.words import counted, noun_for, plural


@pytest.mark.parametrize(
    ("noun", "expected"),
    [
        ("skill family", "skill families"),
        ("Performance criterion", "Performance criteria"),
        ("statement", "statements"),
        ("knowledge and understanding item", "knowledge and understanding items"),
        ("activity", "activities"),
        ("day", "days"),
        ("match", "matches"),
        ("box", "boxes"),
        ("level of responsibility", "levels of responsibility"),
        ("person", "people"),
        ("Reply", "Replies"),
        ("UNIT", "UNITS"),
    ],
)
def test_plural(noun: str, expected: str) -> None:
    assert plural(noun) == expected


def test_counted_uses_the_singular_for_exactly_one() -> None:
    assert counted(1, "skill family") == "1 skill family"
    assert counted(0, "skill family") == "0 skill families"
    assert counted(1211, "performance criterion") == "1211 performance criteria"
    assert noun_for(2, "standard") == "standards"


def test_template_filters() -> None:
    template = Template('{% load words %}{{ n|counted:"skill family" }}; {{ label|noun_for:n }}')
    assert template.render(Context({"n": 5, "label": "criterion"})) == (
        "5 skill families; criteria"
    )


@pytest.mark.django_db
def test_framework_pages_count_in_correct_plurals(client: Client, seeded: Any) -> None:
    axelos = client.get("/frameworks/axelos/").content.decode()
    nos = client.get("/frameworks/nos-ml/").content.decode()
    assert "<strong>5</strong> skill families" in axelos
    assert "<strong>1211</strong> performance criteria" in nos
    for html in (axelos, nos):
        assert "familys" not in html and "criterions" not in html
