"""Issue 11: replacing a framework on the web import page is a confirmation step first.

A dry run (exchange.plan_import: element codes of the file against the framework's) states how
many elements would be created, kept and deleted; only a POST of the same file carrying the
step's signed token replaces. The CLI keeps --replace and the API its explicit `replace`."""

from __future__ import annotations

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from skillframe.audit.models import AuditEvent
from skillframe.frameworks import exchange
from skillframe.frameworks.loading import load_framework
from skillframe.frameworks.models import Element, Framework
from tests.frameworks.test_import_endpoints import SPEC, _document, _importer

pytestmark = pytest.mark.django_db
FIELDS = {"format": "json", "replace": "on"}


def smaller_with_a_new_element() -> bytes:
    """hr-tiny without FIN-1 (unused here) and with a new PEO-3."""
    doc = json.loads(_document(drop=("FIN-1",)))
    doc["elements"].append(
        {"code": "PEO-3", "kind": "competency", "parent_code": "PEO", "title": "Mentoring"}
    )
    return json.dumps(doc).encode()


def codes() -> set[str]:
    return set(Element.objects.filter(framework__slug="hr-tiny").values_list("code", flat=True))


def token_of(html: str) -> str:
    return html.split('name="confirm" value="', 1)[1].split('"', 1)[0]


def test_plan_counts_without_writing(empty_catalogue: None) -> None:
    load_framework(SPEC)
    plan = exchange.plan_import(io.BytesIO(smaller_with_a_new_element()), "json")
    assert (plan.slug, plan.exists, plan.created, plan.kept, plan.deleted) == (
        "hr-tiny",
        True,
        1,
        4,
        1,
    )
    assert plan.deleted_codes == ["FIN-1"]
    assert codes() == {"PEO", "PEO-1", "PEO-2", "FIN", "FIN-1"}


def test_a_replace_without_the_token_changes_nothing_and_states_the_plan(
    empty_catalogue: None,
) -> None:
    load_framework(SPEC)
    importer = _importer()
    for extra in ({}, {"confirm": "forged"}):
        upload = SimpleUploadedFile("f.json", smaller_with_a_new_element())
        response = importer.post("/frameworks/import/", {"file": upload, **FIELDS, **extra})
        html = response.content.decode()
        assert response.status_code == 200
        assert "create 1 element, keep 4 (updated where their text changed) and delete 1" in html
        assert "<code>FIN-1</code>" in html
        assert "Replace hr-tiny" in html
    assert codes() == {"PEO", "PEO-1", "PEO-2", "FIN", "FIN-1"}
    assert not AuditEvent.objects.filter(action="framework.replace").exists()


def test_the_token_replaces_only_the_file_it_was_given_for(empty_catalogue: None) -> None:
    load_framework(SPEC)
    importer = _importer()
    first = importer.post(
        "/frameworks/import/",
        {"file": SimpleUploadedFile("f.json", smaller_with_a_new_element()), **FIELDS},
    )
    token = token_of(first.content.decode())
    # Another file with that token: the step again, nothing replaced.
    other = _document(drop=("PEO-2",))
    response = importer.post(
        "/frameworks/import/",
        {"file": SimpleUploadedFile("f.json", other), "confirm": token, **FIELDS},
    )
    assert "Nothing has changed yet" in response.content.decode()
    assert codes() == {"PEO", "PEO-1", "PEO-2", "FIN", "FIN-1"}
    # The same file with its token: replaced.
    response = importer.post(
        "/frameworks/import/",
        {
            "file": SimpleUploadedFile("f.json", smaller_with_a_new_element()),
            "confirm": token,
            **FIELDS,
        },
    )
    assert response.status_code == 200
    assert "1 element created" in response.content.decode()
    assert codes() == {"PEO", "PEO-1", "PEO-2", "PEO-3", "FIN"}
    assert AuditEvent.objects.filter(action="framework.replace").count() == 1


def test_a_new_framework_with_replace_ticked_needs_no_step(empty_catalogue: None) -> None:
    response = _importer().post(
        "/frameworks/import/",
        {"file": SimpleUploadedFile("f.json", _new_document()), **FIELDS},
    )
    assert response.status_code == 200
    assert "Imported" in response.content.decode()


def _new_document() -> bytes:
    load_framework(SPEC)
    content = _document()
    Element.objects.filter(framework__slug="hr-tiny").delete()
    Framework.objects.filter(slug="hr-tiny").delete()
    return content
