"""`skillframe frameworks list|search --format csv` (issue 17: csv everywhere)."""

from __future__ import annotations

import csv
import io
from io import StringIO
from typing import Any

from django.core.management import call_command


def run(*args: str) -> list[dict[str, str]]:
    out = StringIO()
    call_command("frameworks", *args, stdout=out)
    return list(csv.DictReader(io.StringIO(out.getvalue())))


def test_list_as_csv(seeded: Any) -> None:
    rows = run("list", "--format", "csv")
    assert [r["slug"] for r in rows] == ["axelos", "nos-ml"]
    assert "unit=58" in rows[1]["counts"]


def test_search_as_csv(seeded: Any) -> None:
    rows = run("search", "risk register", "--limit", "3", "--format", "csv")
    assert len(rows) == 3 and set(rows[0]) == {"framework", "code", "kind", "title", "rank"}
    assert any(r["code"] == "PPM-PRM" for r in rows)
