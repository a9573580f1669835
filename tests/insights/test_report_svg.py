"""The report chart: well-formed, accessible SVG with one bar per requirement."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from skillframe.insights.report_svg import chart_rows, render_svg
from tests.insights.report_samples import GROUPS, sample_report

NS = {"svg": "http://www.w3.org/2000/svg"}


def parse(markup: str) -> ET.Element:
    return ET.fromstring(markup)  # raises on markup that is not well-formed XML


def test_chart_is_accessible_svg_with_a_bar_per_requirement() -> None:
    section = sample_report().roles[0]
    root = parse(render_svg(section.chart, "Current role, Project manager", "chart-current"))
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("role") == "img"
    title_id, desc_id = root.get("aria-labelledby", "").split()
    title = root.find("svg:title", NS)
    desc = root.find("svg:desc", NS)
    assert title is not None and title.get("id") == title_id
    assert title.text == "Current role, Project manager"
    assert desc is not None and desc.get("id") == desc_id
    assert "one bar per requirement (4)" in (desc.text or "")
    assert "3 of 4 requirements are below target" in (desc.text or "")
    bars = root.findall("svg:g[@class='bar']", NS)
    assert [b.get("data-code") for b in bars] == ["PPM-PPL", "BACM-SMC", "LP-LTW", "INSML005"]
    headings = [t.text for t in root.findall("svg:text[@class='group']", NS)]
    assert headings == list(GROUPS.values())


def _widths(bar: ET.Element) -> tuple[float, float, str]:
    current = bar.find("svg:rect[@class='current']", NS)
    target = bar.find("svg:rect[@class='target']", NS)
    value = bar.find("svg:text[@class='value']", NS)
    assert current is not None and target is not None and value is not None
    return float(current.get("width", "")), float(target.get("width", "")), value.text or ""


def test_bar_lengths_follow_each_requirements_scale() -> None:
    section = sample_report().roles[0]
    root = parse(render_svg(section.chart, "t", "c"))
    ppl, smc, ltw, i005 = (_widths(b) for b in root.findall("svg:g[@class='bar']", NS))
    # AXELOS on the 1–5 scale of a 260-unit track: level 2 against target 3.
    assert ppl == (104.0, 156.0, "level 2 / target 3")
    assert smc == (208.0, 156.0, "level 4 / target 3")
    assert ltw == (0.0, 156.0, "not rated / target 3")
    # NOS: 1 of 3 applicable items competent (one is not applicable); the target is all.
    assert i005 == (round(260 / 3, 1), 260.0, "1 of 3 competent")


def test_text_is_escaped() -> None:
    groups = {**GROUPS, 1: "R&D <planning>"}
    section = sample_report(groups=groups).roles[0]
    markup = render_svg(section.chart, 'Alice "A" <b>', "x")
    root = parse(markup)
    assert root.find("svg:title", NS).text == 'Alice "A" <b>'  # type: ignore[union-attr]
    assert "R&amp;D &lt;planning&gt;" in markup


def test_long_titles_are_shortened_beside_the_bar() -> None:
    section = sample_report().roles[0]
    rows = chart_rows(section.report.gaps, {}, 5)
    long = [r.__class__(**{**r.__dict__, "title": "x" * 200}) for r in rows]
    root = parse(render_svg(long, "t", "c"))
    label = root.find("svg:g[@class='bar']/svg:text", NS)
    assert label is not None and label.text is not None
    assert len(label.text) == 40 and label.text.endswith("…")
    # Without a heading the framework slug stands in.
    assert [t.text for t in root.findall("svg:text[@class='group']", NS)] == ["axelos", "nos-ml"]
