"""The REST API: OpenAPI at /api/openapi.json, interactive docs at /api/docs."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI, Schema
from ninja.errors import ValidationError as SchemaValidationError
from ninja.openapi.schema import OpenAPISchema

from skillframe import __version__
from skillframe.api.assessments import router as assessments_router
from skillframe.api.audit import router as audit_router
from skillframe.api.authoring import reading as versions_router
from skillframe.api.authoring import router as authoring_router
from skillframe.api.catalogue import router as catalogue_router
from skillframe.api.cycle_ops import router as cycle_ops_router
from skillframe.api.errors import FieldErrorsOut, django_field_errors, schema_field_errors
from skillframe.api.evidence import router as evidence_router
from skillframe.api.exchange import router as exchange_router
from skillframe.api.hr import router as hr_router
from skillframe.api.hr_imports import router as hr_imports_router
from skillframe.api.insights import router as insights_router
from skillframe.api.matching import router as matching_router
from skillframe.api.notifications import router as notifications_router
from skillframe.api.org_insights import router as org_insights_router
from skillframe.api.people import router as people_router
from skillframe.api.plans import router as plans_router
from skillframe.api.quality import router as quality_router
from skillframe.api.reminders import router as reminders_router
from skillframe.api.reports import router as reports_router
from skillframe.api.roles import router as roles_router
from skillframe.api.schemas import ErrorOut
from skillframe.api.self_assessments import router as self_assessments_router
from skillframe.api.team import router as team_router
from skillframe.api.token_api import router as token_router

# Answers any operation may give, whatever it declares itself: the error shapes of
# api/errors.py. Documented once here so the OpenAPI document tells clients (and Schemathesis,
# tests/api/test_schemathesis.py) every status they can meet.
_COMMON: dict[str, tuple[str, type[Schema]]] = {
    "400": ("Request body that is not JSON, or an upload the format cannot read", ErrorOut),
    "401": ("No valid session or bearer token", ErrorOut),
    "404": ("An object named in the path or a filter does not exist or is not visible", ErrorOut),
    "422": ("Invalid input: each problem names its field", FieldErrorsOut),
}


class SkillframeAPI(NinjaAPI):
    """NinjaAPI whose OpenAPI document lists the common error answers of every operation."""

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        for _, model in _COMMON.values():
            definition = model.model_json_schema(ref_template="#/components/schemas/{model}")
            components.update(definition.pop("$defs", {}))
            components.setdefault(model.__name__, definition)
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                _add_common_answers(operation)
        return schema


def _add_common_answers(operation: dict[str, Any]) -> None:
    responses = operation.setdefault("responses", {})
    takes_input = bool(operation.get("parameters") or operation.get("requestBody"))
    wanted = {
        "400": "requestBody" in operation,
        "401": bool(operation.get("security")),
        "404": takes_input,
        "422": takes_input,
    }
    for status, (description, model) in _COMMON.items():
        if wanted[status] and status not in responses:
            ref = {"$ref": f"#/components/schemas/{model.__name__}"}
            responses[status] = {
                "description": description,
                "content": {"application/json": {"schema": ref}},
            }


api = SkillframeAPI(
    title="Skillframe API",
    version=__version__,
    description=(
        "Competency frameworks, people and development. Authenticate scripts with "
        "`Authorization: Bearer <token>`: create a personal access token on the "
        "[API tokens page](/account/tokens/) (or `skillframe tokens create USER`); the browser "
        "uses its session. Reading the catalogue may be public (SKILLFRAME_PUBLIC_CATALOGUE); "
        "everything else needs a signed-in caller and shows only the people the caller may see "
        'in the app. Errors are `{"detail": "..."}`, or for invalid input (422) '
        '`{"detail": [{"field": "...", "message": "..."}]}`.'
    ),
    urls_namespace="api",
)
# The exchange router first: its POST /frameworks/import must be matched before the
# catalogue's GET /frameworks/{slug} takes the path and answers 405.
api.add_router("/", exchange_router)
# The imports before the routers whose `/people/{employee_id}` and `/roles/{code}` would take
# `/people/import` and `/roles/import`.
api.add_router("/", hr_imports_router)
api.add_router("/", versions_router)
api.add_router("/", catalogue_router)
api.add_router("/", people_router)
api.add_router("/", roles_router)
api.add_router("/", assessments_router)
api.add_router("/", notifications_router)
api.add_router("/", insights_router)
api.add_router("/", org_insights_router)
api.add_router("/", plans_router)
api.add_router("/", audit_router)
api.add_router("/", authoring_router)
api.add_router("/", evidence_router)
api.add_router("/", reminders_router)
api.add_router("/", hr_router)
api.add_router("/", cycle_ops_router)
api.add_router("/", self_assessments_router)
api.add_router("/", team_router)
api.add_router("/", reports_router)
api.add_router("/", token_router)
api.add_router("/", quality_router)
api.add_router("/", matching_router)


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
