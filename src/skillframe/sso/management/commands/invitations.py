"""`skillframe invitations send EMPLOYEE_ID… | list [--pending]` — invitations by e-mail."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from skillframe.people.models import Person
from skillframe.sso import invitations
from skillframe.sso.models import Invitation


class Command(BaseCommand):
    help = "Invite people by e-mail to set a first password (people without single sign-on)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        send = sub.add_parser("send", help="e-mail each person a one-time link to set a password")
        send.add_argument("employee_ids", nargs="+", metavar="EMPLOYEE_ID")
        listing = sub.add_parser("list", help="list the invitations sent")
        listing.add_argument("--pending", action="store_true", help="only those not used yet")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "send":
            self._send(options["employee_ids"])
        else:
            self._list(pending=options["pending"])

    def _send(self, employee_ids: list[str]) -> None:
        people = {
            p.employee_id: p
            for p in Person.objects.filter(employee_id__in=employee_ids).select_related("user")
        }
        problems = [f"unknown employee id {e!r}" for e in employee_ids if e not in people]
        problems += [
            problem
            for e in employee_ids
            if e in people
            if (problem := invitations.invite_problem(people[e]))
        ]
        if problems:
            # Checked first and all at once: nobody is invited unless everyone can be.
            raise CommandError("; ".join(problems))
        with transaction.atomic():
            try:
                sent = [
                    invitations.send(people[e], actor=None) for e in dict.fromkeys(employee_ids)
                ]
            except ValidationError as error:
                raise CommandError("; ".join(error.messages)) from None
        for invitation in sent:
            self.stdout.write(f"invited {invitation.person.employee_id} ({invitation.email})")

    def _list(self, *, pending: bool) -> None:
        rows = Invitation.objects.select_related("person", "invited_by")
        if pending:
            rows = rows.filter(accepted_at__isnull=True)
        for invitation in rows:
            state = (
                f"used {invitation.accepted_at:%Y-%m-%d}" if invitation.accepted_at else "not used"
            )
            by = invitation.invited_by.get_username() if invitation.invited_by else "cli"
            self.stdout.write(
                f"{invitation.pk}\t{invitation.person.employee_id}\t{invitation.email}\t"
                f"{invitation.created_at:%Y-%m-%d %H:%M}\t{by}\t{state}"
            )
