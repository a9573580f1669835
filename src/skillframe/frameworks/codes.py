"""Element codes in page URLs: any code, one path segment, a lossless round trip.

Codes are data, not URL syntax: importers accept whatever a source calls its items ("RL.K/1.1",
"A/1", a generated "http://…" code, spaces, non-ASCII, `?`, `#`, `%`). Django's `reverse()`
percent-encodes every character but `/` for us, and the server decodes them again before
routing. A `/` cannot travel that way (servers and proxies decode `%2F` into a separator, some
merge `//`), and browsers resolve `.` and `..` segments away, so `ElementCodeConverter` spells
those few with an escape made of unreserved characters that nothing rewrites:

    "~" -> "~7E"    "/" -> "~2F"    a code "." or ".." -> "~2E" / "~2E~2E"

Every other code keeps its URL (`/frameworks/nos-ml/INSML001.P1/` is unchanged). Decoding
undoes exactly these three escapes; any other `~` is taken literally.
"""

from __future__ import annotations

import re

_ESCAPE = re.compile(r"~(7E|2F|2E)", re.IGNORECASE)
_UNESCAPED = {"7E": "~", "2F": "/", "2E": "."}


def code_to_segment(code: str) -> str:
    """The path segment that stands for `code` (before Django's percent-encoding)."""
    if code in (".", ".."):
        return "~2E" * len(code)
    return code.replace("~", "~7E").replace("/", "~2F")


def segment_to_code(segment: str) -> str:
    """The code a path segment (already percent-decoded) names: the inverse of the above."""
    return _ESCAPE.sub(lambda match: _UNESCAPED[match.group(1).upper()], segment)


class ElementCodeConverter:
    """`<elementcode:code>`: one path segment holding any element code (see the module)."""

    regex = "[^/]+"

    def to_python(self, value: str) -> str:
        return segment_to_code(value)

    def to_url(self, value: str) -> str:
        return code_to_segment(value)
