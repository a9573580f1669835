"""REST API for invitations: `GET /api/invitations`, `POST /api/invitations`.

It lives in sso (above api in the layers) and is joined to the API in skillframe/urls.py.
The same domain functions, access rule and errors as the page: not an HR admin → 403;
a person outside the caller's HR scope → 404; a person who cannot be invited → 422.
"""

from __future__ import annotations

from datetime import datetime

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from skillframe.api.auth import USER_AUTH
from skillframe.api.errors import FieldErrorsOut
from skillframe.api.pagination import Paged
from skillframe.api.schemas import ErrorOut
from skillframe.people.access import ensure_hr_admin
from skillframe.sso import invitations
from skillframe.sso.models import Invitation

router = Router(auth=USER_AUTH, tags=["invitations"])


class InvitationIn(Schema):
    employee_id: str


class InvitationOut(Schema):
    id: int
    employee_id: str
    email: str
    invited_by: str | None
    created_at: datetime
    expires_at: datetime
    accepted_at: datetime | None

    @staticmethod
    def resolve_employee_id(obj: Invitation) -> str:
        return obj.person.employee_id

    @staticmethod
    def resolve_invited_by(obj: Invitation) -> str | None:
        return obj.invited_by.get_username() if obj.invited_by else None

    @staticmethod
    def resolve_expires_at(obj: Invitation) -> datetime:
        return invitations.expires_at(obj)


@router.get(
    "/invitations",
    response={200: list[InvitationOut], 403: ErrorOut},
    summary="Invitations sent to people in the caller's HR scope (newest first)",
)
@paginate(Paged)
def list_invitations(request: HttpRequest) -> QuerySet[Invitation]:
    ensure_hr_admin(request.user)
    return Invitation.objects.visible_to(request.user).select_related("person__user", "invited_by")


@router.post(
    "/invitations",
    response={201: InvitationOut, 403: ErrorOut, 404: ErrorOut, 422: FieldErrorsOut},
    summary="E-mail a person of the caller's HR scope a one-time link to set a password",
)
def send_invitation(request: HttpRequest, payload: InvitationIn) -> Status[Invitation]:
    ensure_hr_admin(request.user)
    person = get_object_or_404(
        invitations.invitable_by(request.user).select_related("user"),
        employee_id=payload.employee_id,
    )
    return Status(201, invitations.send(person, actor=request.user))
