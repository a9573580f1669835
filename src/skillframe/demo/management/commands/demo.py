"""`skillframe demo [--reset-passwords] [--password-file FILE]`: the demo organisation;
`skillframe demo --people N [--seed S]`: an organisation of N people (demo/scale.py)."""

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
from skillframe.demo.scale import ScaleError, build


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

        parser.add_argument(
            "--people",
            metavar="N",
            type=int,
            help="instead, build an organisation of N people with three cycles of ratings "
            "(for measuring at scale; docs/demo.md)",
        )
        parser.add_argument(
            "--seed", metavar="S", type=int, default=1, help="random seed for --people"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["people"] is not None:
            self._at_scale(options["people"], options["seed"])
            return
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

    def _at_scale(self, people: int, seed: int) -> None:
        bar = ProgressBar(self.stderr)
        try:
            result = build(people, seed, progress=bar)
        except ScaleError as exc:
            raise CommandError(str(exc)) from None
        bar.done()
        self.stdout.write(
            f"Built an organisation of {result.people} people in {result.units} units: "
            f"{result.roles} role profiles, 3 cycles, {result.assessments} self-assessments, "
            f"{result.ratings} ratings ({result.current} current) in {result.seconds:.1f} s."
        )
        self.stdout.write("Logins (shown only now and stored nowhere):")
        for username, what, password in result.logins:
            self.stdout.write(f"  {username:<14} {password:<18} {what}")


class ProgressBar:
    """`stage [#####.....] done/total` on one line, redrawn in place on a terminal; elsewhere
    (a log, a test) a line per stage and per tenth."""

    WIDTH = 30

    def __init__(self, out: OutputWrapper) -> None:
        self.out = out
        self.tty = out.isatty()
        self.shown: tuple[str, int] = ("", -1)

    def __call__(self, stage: str, done: int, total: int) -> None:
        tenth = 10 * done // max(total, 1)
        if not self.tty and self.shown == (stage, tenth):
            return
        self.shown = (stage, tenth)
        filled = self.WIDTH * done // max(total, 1)
        line = f"{stage:<16} [{'#' * filled}{'.' * (self.WIDTH - filled)}] {done}/{total}"
        if self.tty:
            self.out.write("\r" + line, ending="")
            self.out.flush()
        else:
            self.out.write(line)

    def done(self) -> None:
        if self.tty:
            self.out.write("")
