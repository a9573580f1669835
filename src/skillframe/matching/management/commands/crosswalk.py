"""`skillframe crosswalk suggest|list|decide`: the AXELOS ↔ NOS crosswalk from the command line.

suggest [--threshold X]                    (re)compute suggested links; decided ones are kept
list [--status S] [--format table|json]    the links, best score first
decide UUID confirm|reject|suggest [--kind exactMatchOf|isRelatedTo] [--note TEXT] [--by USER]
"""

from __future__ import annotations

import json
import uuid
from argparse import ArgumentParser
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from skillframe.matching import crosswalk


class Command(BaseCommand):
    help = "Suggest, list and decide AXELOS ↔ NOS crosswalk links."

    def add_arguments(self, parser: ArgumentParser) -> None:
        actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
        run = actions.add_parser("suggest", help="(re)compute suggested links")
        run.add_argument("--threshold", type=float, default=crosswalk.THRESHOLD)
        run.add_argument("--skill", action="append", metavar="CODE", help="only this skill")
        show = actions.add_parser("list", help="list links")
        show.add_argument("--status", choices=("suggested", "confirmed", "rejected"))
        show.add_argument("--format", choices=("table", "json"), default="table")
        decide = actions.add_parser("decide", help="confirm, reject or reopen one link")
        decide.add_argument("uuid")
        decide.add_argument("decision", choices=crosswalk.DECISIONS)
        decide.add_argument("--kind", choices=[str(k) for k in crosswalk.CROSSWALK_KINDS])
        decide.add_argument("--note")
        decide.add_argument("--by", metavar="USER", help="username recorded as the decider")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "suggest":
            result = crosswalk.run(options["threshold"], options["skill"])
            self.stdout.write(
                f"{result.created} suggested, {result.updated} updated, "
                f"{result.kept_decided} decided kept, {result.removed} stale removed"
            )
        elif action == "list":
            self._list(options)
        else:
            self._decide(options)

    def _list(self, options: dict[str, Any]) -> None:
        links = crosswalk.crosswalk_links().order_by("-score", "pk")
        if options["status"]:
            links = links.filter(status=options["status"])
        rows = [
            {
                "uuid": str(a.uuid),
                "kind": a.kind,
                "status": a.status,
                "origin": a.origin.code,
                "destination": a.destination.code,
                "score": a.score,
                "evidence": a.evidence,
            }
            for a in links
        ]
        if options["format"] == "json":
            self.stdout.write(json.dumps(rows, indent=2, ensure_ascii=False))
            return
        for row in rows:
            score = f"{row['score']:.2f}" if row["score"] is not None else "  – "
            self.stdout.write(
                f"{row['uuid']}  {score}  {row['status']:9}  {row['origin']:14} "
                f"{row['kind']:12} {row['destination']}"
            )

    def _decide(self, options: dict[str, Any]) -> None:
        link = crosswalk.crosswalk_links().filter(uuid=_uuid(options["uuid"])).first()
        if link is None:
            raise CommandError(f"no crosswalk link {options['uuid']}")
        user: Any = AnonymousUser()
        if options["by"]:
            user = get_user_model().objects.filter(username=options["by"]).first()
            if user is None:
                raise CommandError(f"--by: no user {options['by']!r}")
        try:
            crosswalk.decide(link, options["decision"], user, options["kind"], options["note"])
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        self.stdout.write(f"{link.uuid}: {link.status} ({link.kind})")


def _uuid(value: str) -> str:
    try:
        return str(uuid.UUID(value))
    except ValueError as error:
        raise CommandError(f"not a UUID: {value!r}") from error
