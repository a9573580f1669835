"""The REST API: OpenAPI at /api/openapi.json, interactive docs at /api/docs."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI

from skillframe import __version__
from skillframe.api.catalogue import router as catalogue_router
from skillframe.api.exchange import router as exchange_router

api = NinjaAPI(
    title="Skillframe API",
    version=__version__,
    description=(
        "Competency frameworks, people and development. Authenticate scripts with "
        "`Authorization: Bearer <token>` (create one with `skillframe tokens create USER`); "
        "the browser uses its session. Reading the catalogue may be public "
        "(SKILLFRAME_PUBLIC_CATALOGUE)."
    ),
    urls_namespace="api",
)
api.add_router("/", catalogue_router)
api.add_router("/", exchange_router)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    # Say what was not found (Django's message names the model and lookup), never leak more.
    message = str(exc) or "Not found"
    return api.create_response(request, {"detail": message}, status=404)
