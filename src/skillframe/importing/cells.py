"""Spreadsheet-safe text cells: exported CSV cells cannot run as formulas (OWASP CSV injection).

A spreadsheet program treats a cell that begins with ``= + - @``, a tab or a carriage return as a
formula. OWASP's advice is to prefix such a cell with a single quote, which the program shows as
text. So that our own importers give back exactly what was exported, a cell that already begins
with a quote is prefixed too, and `from_csv_cell` removes one leading quote: ``'=1+1`` → ``=1+1``,
``''x`` → ``'x``. Every CSV the app writes (framework CSV, Moodle CSV, audit and report exports)
goes through `to_csv_cell`; every CSV import of ours reads cells through `from_csv_cell`.
"""

from __future__ import annotations

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def to_csv_cell(value: str) -> str:
    """The text as a cell no spreadsheet will evaluate, reversible by `from_csv_cell`."""
    if value.startswith(FORMULA_TRIGGERS) or value.startswith(QUOTE):
        return QUOTE + value
    return value


def from_csv_cell(value: str) -> str:
    """The original text of a cell written by `to_csv_cell` (one leading quote removed)."""
    if value.startswith(QUOTE):
        return value[1:]
    return value
