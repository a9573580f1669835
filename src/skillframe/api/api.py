"""The REST API: OpenAPI at /api/openapi.json, interactive docs at /api/docs."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import ValidationError as SchemaValidationError

from skillframe import __version__
from skillframe.api.assessments import router as assessments_router
from skillframe.api.catalogue import router as catalogue_router
from skillframe.api.errors import django_field_errors, schema_field_errors
from skillframe.api.exchange import router as exchange_router
from skillframe.api.insights import router as insights_router
from skillframe.api.notifications import router as notifications_router
from skillframe.api.people import router as people_router
from skillframe.api.plans import router as plans_router
from skillframe.api.roles import router as roles_router

api = NinjaAPI(
    title="Skillframe API",
    version=__version__,
    description=(
        "Competency frameworks, people and development. Authenticate scripts with "
        "`Authorization: Bearer <token>`: create a personal access token on the "
        "[API tokens page](/account/tokens/) (or `skillframe tokens create USER`); the browser "
        "uses its session. Reading the catalogue may be public (SKILLFRAME_PUBLIC_CATALOGUE); "
        "everything else needs a signed-in caller and shows only the people the caller may see "
        'in the app. Errors are `{"detail": "..."}`, or for invalid input (422) '
        '`{"detail": [{"field": "...", "message": "..."}]}`. See docs/api.md.'
    ),
    urls_namespace="api",
)
# Before the catalogue: its GET /frameworks/{slug} would otherwise take /frameworks/import and
# answer every POST to it 405.
api.add_router("/", exchange_router)
api.add_router("/", catalogue_router)
api.add_router("/", people_router)
api.add_router("/", roles_router)
api.add_router("/", assessments_router)
api.add_router("/", notifications_router)
api.add_router("/", insights_router)
api.add_router("/", plans_router)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    # Say what was not found (Django's message names the model and lookup), never leak more.
    message = str(exc) or "Not found"
    return api.create_response(request, {"detail": message}, status=404)


@api.exception_handler(PermissionDenied)
def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    # Raised only after the caller was shown the object exists (see the access rule): a 403.
    return api.create_response(request, {"detail": str(exc) or "Forbidden"}, status=403)


@api.exception_handler(DjangoValidationError)
def invalid(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    return api.create_response(request, {"detail": django_field_errors(exc)}, status=422)


@api.exception_handler(SchemaValidationError)
def invalid_schema(request: HttpRequest, exc: SchemaValidationError) -> HttpResponse:
    return api.create_response(request, {"detail": schema_field_errors(exc.errors)}, status=422)
