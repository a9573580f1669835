"""The caller's own notifications (the bell), newest first."""

from datetime import datetime

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from skillframe.api.auth import USER_AUTH
from skillframe.api.pagination import Paged
from skillframe.api.schemas import ErrorOut
from skillframe.notifications.models import Notification

router = Router(auth=USER_AUTH, tags=["notifications"])


class NotificationOut(Schema):
    id: int
    text: str
    url: str
    created_at: datetime
    read_at: datetime | None
    read: bool

    @staticmethod
    def resolve_read(obj: Notification) -> bool:
        return obj.read_at is not None


class NotificationFilters(Schema):
    unread: bool = False  # only notifications not read yet


class MarkedOut(Schema):
    marked: int


@router.get("/notifications", response=list[NotificationOut], summary="The caller's notifications")
@paginate(Paged)
def list_notifications(
    request: HttpRequest, filters: Query[NotificationFilters]
) -> QuerySet[Notification]:
    notifications = Notification.objects.for_user(request.user)
    return notifications.unread() if filters.unread else notifications


@router.post(
    "/notifications/{notification_id}/read",
    response={200: NotificationOut, 404: ErrorOut},
    summary="Mark one of the caller's notifications read (repeating it changes nothing)",
)
def read_notification(request: HttpRequest, notification_id: int) -> Notification:
    notification = get_object_or_404(
        Notification.objects.for_user(request.user), pk=notification_id
    )
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


@router.post(
    "/notifications/read-all",
    response=MarkedOut,
    summary="Mark all of the caller's notifications read",
)
def read_all_notifications(request: HttpRequest) -> dict[str, int]:
    marked = Notification.objects.for_user(request.user).unread().update(read_at=timezone.now())
    return {"marked": marked}
