"""Moodle's competency-framework CSV (tool_lpimportcsv): what Moodle can carry, both ways."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path

import pytest

from skillframe.frameworks.formats import FormatError, get_format
from skillframe.frameworks.formats.moodle_csv import FORMAT, scale_configuration
from skillframe.frameworks.formats.moodle_load import HEADERS, shorten
from skillframe.frameworks.loading import dump_framework, load_framework
from skillframe.frameworks.spec import ElementSpec, FrameworkSpec, ScaleLevelSpec
from tests.frameworks.formats.test_native_json import small_spec

FIXTURES = Path(__file__).parent / "fixtures"
EXPORTER_HEADERS = [
    "Parent ID number",
    "ID number",
    "Short name",
    "Description",
    "Description format",
    "Scale values",
    "Scale configuration",
    "Rule type (optional)",
    "Rule outcome (optional)",
    "Rule config (optional)",
    "Cross-referenced competency ID numbers",
    "Exported ID (optional)",
    "Is framework",
    "Taxonomy",
]


def rows_of(raw: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))


def load(raw: bytes, *, slug: str | None = None) -> FrameworkSpec:
    return FORMAT.load(io.BytesIO(raw), slug=slug)


def encode(rows: list[list[str]], *, delimiter: str = ",") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    return buffer.getvalue().encode()


def problems_of(rows: list[list[str]]) -> list[tuple[str, str, str]]:
    with pytest.raises(FormatError) as caught:
        load(encode(rows))
    return [(p.where, p.field, p.value) for p in caught.value.problems]


def carried(spec: FrameworkSpec) -> list[tuple[str, str | None, str]]:
    """What Moodle keeps of an element: code, parent, and its words (title or statement; the
    code stands in as short name where there are none)."""
    return [(e.code, e.parent_code, e.statement or e.title or e.code) for e in spec.elements]


def framework_row(**changes: str) -> list[str]:
    row = dict.fromkeys(HEADERS, "") | {"idnumber": "F", "shortname": "F", "isframework": "1"}
    return list((row | changes).values())


def competency(parent: str, code: str, name: str = "Name", **changes: str) -> list[str]:
    row = dict.fromkeys(HEADERS, "") | {"parentidnumber": parent, "idnumber": code}
    return list((row | {"shortname": name, "isframework": "0"} | changes).values())


def test_registered_under_moodle() -> None:
    assert get_format("moodle") is FORMAT


def test_export_has_moodles_fourteen_columns_and_framework_row() -> None:
    rows = rows_of(FORMAT.dump(small_spec()))
    assert rows[0] == EXPORTER_HEADERS
    assert all(len(row) == 14 for row in rows)
    framework = dict(zip(HEADERS, rows[1], strict=True))
    assert (framework["idnumber"], framework["shortname"], framework["isframework"]) == (
        "tiny",
        "Tiny framework",
        "1",
    )
    assert framework["scalevalues"] == "Follow,Assist,Apply; independently"  # no comma inside
    assert json.loads(framework["scaleconfiguration"]) == [
        {"scaleid": "1"},
        {"id": 1, "scaledefault": 0, "proficient": 0},
        {"id": 2, "scaledefault": 1, "proficient": 1},
        {"id": 3, "scaledefault": 0, "proficient": 1},
    ]
    # Depth 1 is mostly families (domain), depth 2 skills, depth 3 levels, depth 4 statements.
    assert framework["taxonomy"] == "domain,skill,level,behaviour"
    by_code = {row[1]: row for row in rows[2:]}
    assert by_code["FAM-S"][:5] == [
        "FAM",
        "FAM-S",
        "Skill one",
        small_spec().elements[1].statement,
        "2",
    ]
    assert by_code["FAM"][:4] == ["", "FAM", "Family one", ""]
    long = by_code["FAM-S.L1.2"]
    assert (len(long[2]), long[2][-1], long[3]) == (100, "…", "x" * 180)


def test_axelos_scale_marks_level_three_default_and_three_to_five_proficient() -> None:
    scale = tuple(ScaleLevelSpec(n, f"L{n}") for n in range(1, 6))
    entries = json.loads(scale_configuration(scale))[1:]
    assert [(e["id"], e["scaledefault"], e["proficient"]) for e in entries] == [
        (1, 0, 0),
        (2, 0, 0),
        (3, 1, 1),
        (4, 0, 1),
        (5, 0, 1),
    ]


def test_framework_without_scale_gets_moodles_competent_scale() -> None:
    spec = FrameworkSpec(slug="nos", title="NOS", elements=(ElementSpec("U1", "unit", None, "U"),))
    framework = dict(zip(HEADERS, rows_of(FORMAT.dump(spec))[1], strict=True))
    assert framework["scalevalues"] == "Not yet competent,Competent"
    assert json.loads(framework["scaleconfiguration"])[2] == {
        "id": 2,
        "scaledefault": 1,
        "proficient": 1,
    }


def test_round_trip_keeps_what_moodle_can_carry() -> None:
    spec = small_spec()
    back = load(FORMAT.dump(spec))
    assert (back.slug, back.title, back.description) == (spec.slug, spec.title, spec.description)
    assert back.scale == tuple(
        ScaleLevelSpec(s.number, s.name.replace(",", ";")) for s in spec.scale
    )
    assert carried(back) == carried(spec)
    # Titles come back; an element without one stays without one.
    assert [e.title for e in back.elements] == [e.title for e in spec.elements]
    assert [e.title for e in back.elements] == [moodle_title(e) for e in spec.elements]
    # Kinds become Moodle's taxonomy terms by depth; levels, metadata and UUIDs are not carried.
    assert [e.kind for e in back.elements][:4] == ["domain", "skill", "level", "behaviour"]
    assert all(e.level is None and e.metadata == {} and e.uuid is None for e in back.elements)


def test_round_trip_of_the_seed_frameworks(seed_specs: tuple[FrameworkSpec, ...]) -> None:
    for spec in seed_specs:
        back = load(FORMAT.dump(spec))
        assert carried(back) == carried(spec)
        assert [e.title for e in back.elements] == [moodle_title(e) for e in spec.elements]


def moodle_title(element: ElementSpec) -> str:
    """The title Moodle hands back (docs/formats.md): the short name, unless it is only the
    statement shortened, or a shortened title whose full words went to the description."""
    short = shorten(element.title or element.statement)
    if not short:
        return element.code
    if element.statement:
        return "" if short == shorten(element.statement) else short
    return short if short == element.title else ""


@pytest.mark.django_db
def test_database_round_trip_under_a_new_slug() -> None:
    first = FORMAT.dump(dump_framework(load_framework(small_spec()).framework))
    copy = load_framework(load(first, slug="tiny-copy")).framework
    second = FORMAT.dump(dump_framework(copy))
    # The only difference: the framework's ID number is the new slug.
    expected = rows_of(first)
    expected[1][1] = "tiny-copy"
    assert rows_of(second) == expected


def test_moodle_3_export_with_older_headers_and_html() -> None:
    with (FIXTURES / "moodle_export_older_headers.csv").open("rb") as data:
        spec = FORMAT.load(data)
    assert (spec.slug, spec.title) == ("dig-2024", "Digital skills")
    assert spec.description == "Skills for working with digital tools & data.\nSecond paragraph."
    assert spec.scale == (ScaleLevelSpec(1, "Not yet competent"), ScaleLevelSpec(2, "Competent"))
    # Parents first (DATA-CLEAN came before DATA in the file), children in file order.
    assert [(e.code, e.parent_code, e.kind) for e in spec.elements] == [
        ("DATA", None, "domain"),
        ("DATA-CLEAN", "DATA", "competency"),
        ("DATA-VIS", "DATA", "competency"),
        ("COMM", None, "domain"),
        ("COMM-MAIL", "COMM", "competency"),
    ]
    statements = {e.code: e.statement for e in spec.elements}
    assert statements["DATA"] == "Collects, cleans and presents data."  # HTML: a newline is a space
    assert statements["DATA-CLEAN"] == "Finds and fixes errors\nin data sets."  # <br>
    assert statements["DATA-VIS"] == "Builds charts that tell a story."  # plain text as is
    assert statements["COMM-MAIL"] == "Short, polite\nand to the point."  # auto-format keeps lines
    assert {e.code: e.title for e in spec.elements}["DATA-CLEAN"] == "Cleans data"


def test_localised_headers_with_bom_crlf_and_semicolons_are_read_by_position() -> None:
    with (FIXTURES / "moodle_localised_semicolon.csv").open("rb") as data:
        spec = FORMAT.load(data, slug="sprache")
    assert (spec.slug, spec.title, spec.description) == (
        "sprache",
        "Sprachkompetenz",
        "Sprechen; Schreiben",
    )
    assert [s.name for s in spec.scale] == ["Anfänger", "Fortgeschritten"]
    assert [(e.code, e.parent_code, e.kind, e.title, e.statement) for e in spec.elements] == [
        ("SPRACH-S", None, "domain", "Sprechen", "Führt Gespräche."),
        (
            "SPRACH-S1",
            "SPRACH-S",
            "skill",
            "Stellt sich vor",
            "Stellt sich vor; nennt Namen und Beruf.",
        ),
    ]


def test_remapped_headers_in_any_order_and_case() -> None:
    rows = [
        ["is FRAMEWORK", "shortname", "IDNUMBER", "parent", "description"],
        ["1", "Frame", "FR", "", ""],
        ["", "Child", "C1", "P1", "Does"],
        ["0", "Parent", "P1", "", ""],
    ]
    spec = load(encode(rows, delimiter=";"))
    assert (spec.slug, spec.scale) == ("fr", ())
    assert [(e.code, e.parent_code, e.title, e.statement) for e in spec.elements] == [
        ("P1", None, "Parent", ""),
        ("C1", "P1", "Child", "Does"),
    ]


def test_missing_required_columns_are_reported_on_the_header_row() -> None:
    assert problems_of([["ID number", "Description", "Whatever"], ["X", "", ""]]) == [
        ("row 1", "Parent ID number", "ID number, Description, Whatever"),
        ("row 1", "Short name", "ID number, Description, Whatever"),
        ("row 1", "Is framework", "ID number, Description, Whatever"),
    ]


def test_every_row_problem_is_reported_with_row_column_and_value() -> None:
    rows = [
        EXPORTER_HEADERS,
        framework_row(taxonomy="domain,galaxy", scaleconfiguration="{oops"),
        competency("", "A"),
        competency("A", "A"),  # row 4: duplicate
        competency("NOPE", "B"),  # row 5: unknown parent
        competency("", ""),  # row 6: empty ID number
        competency("", "C", ""),  # row 7: empty short name
        competency("D", "D"),  # row 8: its own parent (never under the framework)
        framework_row(idnumber="G"),  # row 9: a second framework
        competency("", "E", descriptionformat="7"),  # row 10
    ]
    assert problems_of(rows) == [
        ("row 9", "Is framework", "1"),
        ("row 2", "Taxonomy", "galaxy"),
        ("row 4", "ID number", "A"),
        ("row 6", "ID number", ""),
        ("row 7", "Short name", ""),
        ("row 10", "Description format", "7"),
        ("row 5", "Parent ID number", "NOPE"),
        ("row 8", "Parent ID number", "D"),
        ("row 2", "Scale configuration", "{oops"),
    ]


def test_missing_framework_row_is_reported() -> None:
    assert problems_of([EXPORTER_HEADERS, competency("", "A")]) == [("row 1", "Is framework", "")]


def test_shorten_cuts_at_a_word_within_moodles_limit() -> None:
    text = "word " * 30
    assert shorten(text) == ("word " * 19).strip() + "…"
    assert len(shorten("x" * 300)) == 100
    assert shorten("  two\nlines ") == "two lines"


def test_element_without_text_gets_its_code_as_short_name() -> None:
    spec = replace(small_spec(), elements=(ElementSpec("K-general", "knowledge-section", None),))
    assert rows_of(FORMAT.dump(spec))[2][1:4] == ["K-general", "K-general", ""]
    assert load(FORMAT.dump(spec)).elements[0].title == "K-general"


def test_imported_title_only_element_longer_than_a_short_name_keeps_its_words() -> None:
    spec = replace(small_spec(), elements=(ElementSpec("A", "family", None, title="t " * 80),))
    back = load(FORMAT.dump(spec))
    # Moodle cannot tell it from a statement: the words survive, in the statement.
    assert (back.elements[0].title, back.elements[0].statement) == ("", "t " * 80)


def test_database_round_trip_of_the_seed_frameworks(seeded: tuple[FrameworkSpec, ...]) -> None:
    from skillframe.frameworks.models import Framework

    for spec in seeded:
        first = FORMAT.dump(dump_framework(Framework.objects.get(slug=spec.slug)))
        copy = load_framework(load(first, slug=f"{spec.slug}-copy")).framework
        expected = rows_of(first)
        expected[1][1] = f"{spec.slug}-copy"
        assert rows_of(FORMAT.dump(dump_framework(copy))) == expected
