"""The caller's reminder settings: which kinds of reminder digest they receive."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from skillframe.api.auth import USER_AUTH
from skillframe.reminders.kinds import Kind
from skillframe.reminders.mutes import muted_kinds, set_muted

router = Router(auth=USER_AUTH, tags=["reminders"])


class ReminderKindOut(Schema):
    kind: str
    label: str
    muted: bool


class ReminderSettingsOut(Schema):
    kinds: list[ReminderKindOut]


class ReminderSettingsIn(Schema):
    muted: list[str]  # kinds the caller does not want; every other kind is sent


def _settings(muted: set[str]) -> dict[str, object]:
    return {"kinds": [{"kind": k.value, "label": k.label, "muted": k.value in muted} for k in Kind]}


@router.get("/me/reminders", response=ReminderSettingsOut, summary="The caller's reminder settings")
def get_reminder_settings(request: HttpRequest) -> dict[str, object]:
    assert request.user.is_authenticated
    return _settings(muted_kinds(request.user))


@router.put(
    "/me/reminders",
    response=ReminderSettingsOut,
    summary="Mute exactly the kinds listed (422 naming an unknown kind; nothing changed)",
)
def put_reminder_settings(request: HttpRequest, body: ReminderSettingsIn) -> dict[str, object]:
    assert request.user.is_authenticated
    return _settings(set_muted(request.user, body.muted))
