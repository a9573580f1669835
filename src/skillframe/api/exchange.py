"""Framework downloads in every format, and imports (HR admins: frameworks.add_framework)."""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.decorators import decorate_view

from skillframe.api.auth import CATALOGUE_AUTH, USER_AUTH
from skillframe.api.etag import conditional
from skillframe.api.exchange_upload import read_upload
from skillframe.api.schemas import ErrorOut
from skillframe.frameworks import exchange
from skillframe.frameworks.models import Framework

router = Router(tags=["exchange"])


@router.get(
    "/frameworks/{slug}/export",
    auth=CATALOGUE_AUTH,
    response={200: None, 404: ErrorOut, 422: ErrorOut},
    summary="Download a framework: format = case | json | csv | xlsx | moodle",
)
@decorate_view(conditional)
def export_framework(request: HttpRequest, slug: str, format: str = "json") -> Any:
    framework = get_object_or_404(Framework, slug=slug)
    if format not in exchange.FORMAT_NAMES:
        known = ", ".join(exchange.FORMAT_NAMES)
        return Status(422, {"detail": f"unknown format {format!r} (known: {known})"})
    result = exchange.export(framework, format)
    response = HttpResponse(result.content, content_type=result.media_type)
    response["Content-Disposition"] = f'attachment; filename="{result.filename}"'
    return response


@router.get("/frameworks/import", auth=CATALOGUE_AUTH, include_in_schema=False)
def no_framework_named_import(request: HttpRequest) -> Any:
    # GET /frameworks/{slug} with slug "import" reaches this path, which the import below owns:
    # answer as for any framework that does not exist (no framework may take that slug).
    raise Http404("no framework with slug 'import' (a reserved word)")


class ProblemOut(Schema):
    where: str
    field: str
    value: str
    message: str


class ImportErrorOut(Schema):
    detail: str
    problems: list[ProblemOut] = []
    # Every problem counted; `problems` lists the first ones (SKILLFRAME_IMPORT_MAX_PROBLEMS).
    problem_count: int = 0


class ImportOut(Schema):
    slug: str
    title: str
    created: int
    updated: int
    deleted: int
    unchanged: int


_IMPORT_BODY = {
    "required": True,
    "content": {
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "required": ["file", "format"],
                "properties": {
                    "file": {"type": "string", "format": "binary"},
                    "format": {"type": "string", "enum": list(exchange.FORMAT_NAMES)},
                    "slug": {"type": "string"},
                    "replace": {"type": "boolean", "default": False},
                },
            }
        },
        "application/json": {
            "schema": {
                "type": "object",
                "required": ["format"],
                "description": "Give the file as `content` (text, or for case/json the "
                "document itself) or as `content_base64` (any format; xlsx needs it).",
                "properties": {
                    "format": {"type": "string", "enum": list(exchange.FORMAT_NAMES)},
                    "content": {},
                    "content_base64": {"type": "string"},
                    "filename": {"type": "string"},
                    "slug": {"type": "string"},
                    "replace": {"type": "boolean", "default": False},
                },
            }
        },
    },
}


@router.post(
    "/frameworks/import",
    auth=USER_AUTH,
    response={201: ImportOut, 400: ImportErrorOut, 403: ErrorOut, 409: ErrorOut},
    summary="Import a framework file (validated whole; nothing is written on error)",
    description="A multipart upload (`file`, `format`, `slug`, `replace`) or a JSON body. "
    "Replacing a framework is refused (409) when it would delete elements that ratings, role "
    "requirements or plans use; the message lists them.",
    openapi_extra={"requestBody": _IMPORT_BODY},
)
def import_framework(request: HttpRequest) -> Any:
    if not request.user.has_perm("frameworks.add_framework"):
        return Status(
            403, {"detail": "importing frameworks needs the frameworks.add_framework permission"}
        )
    upload = read_upload(request)
    try:
        result = exchange.import_file(
            upload.data,
            upload.format,
            slug=upload.slug,
            replace_existing=upload.replace,
            actor=request.user,
        )
    except exchange.FormatError as exc:
        return Status(
            400,
            {
                "detail": f"{len(exc.problems)} problem(s) in {upload.name}; nothing was imported"
                + (f"; the first {len(exc.reported)} are listed" if exc.unreported else ""),
                "problems": [problem.__dict__ for problem in exc.reported],
                "problem_count": len(exc.problems),
            },
        )
    except exchange.ImportRefused as exc:
        return Status(409, {"detail": str(exc)})
    framework = result.framework
    return Status(
        201,
        {
            "slug": framework.slug,
            "title": framework.title,
            "created": result.created,
            "updated": result.updated,
            "deleted": result.deleted,
            "unchanged": result.unchanged,
        },
    )
