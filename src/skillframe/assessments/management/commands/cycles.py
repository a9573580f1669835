"""`skillframe cycles list|show|open|progress|close|reopen`: assessment cycles (HR).

Changes and progress are an HR admin's (as on /cycles/): they need `--as USERNAME`, whose scope
counts the progress, whose units may scope a new cycle, and who is named in the audit trail.
Opening goes through the web form's checks (forms_cycles.py); closing, which freezes every
self-assessment and review in the cycle, says what it would freeze and needs `--yes`.
"""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from skillframe.assessments import cycles
from skillframe.assessments.forms_cycles import CycleForm, ReopenForm
from skillframe.assessments.models import Cycle
from skillframe.importing.output import add_format_argument, render_object, render_rows, write
from skillframe.people.access import is_hr_admin
from skillframe.people.cli_support import add_as_argument, errors_line, required_user
from skillframe.people.models import OrgUnit, RoleProfile

PROGRESS_COLUMNS = ["unit", "people", "not_started", "in_progress", "submitted", "reviewed", "done"]


def _cycle(pk: int) -> Cycle:
    found = Cycle.objects.prefetch_related("units", "roles").filter(pk=pk).first()
    if found is None:
        raise CommandError(f"no cycle with id {pk}")
    return found


def _row(cycle: Cycle) -> dict[str, Any]:
    return {
        "id": cycle.pk,
        "name": cycle.name,
        "starts_on": cycle.starts_on.isoformat(),
        "ends_on": cycle.ends_on.isoformat(),
        "status": cycle.status,
        "units": sorted(u.code for u in cycle.units.all()),
        "roles": sorted(r.code for r in cycle.roles.all()),
    }


