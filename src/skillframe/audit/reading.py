"""Reading the audit trail: filters (who, what, when, object) and the rows of an export.

Shared by the HR page (`people/views_audit.py`), the API (`GET /api/audit`) and
`skillframe audit export`, so each shows the same events the same way. Who may read is decided
above this leaf app (`people.access.reads_audit`). CSV cells go through
`importing.cells.to_csv_cell` (formula-safe).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from skillframe.audit.models import AuditEvent
from skillframe.importing.cells import to_csv_cell

COLUMNS = ("id", "when", "actor", "action", "target", "data")


@dataclass(frozen=True)
class EventFilters:
    """Each filter narrows the events; empty ones are ignored."""

    who: str = ""  # part of the actor's username; "-" for events without one (CLI, system)
    action: str = ""  # an action ("person.update") or its prefix ("person.", "login")
    since: date | None = None  # from the start of this day (server time zone)
    until: date | None = None  # to the end of this day
    target: str = ""  # part of the object ("people.person:12", "roles.csv")


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def events(filters: EventFilters) -> QuerySet[AuditEvent]:
    """The events matching `filters`, newest first, with their actors loaded."""
    found = AuditEvent.objects.select_related("actor").order_by("-created_at", "-id")
    if filters.who == "-":
        found = found.filter(actor__isnull=True)
    elif filters.who:
        found = found.filter(actor__username__icontains=filters.who)
    if filters.action:
        found = found.filter(action__startswith=filters.action)
    if filters.since is not None:
        found = found.filter(created_at__gte=_day_start(filters.since))
    if filters.until is not None:
        found = found.filter(created_at__lt=_day_start(filters.until + timedelta(days=1)))
    if filters.target:
        found = found.filter(target__icontains=filters.target)
    return found


def event_row(event: AuditEvent) -> dict[str, Any]:
    """One event as plain data (the JSON export and the API)."""
    return {
        "id": event.pk,
        "when": event.created_at.isoformat(),
        "actor": event.actor.get_username() if event.actor is not None else None,
        "action": event.action,
        "target": event.target,
        "data": event.data,
    }


def csv_lines(found: Iterable[AuditEvent]) -> Iterator[str]:
    """The CSV export line by line (header first), for streaming: every cell formula-safe."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")

    def line(cells: Iterable[Any]) -> str:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow([to_csv_cell(str(cell)) for cell in cells])
        return buffer.getvalue()

    yield line(COLUMNS)
    for event in found:
        row = event_row(event)
        row["actor"] = row["actor"] or ""
        row["data"] = json.dumps(row["data"], sort_keys=True, ensure_ascii=False)
        yield line(str(row[column]) for column in COLUMNS)


def json_lines(found: Iterable[AuditEvent]) -> Iterator[str]:
    """The JSON export (one array) in pieces, for streaming."""
    yield "["
    for index, event in enumerate(found):
        yield ("," if index else "") + "\n" + json.dumps(event_row(event), ensure_ascii=False)
    yield "\n]\n"
