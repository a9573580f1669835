"""`skillframe tokens create|list|revoke` — API tokens for scripts."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from skillframe.api.models import ApiToken
from skillframe.audit.models import record
from skillframe.importing.output import add_format_argument, render_rows, write


class Command(BaseCommand):
    help = "Manage API tokens."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        create = sub.add_parser("create", help="create a token for a user (shown once)")
        create.add_argument("username")
        create.add_argument("--name", default="script")
        listing = sub.add_parser("list", help="list a user's tokens")
        listing.add_argument("username")
        add_format_argument(listing)
        revoke = sub.add_parser("revoke", help="revoke a token by its id")
        revoke.add_argument("token_id", type=int)

    def _user(self, username: str) -> Any:
        try:
            return get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"unknown user {username!r}") from None

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "create":
            token, secret = ApiToken.issue(self._user(options["username"]), options["name"])
            # Actor None: the command line (as for every CLI change), the user in the target.
            record(None, "token.create", token, name=token.name, via="cli")
            self.stdout.write(f"token {token.pk} for {options['username']}: {secret}")
            self.stdout.write("Keep it now: it is not stored and cannot be shown again.")
        elif action == "list":
            rows = [
                {
                    "id": token.pk,
                    "name": token.name,
                    "state": "revoked" if token.revoked_at else "active",
                    "created": f"{token.created_at:%Y-%m-%d}",
                }
                for token in ApiToken.objects.filter(user=self._user(options["username"]))
            ]
            columns = ["id", "name", "state", "created"]
            write(self.stdout, render_rows(rows, columns, options["format"], "No tokens."))
        else:
            try:
                token = ApiToken.objects.get(pk=options["token_id"], revoked_at__isnull=True)
            except ApiToken.DoesNotExist:
                raise CommandError(f"no active token with id {options['token_id']}") from None
            token.revoke()
            record(None, "token.revoke", token, name=token.name, via="cli")
            self.stdout.write(f"token {token.pk} revoked")