class Command(BaseCommand):
    help = "Assessment cycles: list, show, open, progress, close, reopen."

    def add_arguments(self, parser: ArgumentParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        listing = actions.add_parser("list", help="every cycle, newest first")
        add_format_argument(listing)
        show = actions.add_parser("show", help="one cycle")
        show.add_argument("cycle_id", metavar="ID", type=int)
        add_format_argument(show)
        opening = actions.add_parser("open", help="open a cycle and notify everyone in its scope")
        opening.add_argument("--name", required=True)
        opening.add_argument("--starts", required=True, metavar="YYYY-MM-DD")
        opening.add_argument("--ends", required=True, metavar="YYYY-MM-DD")
        opening.add_argument(
            "--unit",
            action="append",
            default=[],
            metavar="CODE",
            help="a unit in scope, with the units below (repeatable)",
        )
        opening.add_argument(
            "--role",
            action="append",
            default=[],
            metavar="CODE",
            help="holders of this current role, in any unit (repeatable)",
        )
        add_as_argument(opening, required=True)
        progress = actions.add_parser("progress", help="completion per unit of your scope")
        progress.add_argument("cycle_id", metavar="ID", type=int)
        add_as_argument(progress, required=True)
        add_format_argument(progress)
        close = actions.add_parser("close", help="close a cycle (freezes it; needs --yes)")
        close.add_argument("cycle_id", metavar="ID", type=int)
        close.add_argument("--yes", action="store_true", help="go ahead")
        add_as_argument(close, required=True)
        reopen = actions.add_parser("reopen", help="reopen a closed cycle until a date")
        reopen.add_argument("cycle_id", metavar="ID", type=int)
        reopen.add_argument("--until", required=True, metavar="YYYY-MM-DD")
        add_as_argument(reopen, required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        getattr(self, f"do_{options['action']}")(options)

    def _hr(self, options: dict[str, Any]) -> User:
        user = required_user(options["as_user"], "cycles are run by an HR admin")
        if not is_hr_admin(user):
            raise CommandError(f"{user.get_username()!r} is not an HR admin")
        return user

    def do_list(self, options: dict[str, Any]) -> None:
        rows = [_row(c) for c in Cycle.objects.prefetch_related("units", "roles")]
        columns = ["id", "name", "starts_on", "ends_on", "status", "units", "roles"]
        write(self.stdout, render_rows(rows, columns, options["format"], "No cycles."))

    def do_show(self, options: dict[str, Any]) -> None:
        cycle = _cycle(options["cycle_id"])
        row = _row(cycle) | {"people_in_scope": cycle.people_in_scope().count()}
        write(self.stdout, render_object(row, options["format"]))

    def do_open(self, options: dict[str, Any]) -> None:
        user = self._hr(options)
        units = OrgUnit.objects.filter(code__in=options["unit"])
        roles = RoleProfile.objects.filter(code__in=options["role"])
        unknown = sorted(set(options["unit"]) - set(units.values_list("code", flat=True)))
        unknown += sorted(set(options["role"]) - set(roles.values_list("code", flat=True)))
        if unknown:
            raise CommandError(f"no unit or role with code {', '.join(map(repr, unknown))}")
        data = {
            "name": options["name"],
            "starts_on": options["starts"],
            "ends_on": options["ends"],
            "units": [u.pk for u in units],
            "roles": [r.pk for r in roles],
        }
        form = CycleForm(data, user=user)
        if not form.is_valid():
            raise CommandError(errors_line(form.errors))
        cycle = cycles.open_cycle(
            user,
            name=form.cleaned_data["name"],
            starts_on=form.cleaned_data["starts_on"],
            ends_on=form.cleaned_data["ends_on"],
            units=form.cleaned_data["units"],
            roles=form.cleaned_data["roles"],
        )
        self.stdout.write(
            f"cycle {cycle.pk} “{cycle.name}” open until {cycle.ends_on}; "
            f"{cycle.people_in_scope().count()} people in scope were notified"
        )

    def do_progress(self, options: dict[str, Any]) -> None:
        user = self._hr(options)
        found = cycles.progress(_cycle(options["cycle_id"]), user)
        rows = [
            {
                "unit": u.unit_name,
                "people": u.people,
                "not_started": u.not_started,
                "in_progress": u.in_progress,
                "submitted": u.submitted,
                "reviewed": u.reviewed,
                "done": f"{u.done_percent}%",
            }
            for u in [*found.units, found.total]
        ]
        write(self.stdout, render_rows(rows, PROGRESS_COLUMNS, options["format"]))

    def do_close(self, options: dict[str, Any]) -> None:
        user = self._hr(options)
        cycle = _cycle(options["cycle_id"])
        if cycle.status == Cycle.Status.CLOSED:
            raise CommandError(f"cycle {cycle.pk} is already closed")
        found = cycles.close_consequences(cycle, user, timezone.localdate())
        frozen = (
            f"{found.in_progress} in progress, {found.awaiting_review} awaiting review and "
            f"{found.not_started} not started are frozen"
            + (f", {found.days_early} day(s) before its end date" if found.days_early else "")
        )
        if not options["yes"]:
            # Irreversible for the people in it (docs/irreversible-actions.md): say, change nothing.
            raise CommandError(
                f"closing cycle {cycle.pk} “{cycle.name}”: {frozen}. Nothing was changed: run "
                "again with --yes to close it (`cycles reopen` opens it again)."
            )
        cycles.close_cycle(user, cycle, found)
        self.stdout.write(f"cycle {cycle.pk} closed: {frozen}")

    def do_reopen(self, options: dict[str, Any]) -> None:
        user = self._hr(options)
        cycle = _cycle(options["cycle_id"])
        if cycle.status != Cycle.Status.CLOSED:
            raise CommandError(f"cycle {cycle.pk} is open")
        form = ReopenForm({"ends_on": options["until"]}, cycle=cycle, today=timezone.localdate())
        if not form.is_valid():
            raise CommandError(errors_line({"--until": form.errors["ends_on"]}))
        cycles.reopen_cycle(user, cycle, form.cleaned_data["ends_on"])
        self.stdout.write(f"cycle {cycle.pk} reopened until {form.cleaned_data['ends_on']}")
