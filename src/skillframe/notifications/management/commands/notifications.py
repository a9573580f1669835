"""`skillframe notifications list|read USERNAME`: a user's bell, as /notifications/ shows it.

The bell is personal: every action names the user whose notifications it reads or marks.
"""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from skillframe.importing.output import add_format_argument, render_rows, write
from skillframe.notifications.models import Notification
from skillframe.notifications.site import absolute


class Command(BaseCommand):
    help = "A user's notifications: list them, or mark them read."

    def add_arguments(self, parser: ArgumentParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        listing = actions.add_parser("list", help="newest first")
        listing.add_argument("username")
        listing.add_argument("--unread", action="store_true", help="only those not read yet")
        listing.add_argument("--limit", type=int, default=200, help="at most this many (200)")
        add_format_argument(listing)
        read = actions.add_parser("read", help="mark one notification, or --all, read")
        read.add_argument("username")
        which = read.add_mutually_exclusive_group(required=True)
        which.add_argument("notification_id", metavar="ID", type=int, nargs="?")
        which.add_argument("--all", action="store_true")

    def _user(self, username: str) -> User:
        found = get_user_model().objects.filter(username=username).first()
        if found is None:
            raise CommandError(f"no user named {username!r}")
        return found

    def handle(self, *args: Any, **options: Any) -> None:
        user = self._user(options["username"])
        mine = Notification.objects.for_user(user)
        if options["action"] == "list":
            if options["unread"]:
                mine = mine.unread()
            rows = [
                {
                    "id": n.pk,
                    "when": f"{n.created_at:%Y-%m-%d %H:%M}",
                    "read": n.read_at is not None,
                    "text": n.text,
                    "link": absolute(n.url) if n.url else "",
                }
                for n in mine[: max(1, options["limit"])]
            ]
            columns = ["id", "when", "read", "text", "link"]
            write(self.stdout, render_rows(rows, columns, options["format"], "No notifications."))
            return
        if options["all"]:
            marked = mine.unread().update(read_at=timezone.now())
            self.stdout.write(f"{marked} notification(s) marked read")
            return
        # Someone else's notification answers as a missing one (as the web's 404).
        note = mine.filter(pk=options["notification_id"]).first()
        if note is None:
            raise CommandError(
                f"{user.get_username()} has no notification {options['notification_id']}"
            )
        if note.read_at is None:
            note.read_at = timezone.now()
            note.save(update_fields=["read_at"])
        self.stdout.write(f"notification {note.pk} read")
