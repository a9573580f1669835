"""CASE 1.1 export/import: schema validity, mapping, stable identifiers, real samples, errors."""

from __future__ import annotations

import io
import json
import re
import uuid
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

import pytest

from skillframe.frameworks.formats import FormatError, get_format
from skillframe.frameworks.formats.case import FORMAT, CaseFormat, association_uuid, dump_package
from skillframe.frameworks.formats.case_bytes import package_json, uuid5_text
from skillframe.frameworks.formats.case_models import UUID_PATTERN, CFPackage
from skillframe.frameworks.spec import (
    SKILLFRAME_NAMESPACE,
    ElementSpec,
    FrameworkSpec,
    ScaleLevelSpec,
    element_uuid,
    framework_uuid,
    scale_level_uuid,
)

FIXTURES = Path(__file__).parent / "fixtures"
NOS_FIELDS = [["Developed by", "Instructus"], ["Version Number", "1"], ["Keywords", "ML; data"]]


def make_spec() -> FrameworkSpec:
    elements = (
        ElementSpec("FAM", "family", None, title="Family"),
        ElementSpec("FAM-S", "skill", "FAM", title="Skill", statement="Does things."),
        ElementSpec("FAM-S.L1", "level", "FAM-S", title="Level 1", statement="Entry", level=1),
        ElementSpec("FAM-S.L1.1", "statement", "FAM-S.L1", statement="First", level=1),
        ElementSpec("FAM-S.L1.2", "statement", "FAM-S.L1", statement="Second", level=1),
        ElementSpec("FAM-T", "skill", "FAM", title="Other skill"),
        ElementSpec(
            "INS001",
            "unit",
            None,
            title="Unit",
            statement="Overview",
            metadata={"developed_by": "Instructus", "fields": NOS_FIELDS},
        ),
        ElementSpec("INS001.P1", "performance-criterion", "INS001", statement="Do P1"),
    )
    return FrameworkSpec(
        slug="tiny",
        title="Tiny",
        publisher="Pub",
        version="2",
        published="March 2023",
        description="A tiny framework.",
        source="seeds/tiny.txt",
        licence_note="© Pub",
        metadata={"note": "kept"},
        scale=(ScaleLevelSpec(1, "Entry", "Starts"), ScaleLevelSpec(2, "Practitioner")),
        elements=elements,
    )


def dumped(spec: FrameworkSpec, fmt: CaseFormat = FORMAT) -> dict[str, Any]:
    package: dict[str, Any] = json.loads(fmt.dump(spec))
    CFPackage.model_validate(package)  # valid against the official CASE 1.1 rules
    return package


def load(data: bytes | dict[str, Any], **kwargs: Any) -> FrameworkSpec:
    raw = data if isinstance(data, bytes) else json.dumps(data).encode()
    return FORMAT.load(io.BytesIO(raw), **kwargs)


def problems_of(data: bytes | dict[str, Any]) -> list[tuple[str, str, str]]:
    with pytest.raises(FormatError) as caught:
        load(data)
    return [(p.where, p.field, p.value) for p in caught.value.problems]


def tree(spec: FrameworkSpec) -> list[tuple[str, str | None, str, str, str]]:
    return [(e.code, e.parent_code, e.kind, e.title, e.statement) for e in spec.elements]


def test_registered_as_case_format() -> None:
    assert get_format("case") is FORMAT


