"""`--format table|json|csv`: the one output module every command uses."""

from __future__ import annotations

import json

from skillframe.importing.output import render_object, render_rows

ROWS = [
    {"code": "a", "title": "First", "count": 2, "tags": ["x", "y"], "ok": True},
    {"code": "bb", "title": "=SUM(A1)", "count": None, "tags": [], "ok": False},
]
COLUMNS = ["code", "title", "count", "tags", "ok"]


def test_table_aligns_and_names_the_columns() -> None:
    lines = render_rows(ROWS, COLUMNS, "table").splitlines()
    assert lines[0].split() == ["CODE", "TITLE", "COUNT", "TAGS", "OK"]
    assert lines[1].startswith("a     First")  # padded to the widest code ("CODE")
    assert lines[2].startswith("bb    =SUM(A1)")
    assert lines[1].split() == ["a", "First", "2", "x,", "y", "yes"]
    assert render_rows([], COLUMNS, "table", "Nothing.") == "Nothing."


def test_json_is_the_rows() -> None:
    assert json.loads(render_rows(ROWS, COLUMNS, "json")) == ROWS


def test_csv_has_a_header_and_formula_safe_cells() -> None:
    lines = render_rows(ROWS, COLUMNS, "csv").splitlines()
    assert lines == ["code,title,count,tags,ok", 'a,First,2,"x, y",yes', "bb,'=SUM(A1),,,no"]
    assert render_rows([], COLUMNS, "csv") == "code,title,count,tags,ok"


def test_one_object_with_nested_rows() -> None:
    obj = {"code": "r", "requirements": [{"code": "A", "level": 3}]}
    assert render_object(obj, "table").splitlines() == [
        "code          r",  # keys padded to the longest, nested rows below theirs
        "requirements:",
        "  A  3",
    ]
    assert json.loads(render_object(obj, "json")) == obj
    assert render_object(obj, "csv") == "code\nr"
