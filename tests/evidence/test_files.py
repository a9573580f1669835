"""Evidence files: limits, sniffed types, names, duplicates, storage and the download."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from skillframe.evidence.models import Evidence, EvidenceFile, EvidenceKind
from skillframe.evidence.records import EvidenceInput, add_files, create_evidence
from skillframe.evidence.sniffing import UnknownType, sniff
from tests.evidence.helpers import ELF, EXE, PNG, docx, pdf

pytestmark = pytest.mark.django_db


def upload(p: Any, *files: tuple[str, bytes]) -> Evidence:
    data = EvidenceInput(
        kind=EvidenceKind.FILE,
        title="Team meeting minutes",
        occurred_on=date(2026, 1, 10),
        files=list(files),
        elements=["INSML005.P1"],
    )
    return create_evidence(p.alice.user, p.alice, data)


def refused(p: Any, folder: Path, *files: tuple[str, bytes]) -> str:
    """The error of a refused upload, after checking that nothing was stored."""
    before = (Evidence.objects.count(), EvidenceFile.objects.count())
    with pytest.raises(ValidationError) as error:
        upload(p, *files)
    assert (Evidence.objects.count(), EvidenceFile.objects.count()) == before
    assert not folder.exists() or not list(folder.iterdir())
    return "; ".join(error.value.message_dict["file"])


def test_sniffing_reads_bytes_not_names() -> None:
    assert sniff(pdf("x")).key == "pdf"
    assert sniff(PNG).key == "png"
    assert sniff(docx()).key == "docx"
    assert sniff("Plain notes — with a dash\n".encode()).key == "text"
    for program in (EXE, ELF, b"#!/bin/sh\nrm -rf /\n"):
        with pytest.raises(UnknownType):
            sniff(program)
    with pytest.raises(UnknownType):
        sniff(b"\x00\x01\x02binary")


def test_a_good_upload_is_stored_privately_under_a_random_name(
    personas: Any, _evidence_dir: Path
) -> None:
    piece = upload(personas, ("minutes.pdf", pdf("a")), ("photo.png", PNG))
    stored = {f.name: f for f in piece.files.all()}
    assert stored["minutes.pdf"].content_type == "application/pdf"
    assert stored["photo.png"].content_type == "image/png"
    names = sorted(p.name for p in _evidence_dir.iterdir())
    assert names == sorted(f.stored_name for f in stored.values())
    assert all(len(n) == 32 and "pdf" not in n for n in names)
    assert all((_evidence_dir / n).stat().st_mode & 0o777 == 0o600 for n in names)


def test_oversized_file(personas: Any, settings: Any, _evidence_dir: Path) -> None:
    settings.EVIDENCE_MAX_FILE_BYTES = 1024
    message = refused(personas, _evidence_dir, ("big.pdf", pdf("x") + b"0" * 2000))
    assert "big.pdf" in message and "limit is" in message


def test_disguised_executable(personas: Any, _evidence_dir: Path) -> None:
    message = refused(personas, _evidence_dir, ("report.pdf", EXE))
    assert "report.pdf" in message and "Windows program" in message


def test_type_not_in_the_setting(personas: Any, settings: Any, _evidence_dir: Path) -> None:
    settings.EVIDENCE_FILE_TYPES = ["pdf"]
    message = refused(personas, _evidence_dir, ("photo.png", PNG))
    assert "png file" in message and "types taken are pdf" in message


@pytest.mark.parametrize(
    "name", ["../../etc/passwd.pdf", "C:\\temp\\x.pdf", "bad\x00name.pdf", "tab\u202e.pdf", ""]
)
def test_path_like_and_control_character_names(
    personas: Any, _evidence_dir: Path, name: str
) -> None:
    message = refused(personas, _evidence_dir, (name, pdf("n")))
    assert "path" in message or "control characters" in message or "no name" in message


def test_empty_file(personas: Any, _evidence_dir: Path) -> None:
    assert "is empty" in refused(personas, _evidence_dir, ("empty.pdf", b""))


def test_duplicate_uploads(personas: Any, _evidence_dir: Path) -> None:
    p = personas
    assert "uploaded twice" in refused(p, _evidence_dir, ("a.pdf", pdf("d")), ("b.pdf", pdf("d")))
    first = upload(p, ("a.pdf", pdf("d")))
    count = len(list(_evidence_dir.iterdir()))
    with pytest.raises(ValidationError, match="already uploaded, in “Team meeting minutes”"):
        upload(p, ("copy.pdf", pdf("d")))
    with pytest.raises(ValidationError, match="already uploaded"):
        add_files(p.alice.user, first, [("again.pdf", pdf("d"))])
    assert len(list(_evidence_dir.iterdir())) == count
    assert EvidenceFile.objects.count() == 1


def test_web_upload_refusal_names_the_problem(
    client: Client, personas: Any, _evidence_dir: Path
) -> None:
    client.force_login(personas.alice.user)
    response = client.post(
        "/me/evidence/new/",
        {
            "kind": "file",
            "title": "Sneaky",
            "occurred_on": "2026-01-10",
            "elements": "INSML005.P1",
            "files": SimpleUploadedFile("cv.pdf", EXE, content_type="application/pdf"),
        },
    )
    assert response.status_code == 400
    assert "“cv.pdf” is a Windows program, not a document" in response.content.decode()
    assert not Evidence.objects.exists()


def test_download_is_an_attachment_with_nosniff(
    client: Client, personas: Any, _evidence_dir: Path
) -> None:
    piece = upload(personas, ("minutes.pdf", pdf("dl")))
    stored = piece.files.get()
    url = f"/evidence/{piece.pk}/files/{stored.pk}/"
    client.force_login(personas.alice.user)
    response = client.get(url)
    assert response.status_code == 200
    assert response.content == pdf("dl")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="minutes.pdf"')
    assert response["X-Content-Type-Options"] == "nosniff"
    # Not submitted, not shared: the assessor and the manager do not see it; Eve neither.
    for persona in ("dave", "bob", "eve"):
        client.force_login(getattr(personas, persona).user)
        assert client.get(url).status_code == 404, persona
    client.force_login(personas.carol.user)  # HR of the whole organisation
    assert client.get(url).status_code == 200
