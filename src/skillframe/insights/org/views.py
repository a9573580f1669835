"""Organisation pages: heatmap (+ exports), skills inventory search with saved searches, bench
strength and succession, rater calibration, trends. Thin: parameters (`params.py`), the scope
through the access rule (`scope.py`), the domain modules, render. docs/org-insights.md."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
    StreamingHttpResponse,
)
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from skillframe.frameworks.models import Framework
from skillframe.http import confirm_token, is_confirmed
from skillframe.insights.models import SavedSearch
from skillframe.insights.org import bench, exports, heatmap, params, scope, search, trends
from skillframe.insights.org.calibration import MIN_N
from skillframe.insights.org.calibration_data import calibration
from skillframe.insights.org.kernel import group_text, share_class
from skillframe.insights.org.rows_html import person_rows_html
from skillframe.people.access import is_hr_admin, person_of
from skillframe.people.models import RoleProfile


def _default_manager(request: HttpRequest) -> str:
    """A line manager who is not HR starts on their own team; HR on the organisation."""
    me = person_of(request.user)
    if me is None or is_hr_admin(request.user):
        return ""
    return me.employee_id


def _scope(request: HttpRequest, q: params.HeatmapQuery) -> scope.Scope:
    try:
        return scope.resolve(request.user, **q.scope_kwargs())  # type: ignore[arg-type]
    except ValueError as exc:
        raise ValidationError({"scope": str(exc)}) from exc


def _errors(exc: ValidationError) -> list[str]:
    return [f"{k}: {m}" for k, ms in exc.message_dict.items() for m in ms]


@login_required
def heatmap_page(request: HttpRequest) -> HttpResponse:
    scope.ensure_org_view(request.user)
    try:
        q = params.read(request.GET, _default_manager(request))
        s = _scope(request, q)
        columns, role = params.columns(q, s)
    except ValidationError as exc:
        return render(request, "insights/org/heatmap.html", {"errors": _errors(exc)}, status=400)
    hm = heatmap.build(request.user, s, columns, q.by, q.options)
    columns_query = {"role": role.code} if role else {}
    if q.elements:
        columns_query["elements"] = ",".join(q.elements)
    if q.framework:
        columns_query["framework"] = q.framework
    base = {**s.query(), **columns_query}
    # Built and escaped cell by cell in rows_html.py (the template costs seconds at 30,000).
    people = mark_safe(person_rows_html(hm.people, hm.columns, columns_query))
    units = [
        {
            "row": r,
            "drill": urlencode(
                {**columns_query, "unit": r.code, "by": "person" if r.direct else "unit"}
            ),
            "cells": [
                (c, cell, group_text(c, cell), share_class(cell.share_at_target()))
                for c, cell in zip(hm.columns, r.cells, strict=False)
            ],
        }
        for r in hm.units
    ]
    context: dict[str, Any] = {
        "hm": hm,
        "q": q,
        "role": role,
        "roles": RoleProfile.objects.order_by("title"),
        "frameworks": Framework.objects.order_by("title").only("slug", "title"),
        "people": people,
        "people_count": len(hm.people),
        "units": units,
        "base": urlencode(base),
        "export": urlencode({**request.GET.dict(), **s.query()}),
        "min_group": scope.min_group_size(),
    }
    return render(request, "insights/org/heatmap.html", context)


@login_required
def heatmap_export(request: HttpRequest, fmt: str) -> HttpResponse:
    scope.ensure_org_view(request.user)
    if fmt not in ("csv", "xlsx"):
        raise Http404("no such export format")
    try:
        q = params.read(request.GET, _default_manager(request))
        s = _scope(request, q)
        columns, _role = params.columns(q, s)
    except ValidationError as exc:
        return HttpResponse("\n".join(_errors(exc)), status=400, content_type="text/plain")
    hm = heatmap.build(request.user, s, columns, q.by, q.options)
    if fmt == "csv":
        response: HttpResponse = StreamingHttpResponse(
            exports.csv_lines(hm), content_type="text/csv; charset=utf-8"
        )  # type: ignore[assignment]
    else:
        response = HttpResponse(
            exports.xlsx_bytes(hm),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="heatmap.{fmt}"'
    return response


@login_required
def who_page(request: HttpRequest) -> HttpResponse:
    scope.ensure_org_view(request.user)
    text = request.GET.get("q", "").strip()
    validated = params.flag(request.GET, "validated") or "q" not in request.GET
    context: dict[str, Any] = {
        "text": text,
        "validated": validated,
        "saved": SavedSearch.objects.filter(owner=request.user),
        "matches": None,
        "errors": [],
    }
    status_code = 200
    if text:
        try:
            conditions = search.parse(text)
            s = scope.resolve(request.user, org=True)
            context["conditions"] = conditions
            context["matches"] = search.who(s, conditions, validated_only=validated)
        except ValidationError as exc:
            context["errors"] = _errors(exc)
            status_code = 400
    return render(request, "insights/org/who.html", context, status=status_code)


@require_POST
@login_required
def search_save(request: HttpRequest) -> HttpResponse:
    scope.ensure_org_view(request.user)
    text = request.POST.get("q", "").strip()
    name = request.POST.get("name", "").strip()[:120]
    validated = params.flag(request.POST, "validated")
    errors = []
    try:
        search.resolve(search.parse(text))
    except ValidationError as exc:
        errors = _errors(exc)
    if not name:
        errors.append("name: give the search a name")
    if not errors:
        try:
            with transaction.atomic():
                SavedSearch.objects.create(
                    owner=request.user, name=name, query=text, validated_only=validated
                )
        except IntegrityError:
            errors.append(f"name: you already have a search called “{name}”")
    if errors:
        context = {
            "text": text,
            "validated": validated,
            "saved": SavedSearch.objects.filter(owner=request.user),
            "matches": None,
            "errors": errors,
        }
        return render(request, "insights/org/who.html", context, status=400)
    query = urlencode({"q": text, **({"validated": "1"} if validated else {"validated": "0"})})
    return HttpResponseRedirect(f"{reverse('insights:org_who')}?{query}")


DELETE = "saved-search.delete"


@login_required
def search_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the confirmation step; POST with its token: delete (docs/irreversible-actions.md).
    Someone else's saved search: 404, hidden and missing answer the same."""
    saved = get_object_or_404(SavedSearch, pk=pk, owner=request.user)
    target = str(saved.pk)
    if request.method == "POST" and is_confirmed(request, DELETE, target):
        saved.delete()
        return HttpResponseRedirect(reverse("insights:org_who"))
    context = {
        "heading": f"Delete the saved search “{saved.name}”?",
        "lead": f"The search {saved.query} will no longer be in your list; this cannot be undone.",
        "consequences": ["Nobody else is affected: saved searches are yours alone."],
        "action_url": request.path,
        "token": confirm_token(DELETE, target),
        "confirm_label": "Delete the saved search",
        "cancel_url": reverse("insights:org_who"),
        "cancel_label": "Keep it",
        "unconfirmed": request.method == "POST",
    }
    return render(request, "confirm.html", context, status=400 if request.method == "POST" else 200)


