"""Full-text search over the catalogue with the database's own engine.

SQLite: an FTS5 index (porter stemming, bm25 ranking) kept in sync by triggers.
PostgreSQL: a GIN index on an English tsvector expression, ranked with ts_rank_cd.
Both are created by migration 0002; user text never reaches the engine's query syntax raw:
it is reduced to word tokens first, so quotes or operators in a query cannot break it.

How hits are ordered is a `Ranking`: the weight of a title match against a statement match, a
prior per kind (a standard or a skill is what most searches are after, so it outranks the
criteria and statements below it that repeat its words), and what to do with a natural phrase
("coaching my team"): drop its little words, and when no element has every word, rank those
with some of them. `LEGACY` is the ranking before issue 11, kept so bench/search_relevance.py
can compare both in one run. Every hit carries its place in the tree (framework › ancestors),
read for the whole page in one recursive query.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from django.db import connection

from skillframe.frameworks.kinds import ElementKind, kind_label
from skillframe.frameworks.models import Element
from skillframe.inputs import PAGE_OFFSET_MAX

# Private-use characters mark matches inside the engine's output; they never occur in our texts,
# so the result can be HTML-escaped safely and the markers turned into <mark> afterwards.
_START, _STOP = "\ue000", "\ue001"
_TOKEN = re.compile(r"\w+", re.UNICODE)
MAX_LIMIT = 100
MAX_WORDS = 12

# Words too common to say what a searcher wants (PostgreSQL's English configuration drops
# these itself; SQLite's FTS5 does not, and requiring "my" in "coaching my team" finds nothing).
STOPWORDS = frozenset(
    (  # noqa: SIM905 (a list literal would take a line per word)
        "a about an and are as at be by can do for from how i in into is it me my of on or our"
        " so that the their them this to us we what when where which who why with you your"
    ).split()
)


@dataclass(frozen=True)
class Ranking:
    """How matches are scored: field weights per engine, a multiplier per kind, query handling."""

    # SQLite bm25() weights of the title and statement columns.
    bm25: tuple[float, float]
    # PostgreSQL ts_rank_cd weights of the A (title) and B (statement) labels.
    ts_rank: tuple[float, float]
    # ts_rank_cd's normalization bits (0: none; 1: divide by 1 + log of the document length,
    # so a long overview repeating a word does not outweigh a title naming it).
    ts_normalization: int = 0
    # Score multiplier by element kind; kinds not named count 1.
    kind_boost: Mapping[str, float] = field(default_factory=dict)
    drop_stopwords: bool = False
    # When no element has every word, rank the elements that have any of them.
    any_word_fallback: bool = False


LEGACY = Ranking(bm25=(10.0, 1.0), ts_rank=(1.0, 0.4))
DEFAULT = Ranking(
    bm25=(10.0, 1.0),
    # As on SQLite: a title match weighs ten statement matches, and the length of the text
    # damps the score (bm25 does that itself), so a standard's long overview repeating a word
    # does not outrank the skill named for it.
    ts_rank=(1.0, 0.1),
    ts_normalization=1,
    kind_boost=MappingProxyType(
        {
            ElementKind.UNIT: 3.0,
            ElementKind.SKILL: 3.0,
            ElementKind.FAMILY: 2.0,
            ElementKind.GROUP: 2.0,
            # One or two words copied from the standard's skills list ("Coaching"): a short
            # title bm25 loves, but the standard above it is the answer.
            ElementKind.SKILL_ITEM: 0.5,
        }
    ),
    drop_stopwords=True,
    any_word_fallback=True,
)


@dataclass(frozen=True)
class Crumb:
    """An ancestor of a hit, for its breadcrumbs."""

    code: str
    kind: str
    label: str


@dataclass(frozen=True)
class SearchHit:
    element_id: int
    framework: str  # slug
    code: str
    kind: str
    title: str
    statement: str
    title_html: str  # escaped, matched words in <mark>
    snippet_html: str  # escaped excerpt of the statement, matched words in <mark>
    rank: float  # higher is better
    framework_title: str = ""
    path: tuple[Crumb, ...] = ()  # ancestors, the framework's top level first

    @property
    def kind_label(self) -> str:
        return kind_label(self.kind)


@dataclass(frozen=True)
class SearchResults:
    query: str
    total: int
    hits: list[SearchHit]
    every_word: bool = True  # False: no element had every word; hits have some of them


def tokens(query: str, *, drop_stopwords: bool = False) -> list[str]:
    words = _TOKEN.findall(query.lower())
    if drop_stopwords:
        # A query of little words only ("how to") keeps them: better than searching nothing.
        words = [word for word in words if word not in STOPWORDS] or words
    return words[:MAX_WORDS]


def marked_html(text: str) -> str:
    return html.escape(text).replace(_START, "<mark>").replace(_STOP, "</mark>")


def search(
    query: str,
    *,
    framework: str | None = None,
    kinds: list[str] | None = None,
    limit: int = 20,
    offset: int = 0,
    ranking: Ranking = DEFAULT,
) -> SearchResults:
    """Elements matching every word of `query` (the last word as a prefix), best first; with
    `ranking.any_word_fallback`, those matching any word when none matches every one.
    Three queries at most for a page of hits (count, page, breadcrumbs); two more for the
    fallback."""
    words = tokens(query, drop_stopwords=ranking.drop_stopwords)
    limit = max(1, min(limit, MAX_LIMIT))
    # Clamped: an offset past the database's integers (a page number of 10**30) was a 500.
    offset = max(0, min(offset, PAGE_OFFSET_MAX))
    if not words:
        return SearchResults(query=query, total=0, hits=[])
    engine = _search_postgresql if connection.vendor == "postgresql" else _search_sqlite
    where, params = _filters(framework, kinds)
    total, rows = engine(words, True, where, params, ranking, limit, offset)
    every_word = True
    if not total and ranking.any_word_fallback and len(words) > 1:
        total, rows = engine(words, False, where, params, ranking, limit, offset)
        every_word = False
    paths = element_paths([int(row[0]) for row in rows])  # type: ignore[call-overload]
    hits = [_hit(row, paths.get(int(row[0]), ())) for row in rows]  # type: ignore[call-overload]
    return SearchResults(query, total, hits, every_word)


# What our SQL takes as parameters: words, slugs and kinds, boosts, limits, the PG weights.
Param = str | float | list[float]


def _filters(framework: str | None, kinds: list[str] | None) -> tuple[str, list[Param]]:
    # The catalogue only: drafts and older versions (docs/versions.md) are not searched.
    sql, params = " AND f.edition_of_id IS NULL", list[Param]()
    if framework:
        sql += " AND f.slug = %s"
        params.append(framework)
    if kinds:
        sql += f" AND e.kind IN ({', '.join(['%s'] * len(kinds))})"
        params.extend(kinds)
    return sql, params


def _boost(ranking: Ranking) -> tuple[str, list[Param]]:
    """SQL multiplying a score by the kind's boost, and its parameters."""
    if not ranking.kind_boost:
        return "", []
    cases = " ".join("WHEN %s THEN %s" for _ in ranking.kind_boost)
    params: list[Param] = []
    for kind, boost in ranking.kind_boost.items():
        params += [str(kind), boost]
    return f" * (CASE e.kind {cases} ELSE 1.0 END)", params


