"""`skillframe serve [--demo]`: migrate, load the seed frameworks and the demo organisation into
an empty database, serve."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand

from skillframe.demo.data import LOGINS
from skillframe.demo.management.commands.demo import print_loaded
from skillframe.demo.organisation import (
    DemoError,
    demo_exists,
    load_demo,
    write_password_file,
)
from skillframe.frameworks.models import Framework
from skillframe.people.models import Person


class Command(BaseCommand):
    help = (
        "Set up the database (migrate; with --demo, load the seed frameworks and the demo "
        "organisation when empty) and serve the app."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument(
            "--demo",
            action="store_true",
            help="load the seed frameworks if there are none, and the demo organisation "
            "(printing its logins) if there are no people",
        )
        parser.add_argument(
            "--password-file",
            metavar="FILE",
            type=Path,
            help="with --demo: also write the demo logins, when created, to FILE (mode 0600)",
        )
        parser.add_argument(
            "--no-serve", action="store_true", help="set up only; do not start the server"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from django.conf import settings

        call_command("migrate", interactive=False, verbosity=0)
        if options["demo"]:
            if not Framework.objects.exists():
                self.stdout.write("Loading the seed frameworks…")
                call_command("frameworks", "load-seeds", stdout=self.stdout)
            self._demo_organisation(options["password_file"])
        self.stdout.write(f"Database: {settings.DATABASES['default']['NAME']}")
        if options["no_serve"]:
            return
        host, _, port = options["addrport"].rpartition(":")
        self.stdout.write(
            self.style.SUCCESS(f"Skillframe is at http://{host or '127.0.0.1'}:{port}/")
        )
        call_command("runserver", options["addrport"], use_reloader=False)

    def _demo_organisation(self, password_file: Path | None) -> None:
        """Load the demo organisation into a database without people; else say what is there."""
        if demo_exists():
            names = ", ".join(username for username, _ in LOGINS)
            self.stdout.write(
                f"The demo organisation is loaded; its logins ({names}) were printed at first "
                "start. New passwords: skillframe demo --reset-passwords"
            )
            return
        if Person.objects.exists():
            self.stdout.write("People are already loaded, so the demo organisation was not.")
            return
        self.stdout.write("Loading the demo organisation…")
        try:
            result = load_demo()
        except DemoError as exc:
            # Serving the catalogue is still useful; say why there are no demo logins.
            self.stderr.write(f"No demo organisation: {exc}")
            return
        print_loaded(self.stdout, result)
        if password_file is not None:
            write_password_file(password_file, result.logins)
            self.stdout.write(f"Passwords written to {password_file} (mode 0600).")
