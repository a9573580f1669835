"""The hot spots of a CASE export, kept fast: derived identifiers and the package's JSON text.

A package holds two records per element (the CFItem and its isChildOf association), so the
NOS framework's is some 7,400 records and 5 MB of indented JSON. The json module writes
indented JSON in pure Python (its C encoder only runs without `indent`), which took longer
than building the package; pydantic-core (already here: pydantic's engine) writes the same
bytes several times faster. case.py calls these; tests/frameworks/formats/test_case.py holds
both to the standard library, byte for byte.
"""

from __future__ import annotations

import json
from hashlib import sha1
from typing import Any

from pydantic_core import to_json

from skillframe.frameworks.spec import SKILLFRAME_NAMESPACE, FrameworkSpec

_NAMESPACE = SKILLFRAME_NAMESPACE.bytes
# The RFC 4122 variant bits over the first hex digit of the 9th byte: 10xx.
_VARIANT = {digit: "89ab"[int(digit, 16) & 3] for digit in "0123456789abcdef"}


def uuid5_text(name: str) -> str:
    """`str(uuid.uuid5(SKILLFRAME_NAMESPACE, name))` without building a UUID object: the
    export derives one per association, and UUID() plus str() cost more than the hash."""
    h = sha1(_NAMESPACE + name.encode()).hexdigest()
    return f"{h[:8]}-{h[8:12]}-5{h[13:16]}-{_VARIANT[h[16]]}{h[17:20]}-{h[20:32]}"


def package_json(package: dict[str, Any], *, plain: bool = True) -> bytes:
    """`json.dumps(package, ensure_ascii=False, indent=2)` as UTF-8 bytes, the same bytes.

    pydantic-core spells some floats differently (1e-05 as 0.00001) and some non-string keys
    (None as "None"); pass `plain=False` when the data may hold those (see is_plain), and the
    json module writes it.
    """
    if plain:
        return to_json(package, indent=2)
    return json.dumps(package, ensure_ascii=False, indent=2).encode("utf-8")


_PLAIN_SCALARS = (str, int, bool, type(None))


def _plain_value(value: Any) -> bool:
    kind = type(value)
    if kind is dict:
        return all(type(key) is str and _plain_value(item) for key, item in value.items())
    if kind is list or kind is tuple:
        return all(_plain_value(item) for item in value)
    return kind in _PLAIN_SCALARS


def is_plain(spec: FrameworkSpec) -> bool:
    """Whether both serialisers write the same bytes for the package of `spec`.

    Only metadata is free-form: it must hold strings, integers, booleans, null, lists and
    objects with string keys. The rest of a package is strings and integers the writer builds,
    and the rubric's scores, small integral floats both spell alike ("3.0").
    """
    return _plain_value(spec.metadata) and all(
        _plain_value(element.metadata) for element in spec.elements if element.metadata
    )
