"""Sampling records as CSV: one line per sample with its draw and review, formula-safe cells
(importing/cells.py), for the web page, the API and `skillframe quality export`."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from typing import Any

from skillframe.importing.cells import to_csv_cell
from skillframe.quality.models import Sample

HEADER = [
    "sample",
    "plan",
    "kind",
    "draw",
    "seed",
    "period_start",
    "period_end",
    "drawn_at",
    "rater",
    "person",
    "employee_id",
    "standard",
    "element",
    "method",
    "decision",
    "decided_at",
    "rate",
    "reason",
    "outcome",
    "reviewer",
    "reviewed_at",
    "comment",
    "action",
]
RELATED = (
    "plan",
    "draw",
    "rater",
    "person__user",
    "standard",
    "rating__element",
    "review__reviewer",
)


def _name(user: Any) -> str:
    return (user.get_full_name() or user.get_username()) if user is not None else ""


def _row(sample: Sample) -> list[str]:
    review = getattr(sample, "review", None)
    rating = sample.rating
    values: list[Any] = [
        sample.pk,
        sample.plan.name,
        sample.plan.kind,
        sample.draw_id,
        sample.draw.seed,
        sample.draw.starts_on.isoformat(),
        sample.draw.ends_on.isoformat(),
        sample.draw.drawn_at.isoformat(),
        _name(sample.rater),
        sample.person.name,
        sample.person.employee_id,
        sample.standard.code,
        rating.element.code,
        sample.method,
        rating.value_label,
        rating.created_at.isoformat(),
        sample.rate,
        sample.reason,
        review.outcome if review else "",
        _name(review.reviewer) if review else "",
        review.created_at.isoformat() if review else "",
        review.comment if review else "",
        review.action if review else "",
    ]
    return [to_csv_cell(str(value)) for value in values]


def csv_lines(samples: Iterable[Sample]) -> Iterator[str]:
    """The header, then a line per sample (each a complete CSV line with its ending)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def line(cells: list[str]) -> str:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(cells)
        return buffer.getvalue()

    yield line(HEADER)
    for sample in samples:
        yield line(_row(sample))


def export_queryset(samples: Any) -> Any:
    return samples.select_related(*RELATED).order_by("draw_id", "pk")
