"""What the command line prints: `--format table|json|csv`, the same way in every command.

A command builds plain rows (dicts of str, int, float, bool or None) and hands them here:
`table` aligns columns for a person at a terminal, `json` is an array (or one object) for
scripts, `csv` is one header row and formula-safe cells (importing/cells.py) for spreadsheets.
Pure Python, no Django.
"""

from __future__ import annotations

import csv
import io
import json
from argparse import ArgumentParser
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from skillframe.importing.cells import to_csv_cell

FORMATS = ("table", "json", "csv")
Row = Mapping[str, Any]


def add_format_argument(parser: ArgumentParser) -> None:
    parser.add_argument(
        "--format", choices=FORMATS, default="table", help="output format (default: table)"
    )


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | tuple):
        return ", ".join(_text(v) for v in value)
    return str(value)


def render_rows(rows: Sequence[Row], columns: Sequence[str], fmt: str, empty: str = "") -> str:
    """The rows in `fmt`; `columns` picks and orders the fields of table and CSV output."""
    if fmt == "json":
        return json.dumps([dict(r) for r in rows], indent=2, ensure_ascii=False, default=str)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([to_csv_cell(_text(r.get(c))) for c in columns] for r in rows)
        return buffer.getvalue().rstrip("\n")
    if not rows:
        return empty
    cells = [[c.upper().replace("_", " ") for c in columns]]
    cells += [[_text(r.get(c)).replace("\n", " ") for c in columns] for r in rows]
    widths = [max(len(line[i]) for line in cells) for i in range(len(columns))]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        for line in cells
    )


def render_object(obj: Row, fmt: str) -> str:
    """One record: `field: value` lines, a JSON object, or a one-row CSV."""
    if fmt == "json":
        return json.dumps(dict(obj), indent=2, ensure_ascii=False, default=str)
    if fmt == "csv":
        flat = {k: v for k, v in obj.items() if not _nested(v)}
        return render_rows([flat], list(flat), "csv")
    width = max((len(k) for k in obj), default=0)
    lines = []
    for key, value in obj.items():
        if _nested(value):
            lines.append(f"{key}:")
            lines += [
                f"  {_text(item) if not isinstance(item, Mapping) else _pairs(item)}"
                for item in value
            ]
        else:
            lines.append(f"{key.ljust(width)}  {_text(value)}")
    return "\n".join(lines)


def _nested(value: Any) -> bool:
    return isinstance(value, list | tuple) and any(isinstance(v, Mapping) for v in value)


def _pairs(item: Mapping[str, Any]) -> str:
    return "  ".join(_text(v) for v in item.values())


class Writable(Protocol):
    def write(self, msg: str = ..., style_func: Any = ..., ending: str | None = ...) -> None: ...


def write(stream: Writable, text: str) -> None:
    """Write `text` and one newline (a command's stdout adds it); nothing when empty."""
    if text:
        stream.write(text.rstrip("\n"))