@login_required
def bench_page(request: HttpRequest) -> HttpResponse:
    scope.ensure_org_view(request.user)
    try:
        q = params.read(request.GET, _default_manager(request))
        s = _scope(request, q)
        threshold = float(request.GET.get("threshold", "") or bench.DEFAULT_THRESHOLD)
        if not 0 < threshold <= 1:
            raise ValidationError({"threshold": "give a share between 0 (excluded) and 1"})
    except ValueError:
        return render(
            request, "insights/org/bench.html", {"errors": ["threshold: not a number"]}, status=400
        )
    except ValidationError as exc:
        return render(request, "insights/org/bench.html", {"errors": _errors(exc)}, status=400)
    role = None
    succession: list[Any] = []
    if q.role:
        role = RoleProfile.objects.filter(code=q.role).first()
        if role is None:
            raise Http404("no such role")
        succession = [(c, c.readiness(threshold)) for c in bench.candidates(s, role)[:50]]
    context = {
        "scope": s,
        "base": urlencode(s.query()),
        "threshold": threshold,
        "benches": bench.bench_by_role(s, threshold),
        "spofs": bench.single_points(s),
        "role": role,
        "succession": succession,
    }
    return render(request, "insights/org/bench.html", context)


@login_required
def calibration_page(request: HttpRequest) -> HttpResponse:
    scope.ensure_org_view(request.user)
    s = scope.resolve(request.user, org=True)
    context = {"view": calibration(request.user, s), "min_n": MIN_N}
    return render(request, "insights/org/calibration.html", context)


@login_required
def trends_page(request: HttpRequest) -> HttpResponse:
    scope.ensure_org_view(request.user)
    try:
        q = params.read(request.GET, _default_manager(request))
        s = _scope(request, q)
        columns, role = params.columns(q, s)
    except ValidationError as exc:
        return render(request, "insights/org/trends.html", {"errors": _errors(exc)}, status=400)
    found = trends.trends(s, columns)
    context = {
        "scope": s,
        "role": role,
        "trends": found,
        "cycles": found[0].points if found else [],
        "alignment": trends.alignment(s),
    }
    return render(request, "insights/org/trends.html", context)
