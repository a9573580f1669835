"""What kind of file an upload really is, from its first bytes (PURE Python, no Django).

The name and the browser's Content-Type are the sender's claim; the bytes are the fact. An
executable named `cv.pdf` starts with `MZ` or `\\x7fELF`, not `%PDF-`, and is refused whatever
it is called. Office documents are zip files: which one is told by the zip's directory
(`word/`, `xl/`, `ppt/`, or an OpenDocument `mimetype` entry), read without unpacking.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass


@dataclass(frozen=True)
class FileType:
    key: str  # the name in SKILLFRAME_EVIDENCE_FILE_TYPES
    content_type: str
    extension: str


TYPES: dict[str, FileType] = {
    t.key: t
    for t in (
        FileType("pdf", "application/pdf", "pdf"),
        FileType("png", "image/png", "png"),
        FileType("jpeg", "image/jpeg", "jpg"),
        FileType("gif", "image/gif", "gif"),
        FileType("webp", "image/webp", "webp"),
        FileType("text", "text/plain", "txt"),
        FileType(
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "docx",
        ),
        FileType(
            "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"
        ),
        FileType(
            "pptx",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "pptx",
        ),
        FileType("odt", "application/vnd.oasis.opendocument.text", "odt"),
    )
}

# Programs and scripts: refused even if a setting named their type.
_EXECUTABLES: tuple[tuple[bytes, str], ...] = (
    (b"MZ", "a Windows program"),
    (b"\x7fELF", "a Linux program"),
    (b"\xfe\xed\xfa\xce", "a macOS program"),
    (b"\xfe\xed\xfa\xcf", "a macOS program"),
    (b"\xce\xfa\xed\xfe", "a macOS program"),
    (b"\xcf\xfa\xed\xfe", "a macOS program"),
    (b"\xca\xfe\xba\xbe", "a macOS or Java program"),
    (b"#!", "a script"),
)

HEAD_BYTES = 4096


class UnknownType(ValueError):
    """The bytes are no type we know, or a program: the message says which."""


def _zip_type(data: bytes) -> str:
    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise UnknownType("a damaged or unsupported zip file") from None
    if "mimetype" in names:
        mimetype = zipfile.ZipFile(io.BytesIO(data)).read("mimetype")[:100]
        if mimetype == TYPES["odt"].content_type.encode():
            return "odt"
    for prefix, key in (("word/", "docx"), ("xl/", "xlsx"), ("ppt/", "pptx")):
        if any(name.startswith(prefix) for name in names):
            return key
    raise UnknownType("a zip archive (only Word, Excel, PowerPoint and OpenDocument text files)")


def _is_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character cut at the end of the sample is still text.
        if error.start < len(head) - 4:
            return False
        text = head[: error.start].decode("utf-8")
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\t\n\r\f")
    return controls == 0


def sniff(data: bytes) -> FileType:
    """The type of a whole file's bytes; UnknownType saying what it looks like otherwise."""
    head = data[:HEAD_BYTES]
    for magic, what in _EXECUTABLES:
        if head.startswith(magic):
            raise UnknownType(f"{what}, not a document")
    if head.startswith(b"%PDF-"):
        return TYPES["pdf"]
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return TYPES["png"]
    if head.startswith(b"\xff\xd8\xff"):
        return TYPES["jpeg"]
    if head.startswith((b"GIF87a", b"GIF89a")):
        return TYPES["gif"]
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return TYPES["webp"]
    if head.startswith(b"PK\x03\x04"):
        return TYPES[_zip_type(data)]
    if _is_text(head):
        return TYPES["text"]
    raise UnknownType("a file type we do not recognise")
