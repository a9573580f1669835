"""CSV and Moodle CSV exports are formula-safe (OWASP CSV injection) and read back exactly.

A spreadsheet evaluates a cell beginning with `= + - @` (or a tab/CR); our exports prefix such
cells with a quote (skillframe.importing.cells.to_csv_cell) and our importers take it off again
(from_csv_cell), so a round trip restores the original text.
"""

from __future__ import annotations

import csv
import io

import pytest

from skillframe.frameworks.formats.moodle_csv import FORMAT as MOODLE
from skillframe.frameworks.formats.tabular import CSV_FORMAT
from skillframe.frameworks.spec import ElementSpec, FrameworkSpec, ScaleLevelSpec

DANGEROUS = ["=1+1", "+44 20 7946 0000", "-2 points", "@SUM(A1:A2)", "'quoted already"]
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def spec() -> FrameworkSpec:
    return FrameworkSpec(
        slug="formulas",
        title='=HYPERLINK("http://example.org")',
        description="-a description",
        scale=(ScaleLevelSpec(1, "@low"), ScaleLevelSpec(2, "+high")),
        elements=(
            ElementSpec("=A", "area", None, title=DANGEROUS[0], statement=DANGEROUS[1]),
            *(
                ElementSpec(f"=A.{n}", "competency", "=A", title=text, statement=text)
                for n, text in enumerate(DANGEROUS, start=1)
            ),
        ),
    )


def cells(raw: bytes) -> list[str]:
    text = raw.decode("utf-8-sig")
    return [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row]


@pytest.mark.parametrize("fmt", [CSV_FORMAT, MOODLE], ids=["csv", "moodle"])
def test_no_exported_cell_starts_a_formula(fmt: object) -> None:
    written = cells(fmt.dump(spec()))  # type: ignore[attr-defined]
    assert "'=1+1" in written and "'@SUM(A1:A2)" in written and "''quoted already" in written
    assert not [cell for cell in written if cell.startswith(TRIGGERS)]


def test_csv_round_trip_restores_the_text() -> None:
    back = CSV_FORMAT.load(io.BytesIO(CSV_FORMAT.dump(spec())))
    assert back.title == spec().title and back.description == spec().description
    assert [s.name for s in back.scale] == ["@low", "+high"]
    assert [(e.code, e.parent_code, e.title, e.statement) for e in back.elements] == [
        (e.code, e.parent_code, e.title, e.statement) for e in spec().elements
    ]


def test_moodle_round_trip_restores_the_text() -> None:
    back = MOODLE.load(io.BytesIO(MOODLE.dump(spec())))
    assert back.description == spec().description
    assert [s.name for s in back.scale] == ["@low", "+high"]
    assert [(e.code, e.parent_code, e.statement) for e in back.elements] == [
        (e.code, e.parent_code, e.statement) for e in spec().elements
    ]
    assert [e.title for e in back.elements][1:] == ["", "", "", "", ""]  # the statement shortened
