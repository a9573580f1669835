"""Evidence files (and portfolios) as downloads: always an attachment, never sniffed, never cached.

One place for the response every evidence download uses — the learner's page, the API, and the
quality assurer's view of a sampled decision — so none of them can drift into serving a file
inline (which would let an uploaded HTML or SVG file run in the site's origin).
"""

from __future__ import annotations

from urllib.parse import quote

from django.http import HttpResponse

from skillframe.evidence import storage
from skillframe.evidence.models import EvidenceFile


def attachment(data: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    # RFC 6266 with RFC 5987 for any character; never shown inline, never sniffed.
    ascii_name = name.encode("ascii", "replace").decode().replace('"', "_")
    response["Content-Disposition"] = (
        f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def file_response(found: EvidenceFile) -> HttpResponse:
    """The stored bytes of an evidence file the caller was already allowed to read."""
    return attachment(storage.read(found.stored_name), found.content_type, found.name)
