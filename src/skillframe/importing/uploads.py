"""Refusing an upload that is too large before Django reads it.

Django bounds the form fields of a request (DATA_UPLOAD_MAX_MEMORY_SIZE) but not its files: an
upload of any size is written to a temporary file before a view sees it. Every upload we take is
an import, whose own limit (SKILLFRAME_IMPORT_MAX_FILE_MB) is checked again on the file itself;
this middleware refuses, from the Content-Length header alone, a request that could only carry a
file past that limit, so nothing of it is read or written.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse

MiB = 1024 * 1024


class UploadLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit: int = settings.UPLOAD_MAX_BYTES
        try:
            size = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            size = 0
        if size <= limit:
            return self.get_response(request)
        message = (
            f"The request is {size / MiB:.1f} MB, more than an upload may be: files are "
            f"limited to {settings.IMPORT_MAX_FILE_BYTES // MiB} MB "
            "(SKILLFRAME_IMPORT_MAX_FILE_MB). Nothing was changed."
        )
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": message}, status=413)
        return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
