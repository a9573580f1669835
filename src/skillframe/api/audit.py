"""The audit trail for HR scripts: `GET /api/audit`, newest first, paged, with the HR page's
filters. Organisation-wide HR admins and superusers only (`people.access.reads_audit`)."""

from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from skillframe.api.auth import USER_AUTH
from skillframe.api.fields import Code, Title
from skillframe.api.pagination import Paged
from skillframe.api.schemas import ErrorOut
from skillframe.audit.models import AuditEvent
from skillframe.audit.reading import EventFilters, events
from skillframe.people.access import ensure_audit_reader

router = Router(auth=USER_AUTH, tags=["audit"])


class AuditEventOut(Schema):
    id: int
    when: str  # ISO 8601 time of the event
    actor: str | None  # username; None for the command line and the system
    action: str
    target: str
    data: dict[str, Any]

    @staticmethod
    def resolve_when(obj: AuditEvent) -> str:
        return obj.created_at.isoformat()

    @staticmethod
    def resolve_actor(obj: AuditEvent) -> str | None:
        return obj.actor.get_username() if obj.actor is not None else None


class AuditFilters(Schema):
    who: Title = ""  # part of the actor's username; "-" for events without one
    action: Code = ""  # an action or its start, e.g. "person." or "login"
    since: date | None = None
    until: date | None = None
    target: Title = ""  # part of the object, e.g. "people.person:12"


@router.get(
    "/audit",
    response={200: list[AuditEventOut], 403: ErrorOut},
    summary="Audit events, newest first (organisation-wide HR admins only)",
)
@paginate(Paged)
def list_events(request: HttpRequest, filters: Query[AuditFilters]) -> QuerySet[AuditEvent]:
    ensure_audit_reader(request.user)
    return events(EventFilters(**filters.model_dump()))
