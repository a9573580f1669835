"""Capability parity: every page of the web UI has API operations (the table of docs/parity.md).

Walks Django's URL resolver and the OpenAPI document; fails when a UI URL has no row, a row
names a URL that is gone, or a row's operation is not in the schema. A row without operations
must give one of the few reasons the table allows (pages that are not capabilities).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from skillframe.api.api import api

TABLE = Path(__file__).resolve().parents[2] / "docs" / "parity.md"
REASONS = {"sign-in", "help", "CASE API"}
SKIPPED_NAMESPACES = ("admin", "api")  # Django's admin; the API itself
METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE"}
_ROW = re.compile(r"^\|\s*`([^`]+)`\s*\|\s*([A-Z, ]+)\s*\|\s*(.+?)\s*\|\s*$")
_OPERATION = re.compile(r"^`(GET|POST|PUT|PATCH|DELETE) (/api/\S+)`$")


def read_table(text: str) -> dict[str, tuple[set[str], list[tuple[str, str]] | str]]:
    """{url name: (UI methods, [(method, path)] or the reason)}; ValueError on a bad row."""
    rows: dict[str, tuple[set[str], list[tuple[str, str]] | str]] = {}
    for line in text.splitlines():
        found = _ROW.match(line)
        if found is None:
            continue
        name, methods_text, cell = found.groups()
        methods = {m.strip() for m in methods_text.split(",")}
        if not methods <= METHODS:
            raise ValueError(f"{name}: unknown method in {methods_text!r}")
        if name in rows:
            raise ValueError(f"{name}: two rows")
        if cell.startswith("—"):
            rows[name] = (methods, cell.removeprefix("—").strip())
            continue
        operations = []
        for part in cell.split(";"):
            operation = _OPERATION.match(part.strip())
            if operation is None:
                raise ValueError(f"{name}: not an operation: {part.strip()!r}")
            operations.append((operation.group(1), operation.group(2)))
        rows[name] = (methods, operations)
    return rows


def url_names() -> set[str]:
    names: set[str] = set()

    def walk(patterns: list[URLPattern | URLResolver], namespace: str | None) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace or None
                full = f"{namespace}:{inner}" if namespace and inner else inner or namespace
                if full and full.split(":")[0] in SKIPPED_NAMESPACES:
                    continue
                walk(pattern.url_patterns, full)
            elif pattern.name:
                names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver().url_patterns, None)
    return names


def schema_operations() -> set[tuple[str, str]]:
    paths = api.get_openapi_schema()["paths"]
    return {(method.upper(), path) for path, ops in paths.items() for method in ops}


@pytest.fixture(scope="module")
def table() -> dict[str, tuple[set[str], list[tuple[str, str]] | str]]:
    return read_table(TABLE.read_text(encoding="utf-8"))


def test_every_ui_url_has_a_row(table: dict) -> None:
    missing = sorted(url_names() - set(table))
    assert not missing, f"UI URLs without a row in docs/parity.md: {missing}"


def test_no_row_names_a_url_that_is_gone(table: dict) -> None:
    stale = sorted(set(table) - url_names())
    assert not stale, f"rows of docs/parity.md naming no URL: {stale}"


def test_every_listed_operation_is_in_the_schema(table: dict) -> None:
    known = schema_operations()
    absent = [
        f"{name}: {method} {path}"
        for name, (_, operations) in table.items()
        if isinstance(operations, list)
        for method, path in operations
        if (method, path) not in known
    ]
    assert not absent, f"operations not in the OpenAPI schema: {absent}"


def test_rows_without_operations_give_an_allowed_reason(table: dict) -> None:
    # The "no exceptions left": only pages that are not capabilities may lack one.
    wrong = {
        name: reason
        for name, (_, reason) in table.items()
        if isinstance(reason, str) and reason not in REASONS
    }
    assert not wrong, f"rows without an operation or an allowed reason: {wrong}"


def test_the_check_catches_a_missing_row_and_a_missing_operation(table: dict) -> None:
    # The test can fail: a table without a page, and a row naming an operation the API lacks.
    text = TABLE.read_text(encoding="utf-8")
    without = read_table(text.replace("| `assessments:start` |", "| `not-a-page` |"))
    assert "assessments:start" in url_names() - set(without)
    broken = read_table(
        text.replace("`POST /api/cycles/{cycle_id}/close`", "`POST /api/cycles/{cycle_id}/shut`")
    )
    assert ("POST", "/api/cycles/{cycle_id}/shut") in {
        op for _, ops in broken.values() if isinstance(ops, list) for op in ops
    } - schema_operations()
    with pytest.raises(ValueError, match="not an operation"):
        read_table("| `x:y` | GET | `FETCH /api/x` |")
