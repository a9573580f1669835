"""`skillframe demo [--reset-passwords] [--password-file FILE]`: the demo organisation."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, OutputWrapper

from skillframe.demo.organisation import (
    DemoError,
    DemoLogin,
    DemoResult,
    load_demo,
    logins_table,
    reset_passwords,
    write_password_file,
)


def print_logins(out: OutputWrapper, logins: list[DemoLogin]) -> None:
    """The logins table with the warning that it is shown only now."""
    out.write(
        "Demo logins (shown only now and stored nowhere; "
        "new passwords: skillframe demo --reset-passwords):"
    )
    for line in logins_table(logins):
        out.write(line)


def print_loaded(out: OutputWrapper, result: DemoResult) -> None:
    out.write(
        f"Loaded the demo organisation: {result.people} people in {result.units} units, "
        f"{result.roles} role profiles, an open cycle and {result.ratings} ratings."
    )
    print_logins(out, result.logins)


class Command(BaseCommand):
    help = (
        "Load the demo organisation (about 40 people, roles, an open cycle, ratings) into a "
        "database that has the seed frameworks, and print its logins."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--reset-passwords",
            action="store_true",
            help="set and print new passwords for the demo logins of a loaded demo",
        )
        parser.add_argument(
            "--password-file",
            metavar="FILE",
            type=Path,
            help="also write the logins as JSON {username: password} to FILE (mode 0600)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["reset_passwords"]:
                logins = reset_passwords()
                print_logins(self.stdout, logins)
            else:
                result = load_demo()
                if not result.created:
                    self.stdout.write(
                        "The demo organisation is already loaded; nothing changed. "
                        "New passwords for its logins: skillframe demo --reset-passwords"
                    )
                    return
                logins = result.logins
                print_loaded(self.stdout, result)
        except DemoError as exc:
            raise CommandError(str(exc)) from None
        if options["password_file"] is not None:
            write_password_file(options["password_file"], logins)
            self.stdout.write(f"Passwords written to {options['password_file']} (mode 0600).")
