"""`skillframe people import FILE [--as USERNAME]` and `skillframe people anonymise EMPLOYEE_ID`.

The CLI is run by whoever operates the server, so it acts with superuser scope unless `--as`
names an HR admin whose scope (and name in the audit log) the import should use.
"""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from skillframe.people.access import is_hr_admin
from skillframe.people.models import Person
from skillframe.people.people_import import FormatError, import_people
from skillframe.people.records import anonymise


class Command(BaseCommand):
    help = "Import people from a CSV/XLSX file, or anonymise a leaver."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        importing = sub.add_parser(
            "import", help="create or update people from a CSV or XLSX file (all or nothing)"
        )
        importing.add_argument("file", help="a .csv (UTF-8, ',' or ';') or .xlsx file")
        importing.add_argument(
            "--as",
            dest="as_user",
            metavar="USERNAME",
            help="import as this HR admin: rows outside their HR scope are errors "
            "(default: no scope limit)",
        )
        importing.add_argument(
            "--dry-run", action="store_true", help="check the file and count, change nothing"
        )
        leaver = sub.add_parser(
            "anonymise", help="erase a leaver's name, e-mail and comments; deactivate the account"
        )
        leaver.add_argument("employee_id")

    def handle(self, *args: Any, **options: Any) -> None:
        getattr(self, f"do_{options['action']}")(options)

    def do_import(self, options: dict[str, Any]) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"no such file: {path}")
        actor = None
        if options["as_user"]:
            User = get_user_model()
            try:
                actor = User.objects.get(username=options["as_user"])
            except User.DoesNotExist:
                raise CommandError(f"no user named {options['as_user']!r}") from None
            if not actor.is_active or not is_hr_admin(actor):
                raise CommandError(f"{actor.get_username()!r} is not an active HR admin")
        with path.open("rb") as data:
            try:
                summary = import_people(
                    data,
                    actor=actor,
                    scope_user=actor,
                    source=f"cli {path.name}",
                    dry_run=options["dry_run"],
                )
            except FormatError as exc:
                for problem in exc.problems:
                    self.stderr.write(f"{path.name}: {problem}")
                count = len(exc.problems)
                raise CommandError(
                    f"{count} problem{'s' if count != 1 else ''} found; nothing was imported"
                ) from None
        verb = "would be" if options["dry_run"] else "were"
        self.stdout.write(
            f"{summary.created} created, {summary.updated} updated, {summary.unchanged} unchanged"
            f" ({summary.total} rows); {'nothing was changed' if options['dry_run'] else 'done'}"
        )
        if summary.accounts:
            self.stdout.write(f"Accounts that {verb} created (no password yet):")
            for employee_id, username in summary.accounts:
                self.stdout.write(f"  {employee_id}\t{username}")

    def do_anonymise(self, options: dict[str, Any]) -> None:
        employee_id = options["employee_id"]
        person = Person.objects.select_related("user").filter(employee_id=employee_id).first()
        if person is None:
            raise CommandError(f"no person with employee id {employee_id!r}")
        try:
            result = anonymise(person, actor=None)
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            f"{employee_id}: anonymised as {result.username}; account deactivated; "
            f"{result.summary() or 'no free text to blank'}"
        )