def test_items_map_code_statement_title_kind_and_enumeration() -> None:
    package = dumped(make_spec())
    items = {item["humanCodingScheme"]: item for item in package["CFItems"]}
    assert [item["humanCodingScheme"] for item in package["CFItems"]][:3] == [
        "FAM",
        "FAM-S",
        "FAM-S.L1",
    ]
    assert items["FAM-S"]["fullStatement"] == "Does things."
    assert items["FAM-S"]["abbreviatedStatement"] == "Skill"
    assert items["FAM"]["fullStatement"] == "Family"  # no statement: the title is the statement
    assert "abbreviatedStatement" not in items["FAM"]
    assert items["FAM-S.L1.2"]["CFItemType"] == "statement"
    assert items["FAM-S.L1.2"]["listEnumeration"] == "2"
    assert items["INS001.P1"]["listEnumeration"] == "P1"
    assert "listEnumeration" not in items["FAM-S"]  # not a dotted child code
    kinds = {t["typeCode"]: t for t in package["CFDefinitions"]["CFItemTypes"]}
    assert kinds["performance-criterion"]["title"] == "Performance criterion"
    assert items["FAM"]["CFItemTypeURI"]["identifier"] == kinds["family"]["identifier"]


def test_metadata_travels_in_notes_and_extensions() -> None:
    package = dumped(make_spec())
    unit = next(i for i in package["CFItems"] if i["humanCodingScheme"] == "INS001")
    assert unit["notes"] == "Developed by: Instructus\nVersion Number: 1\nKeywords: ML; data"
    assert unit["extensions"]["skillframe:metadata"]["fields"] == NOS_FIELDS
    document = package["CFDocument"]
    assert document["caseVersion"] == "1.1"
    assert document["extensions"]["skillframe:published"] == "March 2023"
    licence = package["CFDefinitions"]["CFLicenses"][0]
    assert licence["licenseText"] == "© Pub"
    assert document["licenseURI"]["identifier"] == licence["identifier"]


def test_is_child_of_points_from_child_to_parent_in_sibling_order() -> None:
    spec = make_spec()
    package = dumped(spec)
    ids = {item["humanCodingScheme"]: item["identifier"] for item in package["CFItems"]}
    document_id = package["CFDocument"]["identifier"]
    child_of = [a for a in package["CFAssociations"] if a["associationType"] == "isChildOf"]
    edges = {
        a["originNodeURI"]["identifier"]: (
            a["destinationNodeURI"]["identifier"],
            a["sequenceNumber"],
        )
        for a in child_of
    }
    assert len(child_of) == len(spec.elements) == len(edges)
    assert edges[ids["FAM"]] == (document_id, 1)
    assert edges[ids["INS001"]] == (document_id, 2)
    assert edges[ids["FAM-S.L1.2"]] == (ids["FAM-S.L1"], 2)
    assert edges[ids["FAM-T"]] == (ids["FAM"], 2)
    top = next(a for a in child_of if a["originNodeURI"]["identifier"] == ids["FAM"])
    assert top["destinationNodeURI"]["uri"].endswith(f"/CFDocuments/{document_id}")
    assert top["identifier"] == association_uuid(ids["FAM"], "isChildOf", document_id)


def test_identifiers_are_lowercase_stable_and_the_database_ones() -> None:
    spec = make_spec()
    first, second = dumped(spec), dumped(spec)

    def identifiers(package: dict[str, Any]) -> list[str]:
        text = json.dumps(package)
        return sorted(
            set(re.findall(r'"(?:identifier|rubricId|rubricCriterionId)": "([^"]+)"', text))
        )

    assert identifiers(first) == identifiers(second)
    assert all(re.match(UUID_PATTERN, value) for value in identifiers(first))
    assert first["CFDocument"]["identifier"] == str(framework_uuid("tiny"))
    assert first["CFItems"][1]["identifier"] == str(element_uuid("tiny", "FAM-S"))
    levels = first["CFRubrics"][0]["CFRubricCriteria"][0]["CFRubricCriterionLevels"]
    assert [level["identifier"] for level in levels] == [
        str(scale_level_uuid("tiny", 1)),
        str(scale_level_uuid("tiny", 2)),
    ]
    assert [(level["position"], level["quality"]) for level in levels] == [
        (1, "Entry"),
        (2, "Practitioner"),
    ]


