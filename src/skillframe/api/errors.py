"""One error shape for the whole API: `{"detail": "text"}` for 401/403/404/409 and
`{"detail": [{"field": ..., "message": ...}]}` for 422, whether the request failed ninja's schema
validation or the domain's (Django `ValidationError` raised by models and `record_rating`)."""

from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from ninja import Schema


class FieldErrorOut(Schema):
    field: str | None
    message: str


class FieldErrorsOut(Schema):
    detail: list[FieldErrorOut]


def django_field_errors(exc: ValidationError) -> list[dict[str, Any]]:
    """The messages of a Django ValidationError, each with the field it names (None if none)."""
    if hasattr(exc, "error_dict"):
        return [
            {"field": None if field == NON_FIELD_ERRORS else field, "message": message}
            for field, messages in exc.message_dict.items()
            for message in messages
        ]
    return [{"field": None, "message": message} for message in exc.messages]


def _field_of(loc: list[Any]) -> str | None:
    # ninja reports ["body", "payload", "source"] or ["query", "limit"]: drop where the value was
    # sent (and the body parameter's own name) so the field reads as the client spelled it.
    parts = [str(part) for part in loc]
    if parts and parts[0] in ("body", "form", "file"):
        parts = parts[2:] if len(parts) > 2 else parts[1:]
    elif parts:
        parts = parts[1:]
    return ".".join(parts) or None


def schema_field_errors(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """ninja's pydantic errors with `field` and `message` added (its own keys are kept)."""
    return [
        {**error, "field": _field_of(list(error.get("loc", []))), "message": error.get("msg", "")}
        for error in errors
    ]