Rows = list[tuple[object, ...]]


def _search_sqlite(
    words: list[str],
    every: bool,
    where: str,
    params: list[Param],
    ranking: Ranking,
    limit: int,
    offset: int,
) -> tuple[int, Rows]:
    quoted = [f'"{word}"' for word in words[:-1]] + [f'"{words[-1]}"*']
    match = (" " if every else " OR ").join(quoted)
    base = (
        " FROM frameworks_element_fts"
        " JOIN frameworks_element e ON e.id = frameworks_element_fts.rowid"
        " JOIN frameworks_framework f ON f.id = e.framework_id"
        " WHERE frameworks_element_fts MATCH %s" + where
    )
    boost, boost_params = _boost(ranking)
    title_weight, statement_weight = ranking.bm25
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*)" + base, [match, *params])
        total = int(cursor.fetchone()[0])
        if not total:
            return 0, []
        cursor.execute(
            "SELECT e.id, f.slug, f.title, e.code, e.kind, e.title, e.statement,"
            f" highlight(frameworks_element_fts, 0, '{_START}', '{_STOP}'),"
            f" snippet(frameworks_element_fts, 1, '{_START}', '{_STOP}', '…', 40),"
            # bm25() is lower-is-better: negate, so that a boost > 1 lifts a hit.
            f" -bm25(frameworks_element_fts, %s, %s){boost} AS rank"
            + base
            + " ORDER BY rank DESC, e.framework_id, e.ordinal LIMIT %s OFFSET %s",
            [title_weight, statement_weight, *boost_params, match, *params, limit, offset],
        )
        return total, cursor.fetchall()


