"""The portfolio ZIP and the command line (`skillframe evidence …`, `skillframe portfolio
export`); the coverage map's query count."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from pypdf import PdfReader

from skillframe.evidence import workflow
from skillframe.evidence.coverage import coverage
from skillframe.evidence.models import EvidenceKind, Submission
from skillframe.evidence.records import EvidenceInput, create_evidence
from skillframe.frameworks.models import Element
from tests.evidence.helpers import PNG, assign_dave, pdf, standard

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_the_whole_workflow_from_the_command_line(personas: Any, tmp_path: Path) -> None:
    minutes = tmp_path / "minutes.pdf"
    minutes.write_bytes(pdf("cli"))
    with pytest.raises(CommandError, match=r"--as USERNAME is required|required"):
        run("evidence", "qualify", "E-dave", "INSML005")
    run("evidence", "qualify", "E-dave", "INSML005", "--as", "carol")
    with pytest.raises(CommandError, match="refused: assessors are assigned by HR admins"):
        run("evidence", "assign", "dave", "alice", "INSML005", "--as", "bob")
    run("evidence", "assign", "dave", "alice", "INSML005", "--from", "2026-01-01", "--as", "carol")
    items = list(Element.objects.items_of([standard().pk]).values_list("code", flat=True))
    element_args = [arg for code in items for arg in ("--element", code)]
    out = run(
        "evidence", "add", "--as", "alice", "--kind", "file", "--title", "Minutes",
        "--date", "2026-02-01", "--file", str(minutes), *element_args,
    )  # fmt: skip
    assert out.startswith("added evidence")
    with pytest.raises(CommandError, match=r"file: “minutes\.pdf” is already uploaded"):
        run("evidence", "add", "--as", "alice", "--kind", "file", "--title", "Again",
            "--file", str(minutes))  # fmt: skip
    assert "submission" in run("evidence", "submit", "INSML005", "--as", "alice")
    submission = Submission.objects.get()
    piece = str(submission.evidence.get().pk)
    for code in items:
        run("evidence", "judge", str(submission.pk), code, "competent", "--evidence", piece,
            "--as", "dave")  # fmt: skip
    run("evidence", "answer", str(submission.pk), "accepted", "--as", "dave")
    with pytest.raises(CommandError, match="add --yes"):
        run("evidence", "sign-off", "alice", "INSML005", "--as", "dave")
    assert "declaration recorded" in run(
        "evidence", "sign-off", "alice", "INSML005", "--yes", "--as", "dave"
    )
    assert "signed off" in run(
        "evidence", "sign-off", "alice", "INSML005", "--yes", "--as", "alice"
    )
    table = run("evidence", "coverage", "alice", "INSML005")
    assert f"{len(items)} competent" in table and "; signed off" in table
    listed = json.loads(run("evidence", "list", "E-alice", "--format", "json"))
    assert listed[0]["files"] == ["minutes.pdf"]
    # Eve sees none of it.
    assert json.loads(run("evidence", "list", "alice", "--format", "json", "--as", "eve")) == []

    target = tmp_path / "alice.zip"
    assert "wrote" in run(
        "portfolio", "export", "alice", "--standard", "INSML005", "-o", str(target)
    )
    archive = zipfile.ZipFile(target)
    manifest = json.loads(archive.read("manifest.json"))
    assert manifest["standards"][0]["code"] == "INSML005"
    assert [i["code"] for i in manifest["standards"][0]["items"]] == items
    assert archive.read(manifest["evidence"][0]["files"][0]["path"]) == pdf("cli")


def test_portfolio_contents(client: Client, personas: Any) -> None:
    p = personas
    assign_dave(p)
    one = create_evidence(
        p.alice.user,
        p.alice,
        EvidenceInput(
            kind=EvidenceKind.FILE,
            title="Minutes",
            occurred_on=date(2026, 1, 1),
            files=[("minutes.pdf", pdf("p")), ("board.png", PNG)],
            elements=["INSML005.P1", "PPM-BCD.L3.1"],
        ),
    )
    create_evidence(
        p.alice.user,
        p.alice,
        EvidenceInput(
            kind=EvidenceKind.WITNESS,
            title="Testimony",
            occurred_on=date(2026, 1, 2),
            text="She led the team well.",
            witness_name="Bob Baker",
            witness_role="Delivery lead",
            witness_contact="bob@example.org",
            elements=["INSML005.P2"],
        ),
    )
    client.force_login(p.alice.user)
    response = client.get("/people/E-alice/portfolio.zip")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="portfolio-E-alice.zip"'
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = set(archive.namelist())
    assert {"index.html", "summary.pdf", "manifest.json"} <= names
    manifest = json.loads(archive.read("manifest.json"))
    files = {f["name"]: f["path"] for e in manifest["evidence"] for f in e["files"]}
    assert archive.read(files["minutes.pdf"]) == pdf("p")
    assert archive.read(files["board.png"]) == PNG
    first = next(e for e in manifest["evidence"] if e["id"] == one.pk)
    codes = {(x["framework"], x["code"]) for x in first["elements"]}
    assert codes == {("nos-ml", "INSML005.P1"), ("axelos", "PPM-BCD.L3.1")}
    assert all(len(x["uuid"]) == 36 for x in first["elements"])
    witness = next(e for e in manifest["evidence"] if e["kind"] == "witness")
    assert witness["witness"]["name"] == "Bob Baker"
    assert [s["code"] for s in manifest["standards"]] == ["INSML005"]
    text = "".join(page.extract_text() for page in PdfReader(archive.open("summary.pdf")).pages)
    assert "INSML005.P1" in text and "Portfolio of Alice Archer" in text
    assert "Testimony" in archive.read("index.html").decode()


def test_coverage_queries_do_not_grow_with_evidence(
    personas: Any, django_assert_num_queries: Any
) -> None:
    p = personas
    assign_dave(p)
    unit = standard()
    items = list(Element.objects.items_of([unit.pk]).values_list("code", flat=True))

    def add(n: int) -> None:
        for i in range(n):
            create_evidence(
                p.alice.user,
                p.alice,
                EvidenceInput(
                    kind=EvidenceKind.ACCOUNT,
                    title=f"Account {i}",
                    occurred_on=date(2026, 1, 1),
                    text="What I did.",
                    elements=items[i % len(items) :][:3],
                ),
            )

    def count() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            cov = coverage(p.dave.user, p.alice, unit)
            assert len(cov.rows) == len(items)
        return len(captured)

    add(2)
    workflow.submit(p.alice.user, p.alice, unit)
    few = count()
    Submission.objects.all().update(status=Submission.Status.MORE)
    add(40)
    workflow.submit(p.alice.user, p.alice, unit)
    many = count()
    assert few == many
    assert sum(row.evidence_count for row in coverage(p.alice.user, p.alice, unit).rows) > 40
    with django_assert_num_queries(few):
        coverage(p.alice.user, p.alice, unit)
