"""A framework's introduction as headings, lists and paragraphs (frameworks/prose.py): the
AXELOS introduction showed raw "1.1 SOURCES…" lines and "- " bullets (issue 11)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from skillframe.frameworks.prose import Block, blocks

TEXT = """First paragraph
goes on here.

1.1 SOURCES FOR THE THING

Derived from:

- one source
- another source

2 This numbered sentence is not a heading."""


def test_blocks_find_headings_lists_and_paragraphs_in_order() -> None:
    assert blocks(TEXT) == [
        Block("paragraph", "First paragraph goes on here."),
        Block("heading", "Sources for the thing", number="1.1"),
        Block("paragraph", "Derived from:"),
        Block("list", items=("one source", "another source")),
        Block("paragraph", "2 This numbered sentence is not a heading."),
    ]


def test_a_list_right_under_a_paragraph_line_is_still_a_list() -> None:
    assert blocks("Sources:\n- a\n- b\nAfter.") == [
        Block("paragraph", "Sources:"),
        Block("list", items=("a", "b")),
        Block("paragraph", "After."),
    ]


@pytest.mark.django_db
def test_the_axelos_introduction_renders_as_headings_and_lists(client: Client, seeded: Any) -> None:
    html = client.get("/frameworks/axelos/").content.decode()
    assert '<h2><span class="heading-number">1.1</span> Sources for the skills framework</h2>' in (
        html
    )
    assert "<li>European e-Competence Framework, version 3.0</li>" in html
    assert "1.1 SOURCES" not in html
    assert "- European" not in html
