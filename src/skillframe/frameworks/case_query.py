"""The selection parameters of CASE 1.1 collection reads (getAllCFDocuments): limit, offset,
sort, orderBy, filter and fields, as the 1EdTech REST binding defines them.

Pure Python over JSON-ready records, so the rules are tested without a database:

- `limit` (at least 1) and `offset` (at least 0, default 0) cut one page; the total before
  paging goes back in `X-Total-Count`;
- `sort` names a top-level property, `orderBy` is `asc` (default) or `desc`; records without the
  property come last either way;
- `filter` is `<property><predicate>'<value>'` with the binding's predicates `=`, `!=`, `>`,
  `>=`, `<`, `<=` and `~` (contains, case-insensitive), joined by ` AND ` or by ` OR ` (one
  kind per filter). Values compare as text (CASE dates and times are ISO 8601, so text order is
  time order); a list property (`subject`) matches when one of its values does;
- `fields` is a comma-separated list of top-level properties to keep.

A bad value raises `SelectionError` naming the parameter and the CASE code minor
(`invalid_selection_field` or `invalid_sort_field`), which the provider answers with 400.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

Record = dict[str, Any]
_CLAUSE = re.compile(r"^\s*([A-Za-z][A-Za-z0-9_]*)\s*(!=|>=|<=|=|>|<|~)\s*'(.*)'\s*$", re.DOTALL)
_JOINS = re.compile(r"\s+(AND|OR)\s+(?=[A-Za-z][A-Za-z0-9_]*\s*(?:!=|>=|<=|=|>|<|~)\s*')")


class SelectionError(ValueError):
    def __init__(self, parameter: str, message: str, minor: str = "invalid_selection_field"):
        super().__init__(message)
        self.parameter = parameter
        self.minor = minor


@dataclass(frozen=True)
class Page:
    records: list[Record]
    total: int


def _whole(params: Mapping[str, str], name: str, minimum: int) -> int | None:
    raw = params.get(name)
    if raw is None:
        return None
    if not re.fullmatch(r"\s*\d+\s*", raw) or int(raw) < minimum or int(raw) > 2**31 - 1:
        raise SelectionError(name, f"{name} must be a whole number of at least {minimum}: {raw!r}")
    return int(raw)


def _texts(value: Any) -> list[str]:
    if value is None or isinstance(value, dict):
        return []
    if isinstance(value, list):
        return [text for part in value for text in _texts(part)]
    return [str(value).lower() if isinstance(value, bool) else str(value)]


_PREDICATES: dict[str, Callable[[str, str], bool]] = {
    "=": lambda have, want: have == want,
    "!=": lambda have, want: have != want,
    ">": lambda have, want: have > want,
    ">=": lambda have, want: have >= want,
    "<": lambda have, want: have < want,
    "<=": lambda have, want: have <= want,
    "~": lambda have, want: want.casefold() in have.casefold(),
}


def _clause_test(name: str, predicate: str, wanted: str) -> Callable[[Record], bool]:
    compare = _PREDICATES[predicate]

    def test(record: Record) -> bool:
        values = _texts(record.get(name))
        if predicate == "!=":  # none of a list's values is it
            return all(compare(value, wanted) for value in values)
        return any(compare(value, wanted) for value in values)

    return test


def parse_filter(text: str, properties: Collection[str]) -> Callable[[Record], bool]:
    """The test a record must pass; raises SelectionError for anything it cannot read."""
    parts = _JOINS.split(text.strip())
    clauses, joins = parts[0::2], set(parts[1::2])
    if len(joins) > 1:
        raise SelectionError("filter", "use either AND or OR in one filter, not both")
    tests: list[Callable[[Record], bool]] = []
    for clause in clauses:
        match = _CLAUSE.match(clause)
        if match is None:
            raise SelectionError(
                "filter", f"cannot read {clause.strip()!r}: write e.g. title~'skills'"
            )
        name, predicate, wanted = match.groups()
        if name not in properties:
            raise SelectionError("filter", f"unknown property {name!r} in the filter")
        tests.append(_clause_test(name, predicate, wanted))
    if joins == {"OR"}:
        return lambda record: any(test(record) for test in tests)
    return lambda record: all(test(record) for test in tests)


def select(
    records: Sequence[Record], params: Mapping[str, str], properties: Collection[str]
) -> Page:
    """Filter, sort, page and trim `records` as the parameters ask (see the module)."""
    limit = _whole(params, "limit", 1)
    offset = _whole(params, "offset", 0) or 0
    order = params.get("orderBy", "asc")
    if order not in ("asc", "desc"):
        message = f"orderBy must be asc or desc: {order!r}"
        raise SelectionError("orderBy", message, "invalid_sort_field")
    fields: list[str] | None = None
    if "fields" in params:
        fields = [name.strip() for name in params["fields"].split(",") if name.strip()]
        unknown = [name for name in fields if name not in properties]
        if unknown or not fields:
            raise SelectionError("fields", f"unknown fields: {', '.join(unknown) or '(none)'}")
    chosen = list(records)
    if "filter" in params:
        test = parse_filter(params["filter"], properties)
        chosen = [record for record in chosen if test(record)]
    sort = params.get("sort")
    if sort is not None:
        if sort not in properties:
            raise SelectionError("sort", f"cannot sort by {sort!r}", "invalid_sort_field")
        present = [r for r in chosen if _texts(r.get(sort))]
        present.sort(key=lambda r: _texts(r.get(sort)), reverse=order == "desc")
        chosen = present + [r for r in chosen if not _texts(r.get(sort))]
    total = len(chosen)
    chosen = chosen[offset : None if limit is None else offset + limit]
    if fields is not None:
        chosen = [{name: r[name] for name in fields if name in r} for r in chosen]
    return Page(chosen, total)
