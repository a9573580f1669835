"""The native JSON format: lossless round trips, a versioned header, problems by JSON path."""

from __future__ import annotations

import io
import json
import uuid
from dataclasses import replace
from typing import Any

import pytest

from skillframe.frameworks.formats import FormatError, get_format
from skillframe.frameworks.formats.native_json import FORMAT
from skillframe.frameworks.loading import dump_framework, load_framework
from skillframe.frameworks.spec import ElementSpec, FrameworkSpec, ScaleLevelSpec


def small_spec() -> FrameworkSpec:
    """Every field used, awkward text included (quotes, commas, newlines, "=", non-ASCII)."""
    return FrameworkSpec(
        slug="tiny",
        title="Tiny framework",
        publisher="Skills Org",
        version="2.1",
        published="March 2023",
        language="en-GB",
        description='A tiny framework, for "tests".\nSecond line.',
        source="https://example.org/tiny.pdf",
        licence_note="© Skills Org",
        metadata={"suite": "Tiny suite", "keywords": ["a", "b"]},
        uuid=uuid.UUID("5b0c2a44-0d6c-4a0e-9c1e-2f6a1b7c8d90"),
        scale=(
            ScaleLevelSpec(1, "Follow", "Works under supervision."),
            ScaleLevelSpec(2, "Assist"),
            ScaleLevelSpec(3, "Apply, independently", "Works independently; reviews others."),
        ),
        elements=(
            ElementSpec("FAM", "family", None, title="Family one"),
            ElementSpec(
                "FAM-S",
                "skill",
                "FAM",
                title="Skill one",
                statement="Does things, well; and “carefully”.\nSecond paragraph.",
                metadata={"heading": "SKILL ONE", "levels_defined": [1, 3]},
                uuid=uuid.UUID("0f3e4d1c-7a2b-4c5d-8e9f-a0b1c2d3e4f5"),
            ),
            ElementSpec("FAM-S.L1", "level", "FAM-S", title="Level 1", statement="Entry", level=1),
            ElementSpec("FAM-S.L1.1", "statement", "FAM-S.L1", statement="=SUM(A1)", level=1),
            ElementSpec("FAM-S.L1.2", "statement", "FAM-S.L1", statement="x" * 180, level=1),
            ElementSpec("FAM-S.L3", "level", "FAM-S", title="Level 3", statement="Lead", level=3),
            ElementSpec(
                "U1",
                "unit",
                None,
                title="Unit one",
                statement="Overview",
                metadata={
                    "developed_by": "Instructus",
                    "original_urns": ["OLD1"],
                    "fields": [["Developed by", "Instructus"], ["Version Number", "1"]],
                },
            ),
            ElementSpec("U1.P1", "performance-criterion", "U1", statement="Plan the work"),
            ElementSpec("U1.K-a", "knowledge-section", "U1", title="You need to know:"),
            ElementSpec("U1.K1", "knowledge-item", "U1.K-a", statement="The rules"),
            ElementSpec("U1.S1", "skill-list-item", "U1", title="Communicating"),
        ),
    )


def load(raw: bytes | str, *, slug: str | None = None) -> FrameworkSpec:
    data = raw.encode() if isinstance(raw, str) else raw
    return FORMAT.load(io.BytesIO(data), slug=slug)


def problems_of(raw: bytes | str) -> list[tuple[str, str, str]]:
    with pytest.raises(FormatError) as caught:
        load(raw)
    return [(p.where, p.field, p.value) for p in caught.value.problems]


def document(**changes: Any) -> dict[str, Any]:
    parsed: dict[str, Any] = json.loads(FORMAT.dump(small_spec()))
    parsed.update(changes)
    return parsed


def test_registered_under_json() -> None:
    assert get_format("json") is FORMAT


def test_round_trip_is_exact() -> None:
    spec = small_spec()
    assert load(FORMAT.dump(spec)) == spec


def test_round_trip_without_optional_values_is_exact() -> None:
    spec = FrameworkSpec(slug="bare", title="Bare", elements=(ElementSpec("A", "x", None),))
    assert load(FORMAT.dump(spec)) == spec