def test_uuids_given_by_the_spec_are_kept() -> None:
    given = element_uuid("elsewhere", "X")
    spec = make_spec()
    elements = (spec.elements[0].__class__("X", "skill", None, title="X", uuid=given),)
    package = dumped(FrameworkSpec(slug="t", title="T", elements=elements))
    assert package["CFItems"][0]["identifier"] == str(given)


def test_base_url_is_configurable() -> None:
    package = dumped(make_spec(), CaseFormat(base_url="https://example.org/case/v1p1"))
    assert package["CFItems"][0]["uri"].startswith("https://example.org/case/v1p1/CFItems/")
    default = dumped(make_spec())
    assert default["CFDocument"]["uri"].startswith("https://skillframe.invalid/ims/case/v1p1/")


def test_round_trip_keeps_codes_texts_tree_order_and_extras() -> None:
    spec = make_spec()
    back = load(FORMAT.dump(spec))
    assert tree(back) == tree(spec)
    assert [e.level for e in back.elements] == [e.level for e in spec.elements]
    assert [e.metadata for e in back.elements] == [e.metadata for e in spec.elements]
    assert [e.uuid for e in back.elements] == [element_uuid("tiny", e.code) for e in spec.elements]
    assert back.scale == spec.scale
    for name in ("slug", "title", "publisher", "version", "published", "description"):
        assert getattr(back, name) == getattr(spec, name)
    assert (back.source, back.licence_note, back.metadata) == (
        spec.source,
        spec.licence_note,
        spec.metadata,
    )
    assert load(FORMAT.dump(spec), slug="copy").slug == "copy"


def test_seed_frameworks_round_trip(seed_specs: tuple[FrameworkSpec, ...]) -> None:
    for spec in seed_specs:
        package = dumped(spec)
        assert len(package["CFItems"]) == len(spec.elements)
        back = load(json.dumps(package).encode())
        assert tree(back) == tree(spec)
        assert [e.metadata for e in back.elements] == [e.metadata for e in spec.elements]
        assert back.scale == spec.scale


def test_opensalt_case_1p0_sample_imports() -> None:
    """A real OpenSALT export (CASE 1.0 era): extra fields, nulls, no time zones."""
    raw = (FIXTURES / "case_1p0_opensalt_what_standards_could_be.json").read_bytes()
    spec = load(raw)
    assert spec.slug == "what-standards-could-be"
    assert str(spec.uuid) == "20c5134f-423d-4097-a971-3dd5152bf507"
    assert len(spec.elements) == 16
    top = [e.code for e in spec.elements if e.parent_code is None]
    assert top == ["CCSS.Math.Content.6.RP.A", "CCSS.Math.Content.7.RP.A"]
    by_code = {e.code: e for e in spec.elements}
    component = by_code["CCSS.Math.Content.6.RP.A.3a"]
    assert (component.kind, component.parent_code) == ("Component", "CCSS.Math.Content.6.RP.A.3")
    assert component.statement.startswith("Make tables of equivalent ratios")
    records = by_code["CCSS.Math.Content.6.RP.A.1"].metadata["case_associations"]
    assert {(r["type"], r["destination"]) for r in records} >= {
        ("precedes", "eceec0fb-e4de-4ef3-a48f-0987b366c9ae")
    }
    # The item is kept as given (issue 12: list enumerations were overwritten on export).
    assert by_code["CCSS.Math.Content.6.RP.A.1"].metadata["case"]["item"]["listEnumeration"] == "1."
    # Re-exported, it is a valid CASE 1.1 package that still carries those associations.
    package = dumped(spec)
    types = {a["associationType"] for a in package["CFAssociations"]}
    assert types == {"isChildOf", "exactMatchOf", "precedes", "exemplar", "isRelatedTo"}


