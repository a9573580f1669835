"""Evidence files on disk: checked, stored under a random name, read back, removed.

Files live in `settings.EVIDENCE_DIR` (under the data dir, mode 0700, files 0600) as 32 random
hex characters: the name a person gave is kept in the database only, so it can never choose a
path. Nothing here is served as a public URL; the download view checks access first.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError

from skillframe.evidence.sniffing import TYPES, FileType, UnknownType, sniff

NAME_MAX = 255


def check_name(name: str) -> str:
    """The file's name as given, or ValidationError({"file": …}) for a name that is a path, holds
    control characters, or is empty or too long."""
    if not name or not name.strip():
        raise ValidationError({"file": "the file has no name"})
    if any(unicodedata.category(c) in ("Cc", "Cf") for c in name):
        raise ValidationError({"file": f"the file name {name!r} contains control characters"})
    if "/" in name or "\\" in name or name in (".", "..") or name.startswith("~"):
        raise ValidationError({"file": f"the file name {name!r} looks like a path: give a name"})
    if len(name) > NAME_MAX:
        raise ValidationError({"file": f"the file name is longer than {NAME_MAX} characters"})
    return name.strip()


@dataclass(frozen=True)
class CheckedFile:
    name: str
    data: bytes
    type: FileType
    sha256: str


def check_file(name: str, data: bytes) -> CheckedFile:
    """Every rule on an upload but duplicates (those need the owner: evidence.py)."""
    name = check_name(name)
    if not data:
        raise ValidationError({"file": f"“{name}” is empty"})
    limit = settings.EVIDENCE_MAX_FILE_BYTES
    if len(data) > limit:
        raise ValidationError(
            {
                "file": f"“{name}” is {len(data) / 2**20:.1f} MB; the limit is "
                f"{limit / 2**20:.0f} MB (SKILLFRAME_EVIDENCE_MAX_FILE_MB)"
            }
        )
    try:
        kind = sniff(data)
    except UnknownType as error:
        raise ValidationError({"file": f"“{name}” is {error}"}) from None
    allowed = [TYPES[key] for key in settings.EVIDENCE_FILE_TYPES if key in TYPES]
    if kind not in allowed:
        taken = ", ".join(t.key for t in allowed)
        raise ValidationError(
            {"file": f"“{name}” is a {kind.key} file; the types taken are {taken}"}
        )
    return CheckedFile(name, data, kind, hashlib.sha256(data).hexdigest())


def directory() -> Path:
    path = Path(settings.EVIDENCE_DIR)
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def save(data: bytes) -> str:
    """Write the bytes under a new random name (0600) and return the name."""
    stored = secrets.token_hex(16)
    path = directory() / stored
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as out:
        out.write(data)
    return stored


def path_of(stored_name: str) -> Path:
    if not stored_name.isalnum():  # our own names only: never a path
        raise ValueError(f"not a stored evidence name: {stored_name!r}")
    return directory() / stored_name


def read(stored_name: str) -> bytes:
    return path_of(stored_name).read_bytes()


def remove(stored_name: str) -> None:
    path_of(stored_name).unlink(missing_ok=True)
