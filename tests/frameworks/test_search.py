"""Full-text search with the database's own engine (FTS5 on SQLite, tsvector on PostgreSQL)."""

from __future__ import annotations

import pytest

from skillframe.frameworks.loading import load_framework
from skillframe.frameworks.models import Element
from skillframe.frameworks.search import search
from skillframe.frameworks.spec import FrameworkSpec
from tests.frameworks.test_loading import make_spec


def test_ranked_hits_with_highlight(seeded: tuple[FrameworkSpec, ...]) -> None:
    results = search("stakeholder management")
    assert results.total >= 1
    top = results.hits[0]
    # The skill whose title has both words outranks statements that merely mention them.
    assert (top.framework, top.kind, top.title) == (
        "axelos",
        "skill",
        "Stakeholder management and communication",
    )
    assert "<mark>Stakeholder</mark>" in top.title_html
    ranks = [hit.rank for hit in results.hits]
    assert ranks == sorted(ranks, reverse=True)


def test_stemming_and_prefix(seeded: tuple[FrameworkSpec, ...]) -> None:
    # "redeploy" (a prefix) finds INSML021 "Manage the redeployment of employees to new roles".
    codes = [hit.code for hit in search("redeploy", framework="nos-ml", kinds=["unit"]).hits]
    assert codes[0] == "INSML021"


def test_filters_by_framework_and_kind(seeded: tuple[FrameworkSpec, ...]) -> None:
    results = search("budget", framework="nos-ml", kinds=["performance-criterion"], limit=100)
    assert results.total > 0
    assert {(hit.framework, hit.kind) for hit in results.hits} == {
        ("nos-ml", "performance-criterion")
    }
    assert search("budget", framework="axelos", kinds=["unit"]).total == 0


def test_query_syntax_cannot_break_the_engine(seeded: tuple[FrameworkSpec, ...]) -> None:
    for query in ['"', "NEAR(", "a OR", "*", "'); DROP TABLE x; --", "stake:* & |"]:
        search(query)  # must not raise
    assert search("   ").total == 0
    assert search("!!!").hits == []


@pytest.mark.django_db
def test_index_follows_updates_and_deletes() -> None:
    load_framework(make_spec(statement="Zebras everywhere."))
    assert search("zebras").total == 1
    Element.objects.filter(code="FAM-S").update(statement="Giraffes only.")
    assert search("zebras").total == 0
    assert search("giraffes").total == 1
    Element.objects.filter(code="FAM-S").delete()
    assert search("giraffes").total == 0


@pytest.mark.django_db
def test_marked_text_is_escaped() -> None:
    load_framework(make_spec(statement="Checks <b>bold</b> claims & ampersands"))
    hit = search("ampersands").hits[0]
    assert "<mark>ampersands</mark>" in hit.snippet_html
    assert "&amp;" in hit.snippet_html
    assert "<b>" not in hit.snippet_html