def _search_postgresql(
    words: list[str],
    every: bool,
    where: str,
    params: list[Param],
    ranking: Ranking,
    limit: int,
    offset: int,
) -> tuple[int, Rows]:
    tsquery = (" & " if every else " | ").join([*words[:-1], f"{words[-1]}:*"])
    # The expression must match the GIN index of migration 0002 exactly to be used.
    # Title words are labelled A, statement words B; the ranking weighs the labels.
    vector = (
        "(setweight(to_tsvector('english', e.title), 'A')"
        " || setweight(to_tsvector('english', e.statement), 'B'))"
    )
    base = (
        " FROM frameworks_element e JOIN frameworks_framework f ON f.id = e.framework_id,"
        " to_tsquery('english', %s) AS q"
        f" WHERE {vector} @@ q" + where
    )
    options = f"StartSel={_START}, StopSel={_STOP}"
    boost, boost_params = _boost(ranking)
    title_weight, statement_weight = ranking.ts_rank
    # Weights in label order D, C, B, A (PostgreSQL's defaults for D and C: unused here).
    weights = [0.1, 0.2, statement_weight, title_weight]
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*)" + base, [tsquery, *params])
        total = int(cursor.fetchone()[0])
        if not total:
            return 0, []
        cursor.execute(
            "SELECT e.id, f.slug, f.title, e.code, e.kind, e.title, e.statement,"
            " ts_headline('english', e.title, q, %s),"
            " ts_headline('english', e.statement, q, %s),"
            f" ts_rank_cd(%s::float4[], {vector}, q, %s){boost} AS rank"
            + base
            + " ORDER BY rank DESC, e.framework_id, e.ordinal LIMIT %s OFFSET %s",
            [
                f"{options}, HighlightAll=true",
                f"{options}, MaxWords=40, MinWords=20, ShortWord=2",
                weights,
                ranking.ts_normalization,
                *boost_params,
                tsquery,
                *params,
                limit,
                offset,
            ],
        )
        return total, cursor.fetchall()


def element_paths(element_ids: list[int]) -> dict[int, tuple[Crumb, ...]]:
    """{element id: its ancestors, top first} for a page of hits (or a picker's candidates):
    one recursive query, SQLite and PostgreSQL alike, however many and however deep."""
    if not element_ids:
        return {}
    marks = ", ".join(["%s"] * len(element_ids))
    sql = (
        "WITH RECURSIVE up(hit_id, ancestor_id, depth) AS ("
        f" SELECT id, parent_id, 1 FROM frameworks_element WHERE id IN ({marks})"
        " AND parent_id IS NOT NULL"
        " UNION ALL"
        " SELECT up.hit_id, e.parent_id, up.depth + 1 FROM up"
        " JOIN frameworks_element e ON e.id = up.ancestor_id WHERE e.parent_id IS NOT NULL)"
        " SELECT up.hit_id, a.code, a.kind, a.title, a.statement FROM up"
        " JOIN frameworks_element a ON a.id = up.ancestor_id"
        " ORDER BY up.hit_id, up.depth DESC"
    )
    paths: dict[int, list[Crumb]] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, element_ids)
        for hit_id, code, kind, title, statement in cursor.fetchall():
            label = Element(title=title, statement=statement).label  # one rule for labels
            paths.setdefault(int(hit_id), []).append(Crumb(str(code), str(kind), label))
    return {hit_id: tuple(crumbs) for hit_id, crumbs in paths.items()}


def _hit(row: tuple[object, ...], path: tuple[Crumb, ...]) -> SearchHit:
    element_id, slug, framework_title, code, kind, title, statement, marked, snippet, rank = row
    return SearchHit(
        element_id=int(element_id),  # type: ignore[call-overload]
        framework=str(slug),
        code=str(code),
        kind=str(kind),
        title=str(title),
        statement=str(statement),
        title_html=marked_html(str(marked or "")),
        snippet_html=marked_html(str(snippet or "")),
        rank=float(rank),  # type: ignore[arg-type]
        framework_title=str(framework_title),
        path=path,
    )
