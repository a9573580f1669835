"""A personal access token opens the PDF report page too, not only the API.

Scripts fetch `/people/<id>/report.pdf` (and `?format=pdf` of the report pages) with the same
`Authorization: Bearer` header they send to the API; without this the page answered them with a
redirect to the sign-in form. Only these GET downloads accept a token: every other page stays a
browser page (session, CSRF). A token that is wrong or revoked is a 401, as in the API. The
token acts as its owner: the page's own access rule then decides (404 for a hidden person).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse

from skillframe.api.auth import token_auth

PDF_PAGES = {"person_report_pdf"}
PDF_FORMAT_PAGES = {"report", "person_report"}  # PDF with ?format=pdf


class ReportBearerMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        header = request.headers.get("Authorization", "")
        match = request.resolver_match
        if request.method != "GET" or not header.startswith("Bearer ") or match is None:
            return None
        name = match.view_name
        if name not in PDF_PAGES and not (
            name in PDF_FORMAT_PAGES and request.GET.get("format") == "pdf"
        ):
            return None
        if token_auth.authenticate(request, header.removeprefix("Bearer ").strip()) is None:
            return JsonResponse({"detail": "Unauthorized"}, status=401)
        return None
