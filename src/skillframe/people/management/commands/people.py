"""`skillframe people import FILE [--as USERNAME]` and `skillframe people anonymise ID --yes`.

The CLI is run by whoever operates the server, so it acts with superuser scope unless `--as`
names an HR admin whose scope (and name in the audit log) the import should use.
"""

from __future__ import annotations

from argparse import ArgumentParser, _SubParsersAction
from pathlib import Path
from typing import Any, BinaryIO

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from skillframe.importing.command import ImportCommand
from skillframe.people.access import is_hr_admin
from skillframe.people.models import Person
from skillframe.people.people_import import import_people
from skillframe.people.records import anonymise


class Command(ImportCommand):
    help = "Import people from a CSV/XLSX file, or anonymise a leaver."
    import_help = "create or update people from a CSV or XLSX file (all or nothing)"
    dry_run_help = "check the file and count, change nothing"
    # The wording docs/people.md shows: problems prefixed with the file's name.
    problem_line = "{file}: {problem}"
    refusal = "{count} {problems} found; nothing was imported"

    def add_import_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--as",
            dest="as_user",
            metavar="USERNAME",
            help="import as this HR admin: rows outside their HR scope are errors "
            "(default: no scope limit)",
        )

    def add_actions(self, actions: _SubParsersAction[ArgumentParser]) -> None:
        leaver = actions.add_parser(
            "anonymise", help="erase a leaver's name, e-mail and comments; deactivate the account"
        )
        leaver.add_argument("employee_id")
        leaver.add_argument(
            "--yes",
            action="store_true",
            help="go ahead: anonymising cannot be undone (without it the command says what it "
            "would do and changes nothing)",
        )

    def import_file(self, data: BinaryIO, path: Path, options: dict[str, Any]) -> str:
        actor = self._importer(options["as_user"])
        dry_run = options["dry_run"]
        summary = import_people(
            data, actor=actor, scope_user=actor, source=f"cli {path.name}", dry_run=dry_run
        )
        lines = [
            f"{summary.created} created, {summary.updated} updated, {summary.unchanged} unchanged"
            f" ({summary.total} rows); {'nothing was changed' if dry_run else 'done'}"
        ]
        if summary.accounts:
            lines.append(
                f"Accounts that {'would be' if dry_run else 'were'} created (no password yet):"
            )
            lines += [f"  {employee_id}\t{username}" for employee_id, username in summary.accounts]
        return "\n".join(lines)

    def _importer(self, username: str | None) -> Any:
        """The HR admin named by --as (their scope and name in the audit log), or None."""
        if not username:
            return None
        User = get_user_model()
        try:
            actor = User.objects.get(username=username)
        except User.DoesNotExist:
            raise CommandError(f"no user named {username!r}") from None
        if not actor.is_active or not is_hr_admin(actor):
            raise CommandError(f"{actor.get_username()!r} is not an active HR admin")
        return actor

    def do_anonymise(self, options: dict[str, Any]) -> None:
        employee_id = options["employee_id"]
        person = Person.objects.select_related("user").filter(employee_id=employee_id).first()
        if person is None:
            raise CommandError(f"no person with employee id {employee_id!r}")
        if not options["yes"]:
            # Irreversible (docs/irreversible-actions.md): say what it does, change nothing.
            raise CommandError(
                f"this would anonymise {person.name} ({employee_id}): their name, e-mail and "
                "every free-text comment about them (rating comments, replies, plan comments, "
                "progress notes) are blanked and the account is closed; this cannot be undone. "
                "Nothing was changed: run again with --yes to go ahead."
            )
        try:
            result = anonymise(person, actor=None)
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            f"{employee_id}: anonymised as {result.username}; account deactivated; "
            f"{result.summary() or 'no free text to blank'}"
        )