def test_header_names_format_and_version() -> None:
    parsed = json.loads(FORMAT.dump(small_spec()))
    assert (parsed["format"], parsed["version"]) == ("skillframe-framework", 1)
    assert parsed["elements"][1]["uuid"] == "0f3e4d1c-7a2b-4c5d-8e9f-a0b1c2d3e4f5"


def test_slug_argument_overrides_the_file() -> None:
    assert load(FORMAT.dump(small_spec()), slug="other").slug == "other"


def test_bom_and_crlf_are_accepted() -> None:
    raw = FORMAT.dump(small_spec()).replace(b"\n", b"\r\n")
    assert load(b"\xef\xbb\xbf" + raw) == small_spec()


def test_round_trip_of_the_seed_frameworks(seed_specs: tuple[FrameworkSpec, ...]) -> None:
    for spec in seed_specs:
        assert load(FORMAT.dump(spec)) == spec


@pytest.mark.django_db
def test_database_round_trip_under_a_new_slug() -> None:
    framework = load_framework(small_spec()).framework
    first = dump_framework(framework)
    copy = load_framework(load(FORMAT.dump(first), slug="tiny-copy")).framework
    second = dump_framework(copy)
    # The copy gets its own (derived) UUIDs; everything else is the same.
    assert _without_ids(second) == _without_ids(first)
    assert second.slug == "tiny-copy"


def _without_ids(spec: FrameworkSpec) -> FrameworkSpec:
    return replace(
        spec,
        slug="-",
        uuid=None,
        elements=tuple(replace(element, uuid=None) for element in spec.elements),
    )


def test_not_json_reports_line_and_column() -> None:
    assert problems_of('{"format": "skillframe-framework",\n  "version": }') == [
        ("line 2, column 14", "", "}")
    ]


def test_wrong_header_is_refused() -> None:
    assert problems_of(json.dumps(document(format="case"))) == [("$", "format", "case")]
    assert problems_of(json.dumps(document(version=2)))[0] == ("$", "version", "2")
    assert problems_of("[1, 2]") == [("$", "", "list")]


def test_every_field_problem_is_reported_by_json_path() -> None:
    parsed = document()
    parsed["framework"]["title"] = ""
    parsed["scale"][1]["number"] = "2"
    parsed["elements"][2]["level"] = 1.5
    parsed["elements"][3]["uuid"] = "not-a-uuid"
    parsed["elements"][4]["colour"] = "red"
    del parsed["elements"][5]["kind"]
    assert problems_of(json.dumps(parsed)) == [
        ("$.framework", "title", ""),
        ("$.scale[1]", "number", "2"),
        ("$.elements[2]", "level", "1.5"),
        ("$.elements[3]", "uuid", "not-a-uuid"),
        ("$.elements[4]", "colour", "red"),
        ("$.elements[5]", "kind", ""),
    ]


def test_tree_problems_are_all_reported() -> None:
    parsed = document()
    elements = parsed["elements"]
    elements[1]["parent_code"] = "NOWHERE"
    elements[4]["code"] = "FAM-S.L1.1"  # a duplicate
    elements.insert(0, elements.pop(2))  # FAM-S.L1 now comes before its parent FAM-S
    parsed["scale"][2]["number"] = 1
    assert problems_of(json.dumps(parsed)) == [
        ("$.scale[2]", "number", "1"),
        ("$.elements[4]", "code", "FAM-S.L1.1"),
        ("$.elements[0]", "parent_code", "FAM-S"),
        ("$.elements[2]", "parent_code", "NOWHERE"),
    ]


def test_not_utf8_is_reported() -> None:
    assert problems_of(b'{"format": "\xff"}')[0][0] == "file"


def test_database_round_trip_of_the_seed_frameworks(seeded: tuple[FrameworkSpec, ...]) -> None:
    from skillframe.frameworks.models import Framework

    for spec in seeded:
        first = dump_framework(Framework.objects.get(slug=spec.slug))
        copy = load_framework(load(FORMAT.dump(first), slug=f"{spec.slug}-copy")).framework
        assert _without_ids(dump_framework(copy)) == _without_ids(first)
