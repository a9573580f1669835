"""Suggestions through the API, the CLI and the web page; feedback and its export; uploads;
the index rebuilt when a framework changes."""

from __future__ import annotations

import io
import json
import sys
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from skillframe.frameworks.models import Element
from skillframe.matching import service
from skillframe.matching.index import current_matcher
from skillframe.matching.models import SuggestionFeedback
from tests.api.api_helpers import fields, send, signed_in

pytestmark = pytest.mark.django_db

TEXT = "Built the delivery schedule for a £2m office relocation in MS Project."


def _shape(body: dict[str, Any]) -> None:
    assert list(body) == ["suggestions"]
    for s in body["suggestions"]:
        assert {"framework", "code", "title", "kind", "score", "spans"} <= set(s)
        for span in s["spans"]:
            assert set(span) == {"start", "end", "text", "matched"}
    scores = [s["score"] for s in body["suggestions"]]
    assert scores == sorted(scores, reverse=True)


def test_api_suggest_has_the_issue_shape_and_the_cli_the_same(personas: Any) -> None:
    response = send(signed_in(personas.alice), "post", "/api/suggest", {"text": TEXT, "limit": 3})
    assert response.status_code == 200, response.content
    body = response.json()
    _shape(body)
    assert body["suggestions"][0]["code"] == "PPM-PPL"
    assert (
        body["suggestions"][0]["spans"][0]["text"]
        == TEXT[: body["suggestions"][0]["spans"][0]["end"]]
    )
    out = io.StringIO()
    call_command("suggest", "--text", TEXT, "--limit", "3", "--format", "json", stdout=out)
    assert json.loads(out.getvalue()) == body


def test_api_refuses_bad_input_naming_the_field(personas: Any) -> None:
    client = signed_in(personas.alice)
    assert "No text" in fields(send(client, "post", "/api/suggest", {"text": " "}))["text"]
    assert "framework" in fields(
        send(client, "post", "/api/suggest", {"text": TEXT, "framework": "nope"})
    )
    assert "limit" in fields(send(client, "post", "/api/suggest", {"text": TEXT, "limit": 0}))
    assert (
        Client().post("/api/suggest", {"text": TEXT}, content_type="application/json").status_code
        == 401
    )


def test_cli_reads_standard_input_and_prints_a_table(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(TEXT.encode())))
    out = io.StringIO()
    call_command("suggest", "--framework", "axelos", "--limit", "2", stdout=out)
    assert "PPM-PPL" in out.getvalue() and "[0:" in out.getvalue()


def test_cli_items_and_clear_errors() -> None:
    out = io.StringIO()
    call_command("suggest", "--text", TEXT, "--items", "--format", "json", stdout=out)
    kinds = {s["kind"] for s in json.loads(out.getvalue())["suggestions"]}
    assert kinds <= {"statement", "performance-criterion", "knowledge-item"}
    with pytest.raises(CommandError, match="--text: No text"):
        call_command("suggest", "--text", "")
    with pytest.raises(CommandError, match="--framework"):
        call_command("suggest", "--text", TEXT, "--framework", "nope")


def _docx(text: str) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _pdf(text: str) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    pdf.multi_cell(0, 8, text)
    return bytes(pdf.output())


@pytest.mark.parametrize("kind", ["txt", "docx", "pdf"])
def test_uploads_are_read_as_text(personas: Any, kind: str) -> None:
    text = "Built the delivery schedule for a 2m office relocation in MS Project."
    data = {"txt": text.encode(), "docx": _docx(text), "pdf": _pdf(text)}[kind]
    client = signed_in(personas.alice)
    upload = io.BytesIO(data)
    upload.name = f"cv.{kind}"
    response = client.post("/api/suggest/upload?framework=axelos&limit=1", {"file": upload})
    assert response.status_code == 200, response.content
    assert response.json()["suggestions"][0]["code"] == "PPM-PPL"


def test_an_unreadable_upload_is_refused(personas: Any) -> None:
    client = signed_in(personas.alice)
    upload = io.BytesIO(b"%PDF-1.4 broken")
    upload.name = "cv.pdf"
    response = client.post("/api/suggest/upload", {"file": upload})
    assert "cannot be read" in fields(response)["file"]
    other = io.BytesIO(b"x")
    other.name = "cv.exe"
    assert ".docx" in fields(client.post("/api/suggest/upload", {"file": other}))["file"]


def test_feedback_is_stored_and_exported_for_hr_only(personas: Any) -> None:
    alice = signed_in(personas.alice)
    body = {
        "text": TEXT,
        "framework": "axelos",
        "code": "PPM-PPL",
        "decision": "accepted",
        "score": 0.8,
        "rank": 1,
    }
    assert send(alice, "post", "/api/suggest/feedback", body).status_code == 201
    bad = send(alice, "post", "/api/suggest/feedback", body | {"code": "NOPE-1"})
    assert bad.status_code == 422 and SuggestionFeedback.objects.count() == 1
    assert alice.get("/api/suggest/feedback/export").status_code == 403
    rows = signed_in(personas.carol).get("/api/suggest/feedback/export").json()
    assert rows[0] | {"created_at": None} == {
        "text": TEXT,
        "framework": "axelos",
        "code": "PPM-PPL",
        "title": "Project and programme planning",
        "decision": "accepted",
        "score": 0.8,
        "rank": 1,
        "method": rows[0]["method"],
        "created_at": None,
    }
    page = signed_in(personas.carol).get("/suggest/feedback/export/")
    assert json.loads(page.content.decode().splitlines()[0])["code"] == "PPM-PPL"


def test_the_web_page_marks_the_spans_and_takes_feedback(personas: Any) -> None:
    client = signed_in(personas.alice)
    page = client.post("/suggest/", {"text": TEXT, "framework": "axelos"})
    html = page.content.decode()
    assert page.status_code == 200 and "<mark>" in html and "PPM-PPL" in html
    refused = client.post("/suggest/", {"text": ""})
    assert refused.status_code == 422 and "No text" in refused.content.decode()
    done = client.post(
        "/suggest/feedback/",
        {"text": TEXT, "framework": "axelos", "code": "PPM-PPL", "decision": "rejected"},
        HTTP_HX_REQUEST="true",
    )
    assert "Rejected" in done.content.decode()
    assert SuggestionFeedback.objects.get().decision == "rejected"


def test_the_index_is_rebuilt_when_a_framework_changes() -> None:
    before = current_matcher()
    assert current_matcher() is before  # unchanged frameworks: the same index
    element = Element.objects.get(code="INSML037.P1")
    element.statement = "look after the zeppelin hangar allowance for your team"
    element.save()
    after = current_matcher()
    assert after is not before
    found = service.suggest("zeppelin hangar", framework="nos-ml", limit=1, items=True)
    assert found["suggestions"][0]["code"] == "INSML037.P1"


def test_anonymising_a_leaver_deletes_the_texts_they_gave_as_feedback(personas: Any) -> None:
    for persona in (personas.alice, personas.eve):
        body = {"text": f"{persona.user.username} planned the office move", "framework": "axelos"}
        body |= {"code": "PPM-PPL", "decision": "accepted"}
        assert send(signed_in(persona), "post", "/api/suggest/feedback", body).status_code == 201
    out = io.StringIO()
    call_command("people", "anonymise", "E-alice", "--yes", stdout=out)
    assert "1 suggestion feedback text(s)" in out.getvalue()
    assert list(SuggestionFeedback.objects.values_list("text", flat=True)) == [
        "eve planned the office move"
    ]
