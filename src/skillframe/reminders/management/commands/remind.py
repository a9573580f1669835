"""`skillframe remind [--dry-run]`: send today's reminder digests (docs/reminders.md).

Run it once a day from a scheduler (systemd timer or cron). Each person gets one digest, in the
app and by e-mail, with every reminder due to them that they have not muted and that was not
sent before. `--dry-run` lists the digests and sends nothing. `remind mute USER KIND…`,
`remind unmute USER KIND…` and `remind mutes USER` manage a person's muted kinds.
"""

from __future__ import annotations

import sys
from argparse import ArgumentParser
from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from tqdm import tqdm

from skillframe.importing.output import add_format_argument, render_rows, write
from skillframe.notifications import site
from skillframe.reminders.kinds import Kind
from skillframe.reminders.mutes import check_kinds, muted_kinds, set_muted
from skillframe.reminders.sending import plan_digests, send_all


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--date: {text!r} is not a date (YYYY-MM-DD)") from None


class Command(BaseCommand):
    help = "Send today's reminder digests (in-app and e-mail), or manage a person's muted kinds."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="list the digests due; send and record nothing"
        )
        parser.add_argument(
            "--date", metavar="YYYY-MM-DD", help="compute what is due on this day (default: today)"
        )
        add_format_argument(parser)
        actions = parser.add_subparsers(dest="action", metavar="ACTION")
        for name, text in (("mute", "stop"), ("unmute", "start again")):
            sub = actions.add_parser(name, help=f"{text} sending these kinds to a user")
            sub.add_argument("username")
            sub.add_argument("kinds", nargs="+", metavar="KIND", help=", ".join(Kind.values))
        listing = actions.add_parser("mutes", help="the kinds a user has muted")
        listing.add_argument("username")
        add_format_argument(listing)

    def handle(self, *args: Any, **options: Any) -> None:
        action = options.get("action")
        if action:
            self._mutes(action, options)
            return
        today = _date(options["date"]) if options["date"] else timezone.localdate()
        digests = plan_digests(today)
        rows = [
            {
                "username": d.user.get_username(),
                "email": d.user.email,
                "reminders": len(d.items),
                "kinds": sorted({i.kind.value for i in d.items}),
            }
            for d in digests
        ]
        fmt = options["format"]
        if options["dry_run"]:
            write(self.stdout, render_rows(rows, ["username", "email", "reminders", "kinds"], fmt))
            if fmt == "table":
                self.stdout.write(f"{len(digests)} digest(s) due on {today}; nothing was sent")
            return
        if not site.configured():
            self.stderr.write(
                f"remind: SKILLFRAME_SITE_URL is not set: links in e-mails use {site.LOCAL_ADDRESS}"
            )
        # A bar on stderr when a person watches; none under cron (not a terminal).
        bar = tqdm(digests, desc="digests", unit="digest", file=sys.stderr, disable=None)
        sent, problems = send_all(bar)
        for problem in problems:
            self.stderr.write(problem)
        self.stdout.write(f"{sent} digest(s) sent on {today}")
        if problems:
            raise CommandError(f"{len(problems)} digest(s) could not be e-mailed; run again later")

    def _user(self, username: str) -> User:
        found = get_user_model().objects.filter(username=username).first()
        if found is None:
            raise CommandError(f"no user named {username!r}")
        return found

    def _mutes(self, action: str, options: dict[str, Any]) -> None:
        user = self._user(options["username"])
        muted = muted_kinds(user)
        if action != "mutes":
            try:
                kinds = check_kinds(options["kinds"], field="KIND")
            except ValidationError as exc:
                raise CommandError("; ".join(exc.messages)) from None
            muted = set_muted(user, muted | kinds if action == "mute" else muted - kinds)
        rows = [{"kind": k.value, "muted": k.value in muted, "label": k.label} for k in Kind]
        write(self.stdout, render_rows(rows, ["kind", "muted", "label"], options["format"]))
