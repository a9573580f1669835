"""A person's history newest first reads its own index (bench/org.py: without it PostgreSQL
walked the global created_at index back, 1.2 s for one report page at 10,000 people)."""

from __future__ import annotations

from typing import Any

from django.db import connection

from skillframe.assessments.models import Rating
from skillframe.insights.report import HISTORY_ROWS


def test_history_newest_first_uses_the_person_index(personas: Any) -> None:
    if connection.vendor == "postgresql":
        # The test table is nearly empty, where any plan is as good: price a sequential scan
        # and a sort as PostgreSQL does over millions of rows (this transaction only).
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_sort = off")
            cursor.execute("SET LOCAL enable_incremental_sort = off")
    # The report's history query (insights.report.history) as the database plans it.
    rows = Rating.objects.filter(person=personas.alice).select_related("element", "rater")
    plan = rows[:HISTORY_ROWS].explain()
    assert "rating_person_newest" in plan
