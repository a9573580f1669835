"""The audit trail for HR: `/audit/` lists events with filters and paging, `/audit/export.csv`
downloads what the filters select. Organisation-wide HR admins and superusers only
(`access.reads_audit`; docs/audit.md); everyone else signed in gets 403."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render

from skillframe.audit.reading import EventFilters, csv_lines, events
from skillframe.people.access import ensure_audit_reader

PAGE_SIZE = 50


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None  # a malformed day filters nothing, as an empty one


def _filters(request: HttpRequest) -> EventFilters:
    get = request.GET
    return EventFilters(
        who=get.get("who", "").strip(),
        action=get.get("action", "").strip(),
        since=_day(get.get("since", "").strip()),
        until=_day(get.get("until", "").strip()),
        target=get.get("target", "").strip(),
    )


@login_required
def audit_list(request: HttpRequest) -> HttpResponse:
    ensure_audit_reader(request.user)
    filters = _filters(request)
    page = Paginator(events(filters), PAGE_SIZE).get_page(request.GET.get("page"))
    context: dict[str, Any] = {"page": page, "filters": filters}
    return render(request, "people/audit_list.html", context)


@login_required
def audit_export(request: HttpRequest) -> HttpResponse:
    ensure_audit_reader(request.user)
    found = events(_filters(request)).iterator()
    response = StreamingHttpResponse(csv_lines(found), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="audit.csv"'
    return response
