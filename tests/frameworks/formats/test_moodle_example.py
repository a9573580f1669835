"""Moodle's own example CSV (admin/tool/lpimportcsv/tests/fixtures/example.csv, the OECD core
competencies; tests/data/README.md) survives import and export: cross-references (40 rows) as
related elements, HTML descriptions (sanitised with nh3), ID numbers as given."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from django.test import Client

from skillframe.frameworks.formats.moodle_csv import FORMAT
from skillframe.frameworks.formats.moodle_load import HEADERS
from skillframe.frameworks.loading import dump_framework, load_framework
from skillframe.frameworks.spec import FrameworkSpec
from tests.frameworks.formats.test_moodle_csv import competency, encode, framework_row, load

EXAMPLE = Path(__file__).parents[2] / "data" / "moodle_lpimportcsv_example.csv"


def rows(raw: bytes) -> dict[str, list[str]]:
    """Data rows by ID number. Line ends inside a cell are compared as LF: the HTML parser
    (nh3) reads CRLF as LF, as every browser does."""
    reader = csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""))
    next(reader)  # header texts differ: Moodle 3.1's wording against today's
    return {row[1]: [cell.replace("\r\n", "\n") for cell in row] for row in reader}


def example() -> FrameworkSpec:
    return FORMAT.load(io.BytesIO(EXAMPLE.read_bytes()))


def test_example_imports_with_cross_references_html_and_id_numbers() -> None:
    spec = example()
    assert len(spec.elements) == 64
    assert spec.slug == "oecd-core" and spec.metadata["moodle"]["idnumber"] == "OECD-CORE"
    related = {e.code: e.metadata.get("related") for e in spec.elements if "related" in e.metadata}
    assert len(related) == 40
    assert related["DR-AT1"] == ["level-1"] and len(related["level-1"]) == 39
    by_code = {e.code: e for e in spec.elements}
    item = by_code["DR-AT1"]  # mixed case kept
    assert item.statement == "Distinguishes between critical and irrelevant pieces of information"
    assert item.metadata["moodle"]["description"].startswith("<p>Distinguishes")
    assert item.metadata["moodle"]["descriptionformat"] == "1"


def test_example_round_trip_is_lossless() -> None:
    original = rows(EXAMPLE.read_bytes())
    assert rows(FORMAT.dump(example())) == original


@pytest.mark.django_db
def test_example_round_trip_through_the_database(empty_catalogue: None) -> None:
    framework = load_framework(example()).framework
    assert rows(FORMAT.dump(dump_framework(framework))) == rows(EXAMPLE.read_bytes())


def test_an_edited_element_is_written_from_its_columns() -> None:
    spec = example()
    from dataclasses import replace

    edited = tuple(
        replace(e, statement="New words.", title="New") if e.code == "DR-AT1" else e
        for e in spec.elements
    )
    row = rows(FORMAT.dump(replace(spec, elements=edited)))["DR-AT1"]
    assert row[2:5] == ["New", "New words.", "2"]


def test_html_is_sanitised_and_unknown_cross_reference_refused() -> None:
    hostile = (
        '<p onclick="steal()">Plans<script>alert(1)</script> <a href="javascript:x">work</a></p>'
    )
    spec = load(
        encode(
            [
                list(HEADERS.values()),
                framework_row(),
                competency("", "A", descriptionformat="1", description=hostile),
                competency("A", "B", relatedidnumbers="A"),
            ]
        )
    )
    kept = spec.elements[0].metadata["moodle"]["description"]
    assert "script" not in kept and "onclick" not in kept and "javascript" not in kept
    assert spec.elements[0].statement == "Plans work"
    assert spec.elements[1].metadata["related"] == ["A"]
    from skillframe.frameworks.formats import FormatError

    with pytest.raises(FormatError) as refused:
        load(
            encode(
                [
                    list(HEADERS.values()),
                    framework_row(),
                    competency("", "A", relatedidnumbers="NOPE"),
                ]
            )
        )
    assert [(p.field, p.value) for p in refused.value.problems] == [
        ("Cross-referenced competency ID numbers", "NOPE")
    ]


@pytest.mark.django_db
def test_element_page_renders_the_sanitised_html(empty_catalogue: None) -> None:
    load_framework(example())
    html = Client().get("/frameworks/oecd-core/DR-AT1/").content.decode()
    assert "<p>Distinguishes between critical and irrelevant\npieces of information<br></p>" in html


def test_cross_references_are_is_related_to_in_case() -> None:
    import json

    from skillframe.frameworks.formats import get_format

    spec = example()
    package = json.loads(get_format("case").dump(spec))
    related = [a for a in package["CFAssociations"] if a["associationType"] == "isRelatedTo"]
    assert len(related) == 2 * 39  # level-1 → each of 39, and each of them → level-1
    pairs = {(a["originNodeURI"]["title"], a["destinationNodeURI"]["title"]) for a in related}
    assert ("DR-AT1", "level-1") in pairs and ("level-1", "S-ST-1") in pairs
    back = get_format("case").load(io.BytesIO(json.dumps(package).encode()))
    assert {e.code: e.metadata.get("related") for e in back.elements} == {
        e.code: e.metadata.get("related") for e in spec.elements
    }
