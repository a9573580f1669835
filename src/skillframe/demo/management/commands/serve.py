"""`skillframe serve [--demo] [--dev]`: migrate, load the seed frameworks and the demo organisation
into an empty database, collect the static files, serve with the production server (or, with
`--dev`, Django's autoreloading development server)."""

from __future__ import annotations

import os
import sys
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from skillframe.demo.data import LOGINS
from skillframe.demo.management.commands.demo import print_loaded
from skillframe.demo.organisation import (
    DemoError,
    demo_exists,
    load_demo,
    write_password_file,
)
from skillframe.frameworks.models import Framework
from skillframe.ops.storage import COLLECTED_ENV
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
        parser.add_argument(
            "--dev",
            action="store_true",
            help="Django's development server with autoreload instead of the production server",
        )
        parser.add_argument(
            "--workers",
            type=int,
            metavar="N",
            help="server processes (default SKILLFRAME_WORKERS)",
        )
        parser.add_argument(
            "--threads",
            type=int,
            metavar="N",
            help="threads per server process (default SKILLFRAME_THREADS)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from django.conf import settings

        # Bad arguments are refused before anything is changed.
        host, _, port = options["addrport"].rpartition(":")
        host = host or "127.0.0.1"
        if not port.isdigit():
            raise CommandError(f"{options['addrport']!r} is not ADDR:PORT (e.g. 127.0.0.1:8000)")
        workers = settings.SERVE_WORKERS if options["workers"] is None else options["workers"]
        threads = settings.SERVE_THREADS if options["threads"] is None else options["threads"]
        if workers < 1 or threads < 1:
            raise CommandError("--workers and --threads must be at least 1")
        production = not options["dev"] and not options["no_serve"]
        if production:
            # Before anything builds the static-files storage: this process collects with the
            # manifest, and the server it becomes serves the hashed, compressed copies.
            os.environ[COLLECTED_ENV] = "1"
        call_command("migrate", interactive=False, verbosity=0)
        if options["demo"]:
            if not Framework.objects.exists():
                self.stdout.write("Loading the seed frameworks…")
                call_command("frameworks", "load-seeds", stdout=self.stdout)
            self._demo_organisation(options["password_file"])
        self.stdout.write(f"Database: {settings.DATABASES['default']['NAME']}")
        if options["no_serve"]:
            return
        self.stdout.write(self.style.SUCCESS(f"Skillframe is at http://{host}:{port}/"))
        if options["dev"]:
            call_command("runserver", f"{host}:{port}", use_reloader=True)
            return
        call_command("collectstatic", interactive=False, verbosity=0)
        self.stdout.write(f"Production server: {workers} workers × {threads} threads")
        self.stdout.flush()
        argv = production_server(host, int(port), workers, threads)
        # The server takes this process's place (same pid): a service manager's SIGTERM reaches
        # it directly, and it stops gracefully — finishing requests in flight — then exits 0.
        os.execv(argv[0], argv)

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


def production_server(host: str, port: int, workers: int, threads: int) -> list[str]:
    """The command line of the production server: granian (a Rust HTTP server running our WSGI
    app; chosen over gunicorn by bench/serve.py, see README "Deploying"). `threads` is its
    blocking threads per worker, the threads that run Django views."""
    return [
        sys.executable,
        "-m",
        "granian",
        "--interface",
        "wsgi",
        "--host",
        host.strip("[]"),
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--blocking-threads",
        str(threads),
        "--access-log",
        # SIGTERM: stop accepting, let requests in flight finish, stop a worker after 20 s.
        "--workers-kill-timeout",
        "20",
        "--no-ws",
        "skillframe.wsgi:application",
    ]