def test_opensalt_sequence_numbers_order_siblings() -> None:
    spec = load((FIXTURES / "case_1p0_opensalt_sequence_numbers.json").read_bytes())
    assert [e.code for e in spec.elements] == ["SNT.2", "SNT.1"]
    # Its document identifier is not a CASE UUID: kept in metadata, a stable one is derived.
    assert spec.uuid is None
    document = spec.metadata["case"]["document"]  # kept whole (issue 12)
    assert document["identifier"] == "d0000000-0000-0000-0000-000000000000"


def test_case_1p1_sample_imports() -> None:
    raw = (FIXTURES / "case_1p1_smarterbalanced_dok.json").read_bytes()
    CFPackage.model_validate(json.loads(raw))
    spec = load(raw)
    # Items without humanCodingScheme get a code from their identifier; items without an
    # isChildOf (this provider has no document edges) are top-level, in listed order.
    assert [(e.code, e.parent_code) for e in spec.elements] == [
        ("3e84e736", None),
        ("M-DOK1", "3e84e736"),
        ("M-DOK2", "3e84e736"),
        ("a82daaa7", None),
        ("R-DOK1", "a82daaa7"),
    ]
    level = spec.elements[1]
    assert (level.title, level.statement[:20]) == (
        "Level 1: Recall and Reproduction",
        "Recall includes the ",
    )
    assert level.metadata["case_associations"][0]["type"] == "precedes"


def package_with(items: list[dict[str, Any]], associations: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "CFDocument": {"identifier": "d1", "title": "Doc", "creator": "Me"},
        "CFItems": items,
        "CFAssociations": associations,
    }


def child_of(origin: str, destination: str) -> dict[str, Any]:
    return {
        "associationType": "isChildOf",
        "originNodeURI": {"identifier": origin, "title": origin, "uri": f"urn:{origin}"},
        "destinationNodeURI": {"identifier": destination, "title": "", "uri": f"urn:{destination}"},
    }


def test_every_problem_is_reported_with_its_path() -> None:
    items = [
        {"identifier": "a", "fullStatement": "A"},
        {"fullStatement": "no identifier"},
        {"identifier": "b", "fullStatement": "B"},
        {"identifier": "c", "fullStatement": "C"},
        {"identifier": "a", "fullStatement": "again"},
    ]
    associations = [child_of("a", "d1"), child_of("b", "ghost"), child_of("c", "b")]
    associations.append(child_of("b", "c"))  # b's second parent: kept, no cycle (first wins)
    found = problems_of(package_with(items, associations))
    assert ("CFItems[1]", "identifier", "") in found
    assert ("CFItems[4]", "identifier", "a") in found
    assert ("CFAssociations[1]", "destinationNodeURI.identifier", "ghost") in found


def test_cycle_is_reported() -> None:
    items = [{"identifier": name, "fullStatement": name} for name in ("a", "b", "c")]
    associations = [child_of("a", "d1"), child_of("b", "c"), child_of("c", "b")]
    found = problems_of(package_with(items, associations))
    assert len(found) == 1
    where, field, _ = found[0]
    assert (where, field) in {("CFItems[1]", "identifier"), ("CFItems[2]", "identifier")}
    with pytest.raises(FormatError, match="cycle"):
        load(package_with(items, associations))


def test_invalid_json_names_line_and_column() -> None:
    found = problems_of(b'{\r\n  "CFDocument": {\r\n    "title": "x",,\r\n  }\r\n}')
    assert found == [("line 3", "column 18", '"title": "x",,')]


def test_other_file_level_problems() -> None:
    assert problems_of(b"\xff\xfe") == [("file", "", "byte 0")]
    assert problems_of(b"{\n") == [("line 2", "column 1", "")]
    assert problems_of(b"[]")[0][0] == "file"
    assert problems_of({"CFItems": []}) == [("CFDocument", "", "")]
    assert problems_of({"CFDocument": {"identifier": "d"}}) == [("CFDocument", "title", "")]


