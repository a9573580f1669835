"""`skillframe completion bash|zsh`: print the shell completion script (README, Command line)."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from skillframe.ops.completion import BASH, candidates


class Command(BaseCommand):
    help = 'Print the shell completion script: eval "$(skillframe completion bash)".'
    requires_system_checks: list[str] = []  # runs at every TAB: as little start-up as possible

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("words", nargs="*", metavar="SHELL", help="bash or zsh")
        parser.add_argument("--complete", type=int, metavar="CWORD", help="(used by the script)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["complete"] is not None:
            for word in candidates(options["words"], options["complete"] - 1):
                self.stdout.write(word)
            return
        if options["words"] not in (["bash"], ["zsh"]):
            raise CommandError("give the shell: bash or zsh")
        if options["words"] == ["zsh"]:
            self.stdout.write("autoload -U +X bashcompinit && bashcompinit")
        self.stdout.write(BASH.rstrip("\n"))
