"""`skillframe serve [--demo]`: migrate, load the seed frameworks into an empty database, serve."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand

from skillframe.frameworks.models import Framework


class Command(BaseCommand):
    help = "Set up the database (migrate, load the seed frameworks when empty) and serve the app."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument(
            "--demo", action="store_true", help="load the seed frameworks if the database is empty"
        )
        parser.add_argument(
            "--no-serve", action="store_true", help="set up only; do not start the server"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from django.conf import settings

        call_command("migrate", interactive=False, verbosity=0)
        if options["demo"] and not Framework.objects.exists():
            self.stdout.write("Loading the seed frameworks…")
            call_command("frameworks", "load-seeds", stdout=self.stdout)
        self.stdout.write(f"Database: {settings.DATABASES['default']['NAME']}")
        self.stdout.write(
            "No demo logins yet: the catalogue is public (SKILLFRAME_PUBLIC_CATALOGUE)."
        )
        if options["no_serve"]:
            return
        host, _, port = options["addrport"].rpartition(":")
        self.stdout.write(
            self.style.SUCCESS(f"Skillframe is at http://{host or '127.0.0.1'}:{port}/")
        )
        call_command("runserver", options["addrport"], use_reloader=False)
