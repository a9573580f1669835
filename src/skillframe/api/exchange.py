"""Framework downloads in every format, and imports (HR admins: frameworks.add_framework)."""

from typing import Any, BinaryIO, cast

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from skillframe.api.auth import CATALOGUE_AUTH, USER_AUTH
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
def export_framework(request: HttpRequest, slug: str, format: str = "json") -> Any:
    framework = get_object_or_404(Framework, slug=slug)
    if format not in exchange.FORMAT_NAMES:
        known = ", ".join(exchange.FORMAT_NAMES)
        return 422, {"detail": f"unknown format {format!r} (known: {known})"}
    result = exchange.export(framework, format)
    response = HttpResponse(result.content, content_type=result.media_type)
    response["Content-Disposition"] = f'attachment; filename="{result.filename}"'
    return response


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


@router.post(
    "/frameworks/import",
    auth=USER_AUTH,
    response={201: ImportOut, 400: ImportErrorOut, 403: ErrorOut, 409: ErrorOut},
    summary="Import a framework file (validated whole; nothing is written on error)",
)
def import_framework(
    request: HttpRequest,
    file: File[UploadedFile],
    format: Form[str],
    slug: Form[str | None] = None,
    replace: Form[bool] = False,
) -> Any:
    if not request.user.has_perm("frameworks.add_framework"):
        detail = "importing frameworks needs the frameworks.add_framework permission"
        return Status(403, {"detail": detail})
    try:
        # An UploadedFile proxies read() and seek() to the binary file it wraps.
        data = cast(BinaryIO, file)
        result = exchange.import_file(data, format, slug=slug or None, replace_existing=replace)
    except exchange.FormatError as exc:
        return Status(
            400,
            {
                "detail": f"{len(exc.problems)} problem(s) in {file.name}; nothing was imported"
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
