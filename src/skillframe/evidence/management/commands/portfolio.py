"""`skillframe portfolio export PERSON [--standard CODE] -o FILE.zip`: a learner's portfolio.

The ZIP holds an index page, a PDF summary with the coverage map of each standard, every
evidence file and a JSON manifest with the CASE codes and UUIDs of the mapped elements, the
assessor's decisions and the sign-offs (docs/evidence.md). The operator sees all of a person's
evidence; `--as USERNAME` exports what that user may see instead.
"""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from skillframe.evidence import portfolio
from skillframe.evidence.access import OPERATOR
from skillframe.evidence.management.commands.evidence import (
    find_person,
    find_standard,
    find_user,
)


class Command(BaseCommand):
    help = "Export a learner's evidence portfolio as a ZIP."

    def add_arguments(self, parser: ArgumentParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        export = actions.add_parser("export", help="write the portfolio ZIP")
        export.add_argument("person", metavar="PERSON", help="employee id or username")
        export.add_argument("--standard", metavar="CODE", help="one standard only")
        export.add_argument("-o", "--output", metavar="FILE", required=True)
        export.add_argument("--as", dest="as_user", metavar="USERNAME")

    def handle(self, *args: Any, **options: Any) -> None:
        person = find_person(options["person"])
        standard = find_standard(options["standard"]) if options["standard"] else None
        viewer = find_user(options["as_user"]) if options["as_user"] else OPERATOR
        path = Path(options["output"])
        if not path.parent.is_dir():
            raise CommandError(f"-o: no such directory: {path.parent}")
        built = portfolio.build(viewer, person, standard)
        path.write_bytes(built.data)
        self.stdout.write(f"wrote {path} ({len(built.data)} bytes)")
