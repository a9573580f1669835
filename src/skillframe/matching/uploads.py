"""Text of an uploaded CV, advert or note: .txt, .docx (python-docx) or .pdf (pypdf)."""

from __future__ import annotations

import io

from django.core.exceptions import ValidationError

UPLOAD_MAX_BYTES = 5 * 1024 * 1024
KINDS = (".txt", ".docx", ".pdf")


def text_from_upload(name: str, data: bytes) -> str:
    """The file's text; ValidationError on the "file" field when it cannot be read."""
    lower = name.lower()
    if len(data) > UPLOAD_MAX_BYTES:
        raise ValidationError(
            {"file": f"{name}: larger than {UPLOAD_MAX_BYTES // 1024 // 1024} MB."}
        )
    try:
        if lower.endswith(".txt"):
            return data.decode("utf-8-sig")
        if lower.endswith(".docx"):
            return _docx_text(data)
        if lower.endswith(".pdf"):
            return _pdf_text(data)
    except UnicodeDecodeError as error:
        raise ValidationError({"file": f"{name}: not UTF-8 text."}) from error
    except Exception as error:  # the readers raise many types for a broken file
        raise ValidationError(
            {"file": f"{name}: cannot be read ({error.__class__.__name__})."}
        ) from error
    raise ValidationError({"file": f"{name}: upload a {', '.join(KINDS)} file."})


def _docx_text(data: bytes) -> str:
    import docx  # lxml loads only when a .docx is uploaded

    document = docx.Document(io.BytesIO(data))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.extend(cell.text for cell in row.cells)
    return "\n".join(lines)


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader  # loaded only when a PDF is uploaded

    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() or "" for page in reader.pages)
