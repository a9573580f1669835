"""The evidence API: upload, read, map, delete, coverage, submit, judge, answer, sign off,
portfolio and assignments, each with who is refused and how."""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from skillframe.evidence.models import Assignment, Evidence, EvidenceFile
from skillframe.frameworks.models import Element
from tests.evidence.helpers import EXE, assign_dave, pdf, standard

pytestmark = pytest.mark.django_db


def as_(client: Client, person: Any) -> Client:
    client.force_login(person.user)
    return client


def upload(client: Client, **fields: Any) -> Any:
    data = {"kind": "file", "title": "Minutes", "occurred_on": "2026-01-10", **fields}
    return client.post("/api/evidence", data)


def test_upload_read_map_delete(client: Client, personas: Any) -> None:
    p = personas
    as_(client, p.alice)
    created = upload(
        client,
        elements="INSML005.P1, INSML005.K1",
        files=[SimpleUploadedFile("minutes.pdf", pdf("api"))],
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert [e["code"] for e in body["elements"]] == ["INSML005.P1", "INSML005.K1"]
    assert body["files"][0]["content_type"] == "application/pdf"
    pk, file_pk = body["id"], body["files"][0]["id"]
    download = client.get(f"/api/evidence/{pk}/files/{file_pk}")
    assert download.status_code == 200 and download.content == pdf("api")
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["X-Content-Type-Options"] == "nosniff"
    mapped = client.put(
        f"/api/evidence/{pk}/elements",
        {"elements": ["INSML005.P2"]},
        content_type="application/json",
    )
    assert [e["code"] for e in mapped.json()["elements"]] == ["INSML005.P2"]
    bad = client.put(
        f"/api/evidence/{pk}/elements", {"elements": ["NOPE.P9"]}, content_type="application/json"
    )
    assert bad.status_code == 422 and bad.json()["detail"][0]["field"] == "elements"
    # Eve and Bob (not shared) do not see it; Carol (HR) reads it but may not change it.
    for persona in (p.eve, p.bob, p.dave):
        as_(client, persona)
        assert client.get(f"/api/evidence/{pk}").status_code == 404
        assert client.delete(f"/api/evidence/{pk}").status_code == 404
    as_(client, p.carol)
    assert client.get(f"/api/evidence/{pk}").status_code == 200
    assert client.delete(f"/api/evidence/{pk}").status_code == 403
    as_(client, p.alice)
    assert client.delete(f"/api/evidence/{pk}").json() == {"hidden": False}
    assert not Evidence.objects.exists()


def test_refused_uploads_store_nothing(client: Client, personas: Any) -> None:
    as_(client, personas.alice)
    disguised = upload(client, files=[SimpleUploadedFile("cv.pdf", EXE)])
    assert disguised.status_code == 422
    assert disguised.json()["detail"][0] == {
        "field": "file",
        "message": "“cv.pdf” is a Windows program, not a document",
    }
    missing = upload(client, kind="witness")
    assert missing.status_code == 422
    assert not Evidence.objects.exists() and not EvidenceFile.objects.exists()


def test_the_workflow_over_the_api(client: Client, personas: Any) -> None:
    p = personas
    assign_dave(p)
    items = list(Element.objects.items_of([standard().pk]).values_list("code", flat=True))
    as_(client, p.alice)
    piece = upload(
        client,
        kind="witness",
        title="Testimony of my manager",
        text="Alice chaired the team meetings well.",
        witness_name="Bob Baker",
        witness_role="Delivery lead",
        elements=" ".join(items),
    ).json()
    assert client.post(
        "/api/people/E-bob/submissions", {"standard": "INSML005"}, content_type="application/json"
    ).status_code in (403, 404)
    made = client.post(
        "/api/people/E-alice/submissions",
        {"standard": "INSML005"},
        content_type="application/json",
    )
    assert made.status_code == 201 and made.json()["evidence"] == [piece["id"]]
    submission = made.json()["id"]
    judge_url = f"/api/submissions/{submission}/judgements"
    decision = {"element": items[0], "competence": "competent", "evidence": [piece["id"]]}
    assert client.post(judge_url, decision, content_type="application/json").status_code == 403
    as_(client, p.eve)
    assert client.post(judge_url, decision, content_type="application/json").status_code == 404
    as_(client, p.dave)
    assert [s["id"] for s in client.get("/api/submissions?status=waiting").json()] == [submission]
    assert client.get(f"/api/evidence/{piece['id']}").status_code == 200  # submitted to him
    for code in items:
        decision["element"] = code
        answer = client.post(judge_url, decision, content_type="application/json")
        assert answer.status_code == 201, answer.content
    accepted = client.post(
        f"/api/submissions/{submission}/answer",
        {"outcome": "accepted"},
        content_type="application/json",
    )
    assert accepted.json()["status"] == "accepted"
    coverage = client.get("/api/people/E-alice/coverage/INSML005").json()
    assert coverage["counts"]["competent"] == len(items)
    signed = client.post(
        "/api/people/E-alice/sign-offs/INSML005", {"confirm": True}, content_type="application/json"
    )
    assert signed.status_code == 200 and signed.json()["completed_at"] is None
    as_(client, p.alice)
    done = client.post(
        "/api/people/E-alice/sign-offs/INSML005", {"confirm": True}, content_type="application/json"
    )
    assert done.json()["completed_at"] is not None
    archive = client.get("/api/people/E-alice/portfolio?standard=INSML005")
    assert archive.status_code == 200 and archive["Content-Type"] == "application/zip"
    manifest = json.loads(zipfile.ZipFile(io.BytesIO(archive.content)).read("manifest.json"))
    assert manifest["standards"][0]["signed_off"] is True
    as_(client, p.eve)
    assert client.get("/api/people/E-alice/portfolio").status_code == 404
    assert client.get("/api/people/E-alice/coverage/INSML005").status_code == 404


def test_assignments_are_for_hr(client: Client, personas: Any) -> None:
    body = {"assessor": "E-dave", "learner": "E-alice", "standard": "INSML011"}
    as_(client, personas.bob)
    refused = client.post(
        "/api/assessor-assignments",
        {**body, "starts_on": "2026-01-01"},
        content_type="application/json",
    )
    assert refused.status_code == 403
    as_(client, personas.carol)
    unqualified = client.post(
        "/api/assessor-assignments",
        {**body, "starts_on": "2026-01-01"},
        content_type="application/json",
    )
    assert unqualified.status_code == 422
    assert unqualified.json()["detail"][0]["field"] == "assessor"
    qualified = client.post(
        "/api/assessor-qualifications",
        {"assessor": "E-dave", "standard": "INSML011"},
        content_type="application/json",
    )
    assert qualified.status_code == 201
    made = client.post(
        "/api/assessor-assignments",
        {**body, "starts_on": "2026-01-01"},
        content_type="application/json",
    )
    assert made.status_code == 201 and made.json()["standard"] == "INSML011"
    assert Assignment.objects.count() == 1
    assert [a["learner"] for a in client.get("/api/assessor-assignments").json()] == ["E-alice"]


def test_adding_files_and_sharing_over_the_api(client: Client, personas: Any) -> None:
    """What the evidence page's edit form does (add files, share with the manager), by API."""
    p = personas
    as_(client, p.alice)
    pk = upload(client, files=[SimpleUploadedFile("a.pdf", pdf("first"))]).json()["id"]
    added = client.post(
        f"/api/evidence/{pk}/files", {"files": [SimpleUploadedFile("b.pdf", pdf("second"))]}
    )
    assert added.status_code == 200, added.content
    assert [f["name"] for f in added.json()["files"]] == ["a.pdf", "b.pdf"]
    disguised = client.post(
        f"/api/evidence/{pk}/files", {"files": [SimpleUploadedFile("c.pdf", EXE)]}
    )
    assert disguised.status_code == 422
    assert EvidenceFile.objects.filter(evidence_id=pk).count() == 2
    # Bob (Alice's manager) sees it only once she shares it.
    as_(client, p.bob)
    assert client.get(f"/api/evidence/{pk}").status_code == 404
    as_(client, p.alice)
    shared = client.put(
        f"/api/evidence/{pk}/sharing",
        {"shared_with_manager": True},
        content_type="application/json",
    )
    assert shared.status_code == 200 and shared.json()["shared_with_manager"] is True
    as_(client, p.bob)
    assert client.get(f"/api/evidence/{pk}").status_code == 200
    # Only the owner adds files or changes sharing.
    assert (
        client.put(
            f"/api/evidence/{pk}/sharing",
            {"shared_with_manager": False},
            content_type="application/json",
        ).status_code
        == 403
    )
    assert (
        client.post(
            f"/api/evidence/{pk}/files", {"files": [SimpleUploadedFile("d.pdf", pdf("bob"))]}
        ).status_code
        == 403
    )
    as_(client, p.eve)
    assert (
        client.put(
            f"/api/evidence/{pk}/sharing",
            {"shared_with_manager": False},
            content_type="application/json",
        ).status_code
        == 404
    )
