"""Small real files and the assessor set-up shared by the evidence tests."""

from __future__ import annotations

import io
import zipfile
from datetime import date, timedelta
from typing import Any

from skillframe.evidence import assignments
from skillframe.evidence.models import Assignment
from skillframe.frameworks.models import Element

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64
ELF = b"\x7fELF\x02\x01\x01" + b"\x00" * 64


def pdf(tag: str) -> bytes:
    """A distinct small PDF (duplicates are refused by content)."""
    return PDF + f"% {tag}\n".encode()


def docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def standard(code: str = "INSML005") -> Element:
    return Element.objects.select_related("framework").get(code=code)


def assign_dave(p: Any, code: str = "INSML005") -> Assignment:
    """Carol qualifies Dave for the standard and assigns Alice to him (from last week)."""
    unit = standard(code)
    assignments.qualify(p.carol.user, p.dave, unit)
    return assignments.assign(p.carol.user, p.dave, p.alice, unit, date.today() - timedelta(days=7))
