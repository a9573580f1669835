"""`skillframe roles import|list|show`: role profiles (import: CSV or XLSX, atomic)."""

from __future__ import annotations

from argparse import ArgumentParser, _SubParsersAction
from typing import Any

from django.db.models import Count

from skillframe.importing.command import RecordsImportCommand
from skillframe.importing.output import add_format_argument, render_object, render_rows, write
from skillframe.people import roles_import
from skillframe.people.cli_support import find_role
from skillframe.people.models import Person, RoleProfile


class Command(RecordsImportCommand):
    help = "Manage role profiles."
    import_help = (
        "import role profiles from CSV or XLSX (validates the whole file first; "
        "a role already present gets the file's title and requirements)"
    )
    what = "role"
    importer = staticmethod(roles_import.import_roles)

    def add_actions(self, actions: _SubParsersAction[ArgumentParser]) -> None:
        listing = actions.add_parser("list", help="role profiles with counts")
        add_format_argument(listing)
        show = actions.add_parser("show", help="one role profile and its requirements, in order")
        show.add_argument("code", metavar="ROLE", help="role profile code")
        add_format_argument(show)

    def do_list(self, options: dict[str, Any]) -> None:
        # Role profiles are read by every signed-in person (as /roles/): no --as needed.
        roles = RoleProfile.objects.annotate(
            requirement_count=Count("requirements", distinct=True),
            holder_count=Count("holders", distinct=True),
        ).order_by("title", "code")
        rows = [
            {
                "code": r.code,
                "title": r.title,
                "requirements": r.requirement_count,
                "holders": r.holder_count,
            }
            for r in roles
        ]
        write(
            self.stdout,
            render_rows(
                rows,
                ["code", "title", "requirements", "holders"],
                options["format"],
                "No role profiles.",
            ),
        )

    def do_show(self, options: dict[str, Any]) -> None:
        role = find_role(options["code"])
        requirements = role.requirements.select_related("element__framework").order_by(
            "position", "pk"
        )
        row = {
            "code": role.code,
            "title": role.title,
            "description": role.description,
            "holders": Person.objects.filter(current_role=role).count(),
            "requirements": [
                {
                    "code": r.element.code,
                    "framework": r.element.framework.slug,
                    "target": f"level {r.target_level}"
                    if r.target_level is not None
                    else "competent",
                    "importance": r.importance,
                    "weight": r.weight,
                }
                for r in requirements
            ],
        }
        write(self.stdout, render_object(row, options["format"]))