def test_bom_and_package_wrapper_are_accepted() -> None:
    body = json.dumps({"CFPackage": package_with([{"identifier": "a", "fullStatement": "A"}], [])})
    spec = load(b"\xef\xbb\xbf" + body.encode())
    assert [e.code for e in spec.elements] == ["a"]


@pytest.mark.django_db
def test_database_export_reimports_under_a_new_slug() -> None:
    from skillframe.frameworks.loading import dump_framework, load_framework

    original = load_framework(make_spec()).framework
    copy = load(FORMAT.dump(dump_framework(original)), slug="tiny-copy")
    result = load_framework(copy)  # the original's UUIDs are taken: the loader derives new ones
    assert result.created == len(make_spec().elements)
    assert tree(dump_framework(result.framework)) == tree(make_spec())
    assert result.framework.uuid != original.uuid


# -- The fast export path writes what the plain json module would, byte for byte -------------


def json_module_bytes(package: dict[str, Any]) -> bytes:
    """The reference serialisation: what the export wrote before it used pydantic-core."""
    return json.dumps(package, ensure_ascii=False, indent=2).encode("utf-8")


def test_uuid5_text_is_uuid5() -> None:
    for name in ("", "case:association:a:isChildOf:b", "élément ✓ 𝄞", "x" * 500):
        assert uuid5_text(name) == str(uuid.uuid5(SKILLFRAME_NAMESPACE, name))


def test_export_bytes_are_the_json_modules(seed_specs: tuple[FrameworkSpec, ...]) -> None:
    samples = [
        load((FIXTURES / name).read_bytes())
        for name in (
            "case_1p0_opensalt_what_standards_could_be.json",
            "case_1p1_smarterbalanced_dok.json",
        )
    ]
    when = datetime(2024, 5, 1, 12, tzinfo=UTC)
    for spec in (make_spec(), *seed_specs, *samples):
        package = dump_package(spec, changed=when)
        assert package_json(package) == json_module_bytes(package), spec.slug
    exported = FORMAT.dump(make_spec())
    assert exported == json_module_bytes(json.loads(exported)) + b"\n"


def test_metadata_spelt_differently_by_pydantic_core_goes_through_the_json_module() -> None:
    # pydantic-core writes 1e-05 as 0.00001 and a None key as "None": such metadata takes the
    # json module, so the bytes stay what json.dumps writes.
    spec = make_spec()
    floats = replace(spec, metadata={"tiny": 1e-05, "huge": 1e300, "nested": [{"x": 2.5e-07}]})
    none_key = cast(dict[str, Any], {None: "n"})
    odd_key = replace(
        spec, elements=(replace(spec.elements[0], metadata=none_key), *spec.elements[1:])
    )
    for odd, spelt in ((floats, b'"tiny": 1e-05'), (odd_key, b'"null": "n"')):
        exported = FORMAT.dump(odd)
        assert spelt in exported
        assert exported == json_module_bytes(json.loads(exported)) + b"\n"
    assert package_json({"tiny": 1e-05}) != json_module_bytes({"tiny": 1e-05})  # why the guard


@pytest.mark.django_db
def test_database_exports_of_both_seeds_are_valid_case(
    seeded: tuple[FrameworkSpec, ...],
) -> None:
    """The whole export of each seed framework, as the CLI writes it, against the models."""
    from skillframe.frameworks.loading import dump_framework
    from skillframe.frameworks.models import Element, Framework

    for spec in seeded:
        framework = Framework.objects.get(slug=spec.slug)
        package = dumped(dump_framework(framework))  # CFPackage.model_validate on all of it
        stored = Element.objects.filter(framework=framework).values_list("uuid", flat=True)
        assert [item["identifier"] for item in package["CFItems"]] == [
            str(identifier) for identifier in stored.order_by("ordinal")
        ]
        assert package["CFDocument"]["identifier"] == str(framework.uuid)
        assert len(package["CFAssociations"]) == len(spec.elements)
        assert tree(load(json.dumps(package).encode())) == tree(spec)
