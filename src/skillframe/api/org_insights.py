"""Organisation views over the API (docs/org-insights.md): heatmap, skills inventory search and
saved searches, bench strength with single points of failure and succession, rater calibration,
trends. The same scope rule as the pages (`insights/org/scope.py`): line managers and HR admins
only (403 for anyone else), a unit or manager out of reach 404; bad parameters 422 naming them.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema, Status

from skillframe.api.auth import USER_AUTH
from skillframe.api.errors import FieldErrorsOut
from skillframe.api.schemas import ErrorOut
from skillframe.insights.models import SavedSearch
from skillframe.insights.org import bench, exports, heatmap, params, scope, search, serialize
from skillframe.insights.org.calibration_data import calibration

router = Router(auth=USER_AUTH, tags=["organisation"])
REFUSALS: dict[int, Any] = {403: ErrorOut, 404: ErrorOut, 422: FieldErrorsOut}


class ScopeIn(Schema):
    unit: str = ""
    manager: str = ""
    org: bool = False


class HeatmapIn(ScopeIn):
    role: str = ""
    elements: str = ""  # comma-separated codes
    framework: str = ""  # every skill or unit of a framework (slug)
    by: str = "person"
    validated: bool = False
    stale: bool = False
    sort: str = "person"
    element: str = ""


def _read(request: HttpRequest, filters: Schema) -> params.HeatmapQuery:
    raw = {
        k: ("1" if v is True else "" if v is False else str(v)) for k, v in filters.dict().items()
    }
    return params.read(raw)


def _scope(request: HttpRequest, q: params.HeatmapQuery) -> scope.Scope:
    try:
        return scope.resolve(request.user, **q.scope_kwargs())  # type: ignore[arg-type]
    except ValueError as exc:
        raise ValidationError({"scope": str(exc)}) from exc


@router.get(
    "/insights/heatmap",
    response={200: dict[str, Any], **REFUSALS},
    summary="Heatmap: people or units × a role's requirements or chosen elements",
)
def get_heatmap(request: HttpRequest, filters: Query[HeatmapIn]) -> Any:
    scope.ensure_org_view(request.user)
    q = _read(request, filters)
    s = _scope(request, q)
    columns, _role = params.columns(q, s)
    return exports.as_dict(heatmap.build(request.user, s, columns, q.by, q.options))


class WhoIn(Schema):
    q: str
    validated: bool = True


class MatchOut(Schema):
    employee_id: str
    name: str
    unit: str
    met: int
    conditions: int
    fit: float
    surplus: float
    validated: int
    values: list[float | None]


@router.get(
    "/insights/who",
    response={200: list[MatchOut], **REFUSALS},
    summary="Skills inventory search: q=CODE>=LEVEL … (NOS: CODE), ranked by fit",
)
def get_who(request: HttpRequest, filters: Query[WhoIn]) -> Any:
    scope.ensure_org_view(request.user)
    s = scope.resolve(request.user, org=True)
    found = search.who(s, search.parse(filters.q), validated_only=filters.validated)
    return [serialize.match_dict(m) for m in found]


class SavedIn(Schema):
    name: str
    query: str
    validated_only: bool = True


class SavedOut(Schema):
    id: int
    name: str
    query: str
    validated_only: bool


@router.get(
    "/insights/saved-searches",
    response={200: list[SavedOut], 403: ErrorOut},
    summary="The caller's saved searches",
)
def list_saved(request: HttpRequest) -> Any:
    scope.ensure_org_view(request.user)
    return list(SavedSearch.objects.filter(owner_id=request.user.pk))


@router.post(
    "/insights/saved-searches",
    response={201: SavedOut, **REFUSALS},
    summary="Save a skills search (its conditions are checked first)",
)
def create_saved(request: HttpRequest, body: SavedIn) -> Any:
    scope.ensure_org_view(request.user)
    search.resolve(search.parse(body.query))
    owner = request.user.pk
    assert owner is not None  # USER_AUTH: a signed-in user
    name = body.name.strip()
    if not name or len(name) > 120:
        raise ValidationError({"name": "give a name of 1 to 120 characters"})
    try:
        with transaction.atomic():
            saved = SavedSearch.objects.create(
                owner_id=owner,
                name=name,
                query=body.query.strip(),
                validated_only=body.validated_only,
            )
    except IntegrityError:
        raise ValidationError({"name": f"you already have a search called {name!r}"}) from None
    return Status(201, saved)


@router.delete(
    "/insights/saved-searches/{search_id}",
    response={204: None, 404: ErrorOut},
    summary="Delete one of the caller's saved searches (another's: 404)",
)
def delete_saved(request: HttpRequest, search_id: int) -> Any:
    get_object_or_404(SavedSearch, pk=search_id, owner_id=request.user.pk).delete()
    return Status(204, None)


class BenchIn(ScopeIn):
    role: str = ""
    threshold: float = bench.DEFAULT_THRESHOLD


@router.get(
    "/insights/bench",
    response={200: dict[str, Any], **REFUSALS},
    summary="Bench strength per role held in the scope, single points of failure, succession",
)
def get_bench(request: HttpRequest, filters: Query[BenchIn]) -> Any:
    scope.ensure_org_view(request.user)
    if not 0 < filters.threshold <= 1:
        raise ValidationError({"threshold": "give a share between 0 (excluded) and 1"})
    q = params.read(
        {"unit": filters.unit, "manager": filters.manager, "org": "1" if filters.org else ""}
    )
    s = _scope(request, q)
    return serialize.bench_dict(s, filters.threshold, filters.role)


@router.get(
    "/insights/calibration",
    response={200: dict[str, Any], 403: ErrorOut},
    summary="Rater calibration: manager − self level difference per manager and unit, drift",
)
def get_calibration(request: HttpRequest) -> Any:
    scope.ensure_org_view(request.user)
    view = calibration(request.user, scope.resolve(request.user, org=True))
    return serialize.calibration_dict(view)


@router.get(
    "/insights/trends",
    response={200: dict[str, Any], **REFUSALS},
    summary="Validated capability per element across cycles, and goal alignment",
)
def get_trends(request: HttpRequest, filters: Query[HeatmapIn]) -> Any:
    scope.ensure_org_view(request.user)
    q = _read(request, filters)
    s = _scope(request, q)
    columns, _role = params.columns(q, s)
    return serialize.trends_dict(s, columns)
