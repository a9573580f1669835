"""API parity of the draft pages (issue 17): reading the draft, its details and release notes, a
scale level, a newer edition from a file as the draft, the mapping, and discarding the draft.
Each goes through the page's own domain function; refusals: others 403 (the framework is
public), anonymous 401, an unknown framework 404; bad input 422 changing nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from skillframe.audit.models import AuditEvent
from skillframe.frameworks import exchange
from skillframe.frameworks.models import Element, Framework, ScaleLevel
from skillframe.frameworks.versions import draft_of
from tests.api.api_helpers import fields, send, signed_in

pytestmark = pytest.mark.django_db
A = "/api/authoring/frameworks/axelos"


def _state() -> tuple[Any, ...]:
    draft = draft_of(Framework.objects.get(slug="axelos"))
    return (
        Element.objects.count(),
        ScaleLevel.objects.count(),
        Framework.everything.count(),
        (draft.title, draft.version, draft.edition_notes) if draft else None,
    )


@pytest.fixture
def carol(personas: Any) -> Client:
    client = signed_in(personas.carol)
    assert send(client, "post", f"{A}/draft").status_code == 201
    return client


def test_reading_the_draft_gives_its_tree_in_order(carol: Client) -> None:
    send(
        carol,
        "post",
        f"{A}/draft/elements",
        {"code": "PPM-AGL", "kind": "skill", "parent": "PPM", "title": "Agile"},
    )
    answer = carol.get(f"{A}/draft")
    assert answer.status_code == 200
    body = answer.json()
    assert (body["draft"], body["current"], body["counts"]["added"]) == (2, 1, 1)
    axelos = Framework.objects.get(slug="axelos")
    draft = draft_of(axelos)
    assert draft is not None and body["title"] == draft.title
    codes = [e["code"] for e in body["elements"]]
    assert codes == list(
        Element.objects.filter(framework=draft).order_by("ordinal").values_list("code", flat=True)
    )
    added = next(e for e in body["elements"] if e["code"] == "PPM-AGL")
    parent = next(e for e in body["elements"] if e["code"] == "PPM")
    assert added["parent"] == "PPM" and added["depth"] == parent["depth"] + 1
    assert parent["parent"] is None and parent["depth"] == 0
    # Every parent comes before its children (document order).
    seen: set[str] = set()
    for element in body["elements"]:
        assert element["parent"] is None or element["parent"] in seen
        seen.add(element["code"])
    assert [s["number"] for s in body["scale"]] == sorted(
        draft.scale_levels.values_list("number", flat=True)
    )


def test_details_and_release_notes(carol: Client) -> None:
    done = send(
        carol,
        "put",
        f"{A}/draft/details",
        {"title": " AXELOS 2027 ", "version": "2027.1", "notes": "Agile added"},
    )
    assert done.status_code == 200
    assert done.json() == {
        "slug": "axelos",
        "draft": 2,
        "title": "AXELOS 2027",
        "version": "2027.1",
        "notes": "Agile added",
    }
    assert carol.get(f"{A}/draft").json()["notes"] == "Agile added"
    before = _state()
    assert fields(send(carol, "put", f"{A}/draft/details", {"title": "  "})) == {
        "title": "give the draft a title"
    }
    assert "title" in fields(send(carol, "put", f"{A}/draft/details", {"title": "t" * 256}))
    assert _state() == before


def test_the_draft_page_refuses_a_blank_title_too(carol: Client, personas: Any) -> None:
    # The rule lives in the domain now: the page shows the same message and changes nothing.
    page = signed_in(personas.carol)
    before = _state()
    answer = page.post("/frameworks/axelos/draft/details/", {"details-title": " "}, follow=True)
    assert "give the draft a title" in answer.content.decode()
    assert _state() == before


def test_a_scale_level(carol: Client) -> None:
    set_level = send(
        carol, "put", f"{A}/draft/scale/9", {"name": "Mastery", "description": "Leads the field"}
    )
    assert set_level.status_code == 200
    assert set_level.json() == {"number": 9, "name": "Mastery", "description": "Leads the field"}
    reworded = send(carol, "put", f"{A}/draft/scale/9", {"name": "Master"})
    assert reworded.json()["name"] == "Master"
    assert [s["name"] for s in carol.get(f"{A}/draft").json()["scale"] if s["number"] == 9] == [
        "Master"
    ]
    before = _state()
    assert "number" in fields(send(carol, "put", f"{A}/draft/scale/0", {"name": "Zero"}))
    assert "name" in fields(send(carol, "put", f"{A}/draft/scale/8", {"name": "x" * 256}))
    assert "number" in fields(send(carol, "delete", f"{A}/draft/scale/77"))
    assert _state() == before
    assert send(carol, "delete", f"{A}/draft/scale/9").status_code == 204
    assert ScaleLevel.objects.count() == before[1] - 1


def _axelos_file(title: str) -> bytes:
    axelos = Framework.objects.get(slug="axelos")
    return exchange.export(axelos, "json").content.replace(axelos.title.encode(), title.encode(), 1)


def test_a_newer_edition_from_a_file_becomes_the_draft(personas: Any) -> None:
    carol = signed_in(personas.carol)
    content = _axelos_file("AXELOS from the file")
    upload = SimpleUploadedFile("axelos.json", content, content_type="application/json")
    answer = carol.post(f"{A}/draft/import", {"file": upload, "format": "json"})
    assert answer.status_code == 201, answer.content
    assert answer.json()["draft"] == 2
    draft = draft_of(Framework.objects.get(slug="axelos"))
    assert draft is not None and draft.title == "AXELOS from the file"
    assert AuditEvent.objects.filter(action="framework.draft").exists()
    # A second file while the draft exists: 409, as the page refuses it.
    again = carol.post(
        f"{A}/draft/import",
        {"file": SimpleUploadedFile("axelos.json", content), "format": "json"},
    )
    assert again.status_code == 409 and "already has a draft" in again.json()["detail"]


def test_a_bad_file_or_format_changes_nothing(personas: Any) -> None:
    carol = signed_in(personas.carol)
    before = _state()
    broken = carol.post(
        f"{A}/draft/import",
        {
            "file": SimpleUploadedFile("x.json", b'{"slug": "axelos", "elements": [{}]}'),
            "format": "json",
        },
    )
    assert broken.status_code == 400 and broken.json()["problem_count"] >= 1
    assert "nothing was loaded" in broken.json()["detail"]
    unknown = carol.post(
        f"{A}/draft/import", {"file": SimpleUploadedFile("x.txt", b"x"), "format": "nope"}
    )
    assert "unknown format" in fields(unknown)["format"]
    missing = carol.post(f"{A}/draft/import", {"format": "json"})
    assert "file" in fields(missing)
    assert _state() == before


def test_the_mapping_reads_every_current_element(carol: Client) -> None:
    rows = carol.get(f"{A}/draft/mapping").json()
    assert len(rows) == Element.objects.filter(framework__slug="axelos").count()
    first = rows[0]
    assert first["new"] == first["old"] and first["status"] == "suggested"


def test_discarding_the_draft(carol: Client) -> None:
    elements = Element.objects.count()
    draft = draft_of(Framework.objects.get(slug="axelos"))
    assert draft is not None
    in_draft = Element.objects.filter(framework=draft).count()
    done = send(carol, "delete", f"{A}/draft")
    assert done.status_code == 200
    assert done.json() == {"slug": "axelos", "discarded": 2, "elements": in_draft}
    assert draft_of(Framework.objects.get(slug="axelos")) is None
    assert Element.objects.count() == elements - in_draft
    assert AuditEvent.objects.filter(action="framework.draft.discard").count() == 1
    # Nothing left to discard: 404, like every draft operation without a draft.
    assert send(carol, "delete", f"{A}/draft").status_code == 404
    assert carol.get(f"{A}/draft").status_code == 404


def _upload() -> dict[str, Any]:
    return {"file": SimpleUploadedFile("x.json", b"{}"), "format": "json"}


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("get", f"{A}/draft", None),
        ("put", f"{A}/draft/details", {"title": "T"}),
        ("put", f"{A}/draft/scale/3", {"name": "N"}),
        ("delete", f"{A}/draft/scale/3", None),
        ("post", f"{A}/draft/import", "multipart"),
        ("get", f"{A}/draft/mapping", None),
        ("delete", f"{A}/draft", None),
    ],
)
def test_refusals(carol: Client, personas: Any, method: str, path: str, body: Any) -> None:
    def call(client: Client, where: str) -> Any:
        if body == "multipart":
            return client.post(where, _upload())
        return send(client, method, where, body)

    before = _state()
    for persona in ("alice", "bob", "dave", "eve"):
        answer = call(signed_in(getattr(personas, persona)), path)
        assert answer.status_code == 403, (persona, answer.content)
    assert call(Client(), path).status_code == 401
    assert call(carol, path.replace("axelos", "nope")).status_code == 404
    assert _state() == before
