"""CASE round trip of two versions: each version exports with its number (CFDocument.version)
and its replacedBy links; importing version 1 and then version 2 (as a draft, published) gives
the same two versions back."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from skillframe.authoring import editing, mapping
from skillframe.authoring.drafts import import_draft, start_draft
from skillframe.authoring.editing import ElementInput
from skillframe.authoring.publish import publish
from skillframe.frameworks import exchange
from skillframe.frameworks.loading import dump_framework
from skillframe.frameworks.models import Framework
from skillframe.frameworks.versions import published_version
from tests.authoring.small import build

pytestmark = pytest.mark.django_db


def _content(framework: Framework) -> Any:
    spec = dump_framework(framework)
    return (
        [(s.number, s.name, s.description) for s in spec.scale],
        [(e.code, e.kind, e.parent_code, e.title, e.statement, e.level) for e in spec.elements],
    )


def test_two_versions_round_trip_through_case() -> None:
    small = build()
    draft = start_draft(small.mini, None)
    editing.edit_element(draft, "SK2", title="Manage risks", statement="Identify and manage risk")
    editing.add_element(draft, ElementInput("SK3", "skill", title="Lead teams"), parent_code="FAM")
    mapping.confirm_all(small.mini, draft, AnonymousUser())
    publish(small.mini, draft, None, notes="Second edition")
    mini = Framework.objects.get(slug="mini")
    v1, v2 = published_version(mini, 1), mini
    first = exchange.export(v1, "case")
    second = exchange.export(v2, "case")
    assert first.filename == "mini-v1.case.json"
    one, two = json.loads(first.content), json.loads(second.content)
    assert (one["CFDocument"]["version"], two["CFDocument"]["version"]) == ("1", "2")
    assert one["CFDocument"]["identifier"] != two["CFDocument"]["identifier"]
    replaced = [a for a in one["CFAssociations"] if a["associationType"] == "replacedBy"]
    v2_items = {item["identifier"]: item["humanCodingScheme"] for item in two["CFItems"]}
    v1_items = {item["identifier"]: item["humanCodingScheme"] for item in one["CFItems"]}
    assert len(replaced) == 6  # every version 1 element, to its version 2 element
    for link in replaced:
        origin = v1_items[link["originNodeURI"]["identifier"]]
        assert v2_items[link["destinationNodeURI"]["identifier"]] == origin
    # Import both into a new framework: version 1 as it is, version 2 as its draft, published.
    exchange.import_file(io.BytesIO(first.content), "case", slug="mini-copy")
    copy = Framework.objects.get(slug="mini-copy")
    draft_copy = import_draft(io.BytesIO(second.content), "case", None, slug="mini-copy")
    assert draft_copy.edition == 2
    mapping.confirm_all(copy, draft_copy, AnonymousUser())
    publish(copy, draft_copy, None)
    copy.refresh_from_db()
    assert _content(published_version(copy, 1)) == _content(v1)
    assert _content(copy) == _content(v2)
    # The version 1 file's replacedBy links came along (kept with the elements they leave).
    kept = dump_framework(published_version(copy, 1))
    records = [r for e in kept.elements for r in e.metadata.get("case_associations", [])]
    assert {r["type"] for r in records} == {"replacedBy"} and len(records) == 6


def test_a_framework_never_versioned_exports_as_before(seeded: Any) -> None:
    axelos = Framework.objects.get(slug="axelos")
    package = json.loads(exchange.export(axelos, "case").content)
    assert package["CFDocument"]["version"] == axelos.version
    assert "skillframe_version" not in json.dumps(package["CFDocument"])
