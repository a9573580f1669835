"""The PDF report: A4 pages, text that survives (dashes, curly quotes), pages numbered."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader

from skillframe.insights.gaps import Requirement
from skillframe.insights.report_pdf import pdf_text, render_pdf
from skillframe.insights.report_types import PersonReport
from tests.insights.report_samples import GROUPS, requirements, sample_report

A4_POINTS = (595.28, 841.89)


def read(report: PersonReport) -> list[str]:
    reader = PdfReader(io.BytesIO(render_pdf(report)))
    for page in reader.pages:
        box = page.mediabox
        assert (round(float(box.width), 2), round(float(box.height), 2)) == A4_POINTS
    return [page.extract_text() for page in reader.pages]


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_a_typical_report_is_one_a4_page() -> None:
    (page,) = read(sample_report())
    text = flat(page)
    assert "Skills report: Alice Archer" in text
    assert "E-alice · Project manager · Delivery · manager Bob Baker" in text
    assert "Current role: Project manager (role fit" in text
    assert "PPM-PPL Project and programme planning" in text
    assert "one level below target" in text
    assert "essential for your current role" in text  # a priority reason
    assert "No plan yet." in text
    assert "The 3 most recent ratings" in text
    assert "page 1 of 1" in text


def test_a_long_report_flows_onto_numbered_pages() -> None:
    many = [
        Requirement(
            100 + n, f"X-{n:02d}", f"Requirement number {n}", "axelos", "skill", 3, "essential"
        )
        for n in range(40)
    ]
    groups = {**GROUPS, **{100 + n: f"Family {n // 10}" for n in range(40)}}
    pages = read(sample_report(requirements() + many, history=20, groups=groups))
    assert len(pages) >= 3
    for number, page in enumerate(pages, start=1):
        assert f"page {number} of {len(pages)}" in flat(page)
    everything = flat(" ".join(pages))
    for n in range(40):  # every requirement made it into the chart and the gap table
        assert everything.count(f"X-{n:02d} Requirement number {n}") >= 2
    assert "The 20 most recent ratings" in everything


def test_axelos_punctuation_survives_and_the_rest_is_spelt_out() -> None:
    # Real AXELOS text (PPM-PPL.L3.1, PPM-PFM, PPM-PQM) and a NOS metadata value ("č").
    statement = (
        "Develop work and product breakdown structures defining work activities and "
        "‘products’ to be delivered at each stage of a project – assure the outputs are "
        "“fit for purpose”… č ≥ 3"
    )
    assert pdf_text(statement).endswith("“fit for purpose”… c >= 3")
    assert pdf_text("plain text") == "plain text"
    (page,) = read(sample_report(history=1, comment=statement))
    text = flat(page)
    assert "‘products’ to be delivered" in text
    assert "a project – assure" in text
    assert "“fit for purpose”… c >= 3" in text


def test_a_long_comment_wraps_across_pages_instead_of_failing() -> None:
    """A 3,000-character comment made fpdf2 raise "row too high" (the report was a 500 for
    ever, as ratings cannot be deleted); 20,000 characters flow over several pages."""
    for length, least_pages in ((3_000, 1), (20_000, 3)):
        comment = "START " + "evidence " * (length // 9) + "END"
        pages = read(sample_report(comment=comment, history=1))
        assert len(pages) >= least_pages
        everything = flat(" ".join(pages))
        assert "START" in everything and "END" in everything
        assert everything.count("evidence") == length // 9  # none of it lost
    unbroken = "x" * 5_000  # one long "word": broken by characters, not lost
    assert flat(" ".join(read(sample_report(comment=unbroken, history=1)))).count("x") >= 5_000
