"""Full-text search over the catalogue with the database's own engine.

SQLite: an FTS5 index (porter stemming, bm25 ranking) kept in sync by triggers.
PostgreSQL: a GIN index on an English tsvector expression, ranked with ts_rank_cd.
Both are created by migration 0002; user text never reaches the engine's query syntax raw:
it is reduced to word tokens first, so quotes or operators in a query cannot break it.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from django.db import connection

from skillframe.inputs import PAGE_OFFSET_MAX

# Private-use characters mark matches inside the engine's output; they never occur in our texts,
# so the result can be HTML-escaped safely and the markers turned into <mark> afterwards.
_START, _STOP = "\ue000", "\ue001"
_TOKEN = re.compile(r"\w+", re.UNICODE)
MAX_LIMIT = 100


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


@dataclass(frozen=True)
class SearchResults:
    query: str
    total: int
    hits: list[SearchHit]


def tokens(query: str) -> list[str]:
    return _TOKEN.findall(query.lower())[:12]


def marked_html(text: str) -> str:
    return html.escape(text).replace(_START, "<mark>").replace(_STOP, "</mark>")


def search(
    query: str,
    *,
    framework: str | None = None,
    kinds: list[str] | None = None,
    limit: int = 20,
    offset: int = 0,
) -> SearchResults:
    """Elements matching every word of `query` (the last word as a prefix), best first."""
    words = tokens(query)
    limit = max(1, min(limit, MAX_LIMIT))
    # Clamped: an offset past the database's integers (a page number of 10**30) was a 500.
    offset = max(0, min(offset, PAGE_OFFSET_MAX))
    if not words:
        return SearchResults(query=query, total=0, hits=[])
    if connection.vendor == "postgresql":
        return _search_postgresql(query, words, framework, kinds, limit, offset)
    return _search_sqlite(query, words, framework, kinds, limit, offset)


def _filters(framework: str | None, kinds: list[str] | None) -> tuple[str, list[str]]:
    sql, params = "", []
    if framework:
        sql += " AND f.slug = %s"
        params.append(framework)
    if kinds:
        sql += f" AND e.kind IN ({', '.join(['%s'] * len(kinds))})"
        params.extend(kinds)
    return sql, params


def _search_sqlite(
    query: str,
    words: list[str],
    framework: str | None,
    kinds: list[str] | None,
    limit: int,
    offset: int,
) -> SearchResults:
    match = " ".join(f'"{word}"' for word in words[:-1]) + f' "{words[-1]}"*'
    where, params = _filters(framework, kinds)
    base = (
        " FROM frameworks_element_fts"
        " JOIN frameworks_element e ON e.id = frameworks_element_fts.rowid"
        " JOIN frameworks_framework f ON f.id = e.framework_id"
        " WHERE frameworks_element_fts MATCH %s" + where
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*)" + base, [match, *params])
        total = cursor.fetchone()[0]
        cursor.execute(
            "SELECT e.id, f.slug, e.code, e.kind, e.title, e.statement,"
            f" highlight(frameworks_element_fts, 0, '{_START}', '{_STOP}'),"
            f" snippet(frameworks_element_fts, 1, '{_START}', '{_STOP}', '…', 40),"
            # Title matches weigh ten times a statement match; bm25() is lower-is-better: negate.
            " -bm25(frameworks_element_fts, 10.0, 1.0) AS rank"
            + base
            + " ORDER BY rank DESC, e.framework_id, e.ordinal LIMIT %s OFFSET %s",
            [match, *params, limit, offset],
        )
        rows = cursor.fetchall()
    return SearchResults(query, total, [_hit(row) for row in rows])


def _search_postgresql(
    query: str,
    words: list[str],
    framework: str | None,
    kinds: list[str] | None,
    limit: int,
    offset: int,
) -> SearchResults:
    tsquery = " & ".join([*words[:-1], f"{words[-1]}:*"])
    where, params = _filters(framework, kinds)
    # The expression must match the GIN index of migration 0002 exactly to be used.
    # Title words weigh more (A) than statement words (B), as on SQLite.
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
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*)" + base, [tsquery, *params])
        total = cursor.fetchone()[0]
        cursor.execute(
            "SELECT e.id, f.slug, e.code, e.kind, e.title, e.statement,"
            " ts_headline('english', e.title, q, %s),"
            " ts_headline('english', e.statement, q, %s),"
            f" ts_rank_cd({vector}, q) AS rank"
            + base
            + " ORDER BY rank DESC, e.framework_id, e.ordinal LIMIT %s OFFSET %s",
            [
                f"{options}, HighlightAll=true",
                f"{options}, MaxWords=40, MinWords=20, ShortWord=2",
                tsquery,
                *params,
                limit,
                offset,
            ],
        )
        rows = cursor.fetchall()
    return SearchResults(query, total, [_hit(row) for row in rows])


def _hit(row: tuple[object, ...]) -> SearchHit:
    element_id, slug, code, kind, title, statement, title_marked, snippet, rank = row
    return SearchHit(
        element_id=int(element_id),  # type: ignore[call-overload]
        framework=str(slug),
        code=str(code),
        kind=str(kind),
        title=str(title),
        statement=str(statement),
        title_html=marked_html(str(title_marked or "")),
        snippet_html=marked_html(str(snippet or "")),
        rank=float(rank),  # type: ignore[arg-type]
    )
