"""Heatmap exports: CSV (the command line's contract), JSON and XLSX, row by row.

CSV: one row per person (employee_id, name, unit) or unit (unit, name, people), then one
column per element code holding the row's current value: a person's level (validated, else
self, else empty; NOS: share of items competent, 0–1), a unit's mean over its people with a
value (empty when none, or when the unit is hidden by the minimum group size). JSON adds, per
cell, whether it is validated and stale, and for units the share at target, the spread of
levels and the unknowns.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

from skillframe.insights.org import kernel
from skillframe.insights.org.heatmap import Heatmap


def _mean(value: float | None, by_level: bool) -> str:
    if value is None:
        return ""
    return f"{value:.2f}" if by_level else f"{value:.4g}"


def table(hm: Heatmap) -> Iterator[list[str]]:
    """The export's rows, header first (shared by CSV and XLSX)."""
    codes = [c.code for c in hm.columns]
    if hm.by == "unit":
        yield ["unit", "name", "people", *codes]
        for row in hm.units:
            values = (
                [""] * len(codes)
                if row.hidden
                else [
                    _mean(cell.mean, c.by_level)
                    for c, cell in zip(hm.columns, row.cells, strict=False)
                ]
            )
            yield [row.code, row.name, str(row.people), *values]
        return
    yield ["employee_id", "name", "unit", *codes]
    for person in hm.people:
        values = [
            kernel.csv_value(c, cell) for c, cell in zip(hm.columns, person.cells, strict=False)
        ]
        yield [person.employee_id, person.name, person.unit, *values]


def csv_lines(hm: Heatmap) -> Iterator[str]:
    """CSV text line by line (for a streaming response or stdout)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for row in table(hm):
        writer.writerow(row)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def xlsx_bytes(hm: Heatmap) -> bytes:
    """An XLSX workbook of the same table (openpyxl's write-only mode: row by row)."""
    # Imported here, as importing/spreadsheets.py does: openpyxl costs a process ~0.4 s to
    # import, and only an export needs it. It ships no type information.
    from openpyxl import Workbook  # type: ignore[import-untyped]

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Heatmap")
    for i, row in enumerate(table(hm)):
        if i == 0:
            sheet.append(row)
            continue
        sheet.append([_number(v) for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _number(value: str) -> Any:
    try:
        return float(value) if "." in value else int(value)
    except ValueError:
        return value


def as_dict(hm: Heatmap) -> dict[str, Any]:
    columns = [
        {
            "code": c.code,
            "title": c.title,
            "framework": c.framework,
            "by_level": c.by_level,
            "target": c.target,
        }
        for c in hm.columns
    ]
    body: dict[str, Any] = {
        "scope": {"kind": hm.scope.kind, "label": hm.scope.label, **hm.scope.query()},
        "by": hm.by,
        "columns": columns,
    }
    if hm.by == "unit":
        body["units"] = [
            {
                "unit": row.code,
                "name": row.name,
                "people": row.people,
                "hidden": row.hidden,
                "cells": [
                    {
                        "mean": cell.mean,
                        "at_target": cell.at_target if c.has_target else None,
                        "share_at_target": cell.share_at_target() if c.has_target else None,
                        "known": cell.known,
                        "validated": cell.validated,
                        "unknown": cell.unknown,
                        "distribution": cell.distribution,
                    }
                    for c, cell in zip(hm.columns, row.cells, strict=False)
                ],
            }
            for row in hm.units
        ]
    else:
        body["people"] = [
            {
                "employee_id": p.employee_id,
                "name": p.name,
                "unit": p.unit,
                "cells": [
                    {
                        "value": cell.value,
                        "validated": cell.validated,
                        "stale": cell.stale,
                        "status": kernel.status(c, cell),
                    }
                    for c, cell in zip(hm.columns, p.cells, strict=False)
                ],
            }
            for p in hm.people
        ]
    return body
