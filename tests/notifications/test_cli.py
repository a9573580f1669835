"""`skillframe notifications list|read USER`: the bell, one user at a time."""

from __future__ import annotations

import json
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from skillframe.notifications.models import Notification, notify


def run(*args: str) -> str:
    out = StringIO()
    call_command("notifications", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_list_and_read(personas: Any, settings: Any) -> None:
    settings.SITE_URL = "https://skills.example.org"
    (first,) = notify([personas.bob.user], "Alice submitted", "/assessments/1/review/")
    notify([personas.bob.user], "Second")
    notify([personas.eve.user], "For Eve")
    rows = json.loads(run("list", "bob", "--format", "json"))
    assert [r["text"] for r in rows] == ["Second", "Alice submitted"]
    assert rows[1]["link"] == "https://skills.example.org/assessments/1/review/"
    assert run("read", "bob", str(first.pk)).strip() == f"notification {first.pk} read"
    assert [r["text"] for r in json.loads(run("list", "bob", "--unread", "--format", "json"))] == [
        "Second"
    ]
    eves = Notification.objects.get(recipient=personas.eve.user)
    with pytest.raises(CommandError, match=f"bob has no notification {eves.pk}"):
        run("read", "bob", str(eves.pk))
    assert run("read", "bob", "--all").strip() == "1 notification(s) marked read"
    assert Notification.objects.get(pk=eves.pk).read_at is None
    with pytest.raises(CommandError, match="no user named 'zed'"):
        run("list", "zed")
