"""Organisation views over the API (docs/org-insights.md): heatmap, skills inventory search and
saved searches, bench strength with single points of failure and succession, rater calibration,
trends. The same scope rule as the pages (`insights/org/scope.py`): line managers and HR admins
only (403 for anyone else), a unit or manager out of reach 404; bad parameters 422 naming them.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema

from skillframe.api.auth import USER_AUTH
from skillframe.api.errors import FieldErrorsOut
from skillframe.api.schemas import ErrorOut
from skillframe.insights.models import SavedSearch
from skillframe.insights.org import bench, exports, heatmap, params, scope, search, trends
from skillframe.insights.org.calibration import Calibration
from skillframe.insights.org.calibration_data import calibration
from skillframe.people.models import RoleProfile

router = Router(auth=USER_AUTH, tags=["organisation"])
REFUSALS: dict[int, Any] = {403: ErrorOut, 404: ErrorOut, 422: FieldErrorsOut}


class ScopeIn(Schema):
    unit: str = ""
    manager: str = ""
    org: bool = False


class HeatmapIn(ScopeIn):
    role: str = ""
    elements: str = ""  # comma-separated codes
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
    return [{**m.__dict__, "fit": m.fit, "values": list(m.values)} for m in found]


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
    return 201, saved


@router.delete(
    "/insights/saved-searches/{search_id}",
    response={204: None, 404: ErrorOut},
    summary="Delete one of the caller's saved searches (another's: 404)",
)
def delete_saved(request: HttpRequest, search_id: int) -> Any:
    get_object_or_404(SavedSearch, pk=search_id, owner_id=request.user.pk).delete()
    return 204, None


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
    body: dict[str, Any] = {
        "scope": {"kind": s.kind, "label": s.label, **s.query()},
        "threshold": filters.threshold,
        "roles": [
            {
                "role": b.role.code,
                "holders": b.holders,
                "ready_now": b.bench.ready_now,
                "ready_within_one_level": b.bench.one_level,
                "candidates": b.bench.people,
                "nobody": b.bench.nobody,
            }
            for b in bench.bench_by_role(s, filters.threshold)
        ],
        "single_points_of_failure": [
            {
                "code": x.code,
                "target": x.target,
                "holders": x.holders,
                "holder": x.holder_employee_id or None,
            }
            for x in bench.single_points(s)
        ],
    }
    if filters.role:
        role = RoleProfile.objects.filter(code=filters.role).first()
        if role is None:
            raise Http404("no such role")
        body["succession"] = [
            {
                "employee_id": c.employee_id,
                "name": c.name,
                "met": c.met,
                "near": c.near,
                "requirements": c.requirements,
                "fit": c.fit,
                "ready": c.readiness(filters.threshold),
            }
            for c in bench.candidates(s, role)[:50]
        ]
    return body


def _calibration(c: Calibration) -> dict[str, Any]:
    return {
        "key": c.key,
        "label": c.label,
        "n": c.n,
        "mean": c.mean,
        "spread": c.spread,
        "low": c.low,
        "high": c.high,
        "flag": c.flag or None,
    }


@router.get(
    "/insights/calibration",
    response={200: dict[str, Any], 403: ErrorOut},
    summary="Rater calibration: manager − self level difference per manager and unit, drift",
)
def get_calibration(request: HttpRequest) -> Any:
    scope.ensure_org_view(request.user)
    view = calibration(request.user, scope.resolve(request.user, org=True))
    return {
        "raters": [_calibration(c) for c in view.raters],
        "units": [_calibration(c) for c in view.units],
        "hidden_units": view.hidden_units,
        "drift": [
            {
                "key": d.key,
                "cycles": list(d.cycles),
                "before": _calibration(d.before),
                "after": _calibration(d.after),
                "change": d.change,
            }
            for d in view.drift
        ],
    }


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
    align = trends.alignment(s)
    return {
        "scope": {"kind": s.kind, "label": s.label, **s.query()},
        "elements": [
            {
                "code": t.column.code,
                "points": [
                    {
                        "cycle": p.cycle,
                        "ends_on": p.ends_on.isoformat(),
                        "people": p.people,
                        "known": p.known,
                        "mean": p.mean,
                        "share_at_target": p.share_at_target,
                    }
                    for p in t.points
                ],
            }
            for t in trends.trends(s, columns)
        ],
        "goal_alignment": {
            "objectives": align.objectives,
            "aligned": align.aligned,
            "share": align.share,
        },
    }
