from hypothesis import given
from hypothesis import strategies as st

from skillframe.importing.cells import from_csv_cell, to_csv_cell


def test_formula_starts_are_quoted() -> None:
    for text in ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx"]:
        assert to_csv_cell(text) == "'" + text


def test_plain_text_is_unchanged() -> None:
    assert to_csv_cell("Manage projects") == "Manage projects"
    assert to_csv_cell("") == ""


def test_a_leading_quote_is_kept_through_the_round_trip() -> None:
    assert to_csv_cell("'quoted") == "''quoted"
    assert from_csv_cell("''quoted") == "'quoted"


@given(st.text())
def test_round_trip_restores_the_text(text: str) -> None:
    cell = to_csv_cell(text)
    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert from_csv_cell(cell) == text
