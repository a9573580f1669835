"""The matcher itself (pure: no database): spans, refusals, levels, criteria, items, determinism."""

from __future__ import annotations

from functools import cache

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skillframe.frameworks.seeds import seed_specs
from skillframe.matching.engine import Matcher
from skillframe.matching.inputcheck import MAX_CHARS, SuggestInputError
from skillframe.matching.text import segments


@cache
def matcher() -> Matcher:
    return Matcher(seed_specs())


WORDS = [
    "planned",
    "the",
    "budget",
    "for",
    "a",
    "£2m",
    "office",
    "move",
    "hired",
    "four",
    "staff",
    "resolved",
    "disputes",
    "between",
    "shifts",
    "wrote",
    "tender",
    "risk",
    "log",
    "coached",
    "supervisors",
    "and",
    "Ran",
    "weekly",
    "reviews",
    "café",
    "naïve",
    "e-mail",
    "KPIs",
    "’s",
]
SEPARATORS = [" ", "  ", ". ", ".\n", "\n- ", "; ", "\n\n", " • ", ", ", "\t", " – "]


@st.composite
def texts(draw: st.DrawFn) -> str:
    pieces = draw(
        st.lists(
            st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), min_size=4, max_size=60
        )
    )
    lead = draw(st.sampled_from(["", " ", "\n", "- "]))
    return lead + "".join(word + sep for word, sep in pieces)


@given(texts())
@settings(max_examples=30, deadline=None)
def test_spans_are_exact_offsets_into_the_input(text: str) -> None:
    try:
        found = matcher().suggest(text, limit=10) + matcher().suggest(text, limit=10, items=True)
    except SuggestInputError:
        return  # too few known words: refused, which is an answer too
    for suggestion in found:
        for span in suggestion.spans:
            assert 0 <= span.start < span.end <= len(text)
            assert text[span.start : span.end] == span.text
            assert span.text == span.text.strip()


@given(st.text(max_size=300))
@settings(max_examples=100, deadline=None)
def test_segments_are_exact_offsets_of_any_text(text: str) -> None:
    for segment in segments(text):
        assert text[segment.start : segment.end] == segment.text
        assert segment.text.strip() == segment.text != ""


def test_a_cv_line_leads_to_planning_with_its_words_and_a_level() -> None:
    text = "Built the delivery schedule for a £2m office relocation in MS Project."
    (top,) = matcher().suggest(text, framework="axelos", limit=1)
    assert top.code == "PPM-PPL"
    assert top.kind == "skill"
    assert top.level in {1, 2, 3, 4, 5, 6, 7}
    assert top.spans and top.spans[0].start == 0 and top.spans[0].matched
    assert "alias" not in top.spans[0].matched_code


def test_a_nos_standard_comes_with_the_criteria_that_match() -> None:
    text = "I mediated a conflict between two colleagues and we agreed how to resolve it."
    (top,) = matcher().suggest(text, framework="nos-ml", limit=1)
    assert top.code == "INSML033"
    assert top.criteria and all(code.startswith("INSML033.") for code, _, _ in top.criteria)
    assert top.as_dict()["criteria"][0]["code"].startswith("INSML033.")


def test_items_are_statements_criteria_and_knowledge_items_with_their_owner() -> None:
    found = matcher().suggest(
        "Set and monitored budgets for six cost centres.", limit=8, items=True
    )
    assert found
    assert {s.kind for s in found} <= {"statement", "performance-criterion", "knowledge-item"}
    assert all(s.owner and s.code.startswith(s.owner) for s in found)


def test_the_framework_filter_keeps_to_one_framework() -> None:
    text = "Negotiated a better price with the catering supplier."
    assert {s.framework for s in matcher().suggest(text, framework="nos-ml", limit=10)} == {
        "nos-ml"
    }
    both = {s.framework for s in matcher().suggest(text, limit=10)}
    assert both == {"axelos", "nos-ml"}


def test_multi_line_text_gets_a_span_per_supporting_line() -> None:
    text = "Managed a £1.2m budget.\nResolved disputes between the night and day shifts."
    found = {s.code: s for s in matcher().suggest(text, framework="axelos", limit=5)}
    assert [span.start for span in found["BC-FIN"].spans] == [0]
    assert [span.text for span in found["LP-CNF"].spans] == [text.splitlines()[1]]


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("", "No text"),
        ("   \n\t ", "No text"),
        ("x" * (MAX_CHARS + 1), "characters long"),
        ("PK\x03\x04\x00\x00binary", "looks binary"),
        ("abc\ufffd\ufffddef", "looks binary"),
        ("Я руководил проектом и составил план работ", "does not look like English"),
        (
            "Ich habe das Projekt geleitet und den Zeitplan für das Team erstellt",
            "does not look like English",
        ),
        ("12345 678 / 90", "no words"),
    ],
)
def test_input_that_cannot_be_matched_gets_a_clear_answer(text: str, says: str) -> None:
    with pytest.raises(SuggestInputError, match=says):
        matcher().suggest(text)


def test_two_builds_give_the_same_vectors_and_rankings() -> None:
    again = Matcher(seed_specs())
    assert np.array_equal(again.vectors.vectors, matcher().vectors.vectors)
    text = "I mentored three junior managers through their first year."
    first = [(s.code, s.score) for s in matcher().suggest(text, limit=10)]
    assert [(s.code, s.score) for s in again.suggest(text, limit=10)] == first
