"""The framework file of an API import, from a multipart upload or a JSON body.

Scripts often hold a CASE package as JSON already, and some clients cannot build multipart
requests; both shapes end as the same bytes for `exchange.import_file`. Input errors are Django
ValidationErrors naming the field, which the API answers with 422.
"""

from __future__ import annotations

import base64
import binascii
import io
import json
from dataclasses import dataclass
from typing import Any, BinaryIO

from django.core.exceptions import ValidationError
from django.http import HttpRequest

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"", "0", "false", "no", "off"}


@dataclass(frozen=True)
class Upload:
    data: BinaryIO
    name: str
    format: str
    slug: str | None
    replace: bool


def read_upload(request: HttpRequest) -> Upload:
    if request.content_type == "application/json":
        return _from_json(request.body)
    return _from_form(request)


def _from_form(request: HttpRequest) -> Upload:
    errors: dict[str, str] = {}
    file = request.FILES.get("file")
    if file is None:
        errors["file"] = "send the framework file as the multipart field 'file'"
    format_name = request.POST.get("format", "")
    if not format_name:
        errors["format"] = "this field is required"
    replace = request.POST.get("replace", "").strip().lower()
    if replace not in _TRUE | _FALSE:
        errors["replace"] = "use true or false"
    if errors:
        raise ValidationError(errors)
    assert file is not None
    return Upload(
        data=file,  # type: ignore[arg-type]  # an UploadedFile reads and seeks as a binary file
        name=file.name or "the upload",
        format=format_name,
        slug=request.POST.get("slug") or None,
        replace=replace in _TRUE,
    )


def _from_json(body: bytes) -> Upload:
    try:
        payload = json.loads(body)
    except (ValueError, RecursionError):
        raise ValidationError({"body": "the request body is not valid JSON"}) from None
    if not isinstance(payload, dict):
        raise ValidationError({"body": "send a JSON object"})
    errors: dict[str, str] = {}
    format_name = payload.get("format")
    if not isinstance(format_name, str) or not format_name:
        errors["format"] = "this field is required (a format name)"
    slug = payload.get("slug")
    if slug is not None and not isinstance(slug, str):
        errors["slug"] = "must be a string"
    replace = payload.get("replace", False)
    if not isinstance(replace, bool):
        errors["replace"] = "must be true or false"
    data = _content(payload, errors)
    if errors:
        raise ValidationError(errors)
    assert data is not None and isinstance(format_name, str)
    name = payload.get("filename")
    return Upload(
        data=io.BytesIO(data),
        name=name if isinstance(name, str) and name else "the request body",
        format=format_name,
        slug=slug or None,
        replace=replace,
    )


def _content(payload: dict[str, Any], errors: dict[str, str]) -> bytes | None:
    has_text, has_base64 = "content" in payload, "content_base64" in payload
    if has_text == has_base64:
        errors["content"] = "give exactly one of content and content_base64"
        return None
    if has_base64:
        encoded = payload["content_base64"]
        if not isinstance(encoded, str):
            errors["content_base64"] = "must be a base64 string"
            return None
        try:
            return base64.b64decode(encoded, validate=True)
        except (binascii.Error, ValueError):
            errors["content_base64"] = "is not valid base64"
            return None
    content = payload["content"]
    if isinstance(content, str):
        return content.encode("utf-8")
    if isinstance(content, dict | list):
        # A CASE package or Skillframe JSON sent as the document itself.
        return json.dumps(content, ensure_ascii=False).encode("utf-8")
    errors["content"] = "must be the file's text or a JSON document"
    return None
