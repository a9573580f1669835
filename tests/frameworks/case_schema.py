"""Provider responses checked against 1EdTech's CASE 1.1 service definition (tests/data/case).

`check(path, status, payload)` finds the operation of `path` (relative to /ims/case/v1p1/, e.g.
"CFItems/<id>") in the published OpenAPI document and validates `payload` against the schema of
that status (or `default`) with a Draft 4 validator, formats included.
"""

from __future__ import annotations

import json
import re
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jsonschema import Draft4Validator, FormatChecker

SPEC_FILE = Path(__file__).parents[1] / "data" / "case" / "case-v1p1-openapi-spec.json"
_DATE_TIME = re.compile(
    r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$", re.IGNORECASE
)

formats = FormatChecker()


@formats.checks("uri")
def _uri(value: object) -> bool:
    if not isinstance(value, str):
        return True
    parts = urlsplit(value)
    return bool(parts.scheme) and (bool(parts.netloc) or parts.scheme == "urn") and " " not in value


@formats.checks("date-time")
def _date_time(value: object) -> bool:
    return not isinstance(value, str) or bool(_DATE_TIME.match(value))


@formats.checks("date", raises=ValueError)
def _date(value: object) -> bool:
    if isinstance(value, str):
        date.fromisoformat(value)
        return len(value) == 10
    return True


@cache
def spec() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(SPEC_FILE.read_text())
    return loaded


def operation(path: str) -> tuple[str, dict[str, Any]]:
    """(operation id, operation) of a provider path such as "CFItems/<id>" or "CFDocuments"."""
    path = "/" + path.split("?", 1)[0].strip("/")
    for template, item in spec()["paths"].items():
        pattern = re.sub(r"\{[^}]+\}", "[^/]+", template)
        if re.fullmatch(pattern, path):
            return item["get"]["operationId"], item["get"]
    raise AssertionError(f"no CASE 1.1 operation serves {path}")


def schema_name(path: str, status: int) -> str:
    _, found = operation(path)
    response = found["responses"].get(str(status), found["responses"]["default"])
    name: str = response["schema"]["$ref"].rsplit("/", 1)[-1]
    return name


def validator(name: str) -> Draft4Validator:
    schema = {"$ref": f"#/definitions/{name}", "definitions": spec()["definitions"]}
    return Draft4Validator(schema, format_checker=formats)


def errors(name: str, payload: Any) -> list[str]:
    return [
        f"{'/'.join(map(str, error.absolute_path)) or '(root)'}: {error.message}"
        for error in validator(name).iter_errors(payload)
    ]


def check(path: str, status: int, payload: Any) -> str:
    """Validate a response of the provider; returns the schema's name."""
    name = schema_name(path, status)
    problems = errors(name, payload)
    assert not problems, f"{path} ({status}) is not a valid {name}:\n" + "\n".join(problems[:20])
    return name
