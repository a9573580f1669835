"""Exchange formats: each module exposes FORMAT, an object following formats.base.Format."""

from __future__ import annotations

from importlib import import_module

from skillframe.frameworks.formats.base import Format, FormatError, Problem

__all__ = ["FORMAT_NAMES", "Format", "FormatError", "Problem", "get_format"]

_MODULES = {
    "case": "skillframe.frameworks.formats.case",
    "json": "skillframe.frameworks.formats.native_json",
    "csv": "skillframe.frameworks.formats.tabular",
    "xlsx": "skillframe.frameworks.formats.tabular",
    "moodle": "skillframe.frameworks.formats.moodle_csv",
}
FORMAT_NAMES = tuple(_MODULES)


def get_format(name: str) -> Format:
    try:
        module = import_module(_MODULES[name])
    except KeyError:
        raise KeyError(f"unknown format {name!r} (known: {', '.join(_MODULES)})") from None
    # tabular.py serves both CSV and XLSX: it exposes CSV_FORMAT and XLSX_FORMAT.
    attribute = {"csv": "CSV_FORMAT", "xlsx": "XLSX_FORMAT"}.get(name, "FORMAT")
    fmt: Format = getattr(module, attribute)
    return fmt
