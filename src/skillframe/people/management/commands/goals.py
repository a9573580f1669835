"""`skillframe goals import|list|show`: organisation goals (import: CSV or XLSX, atomic; see
docs/roles.md)."""

from __future__ import annotations

from argparse import ArgumentParser, _SubParsersAction
from typing import Any

from django.core.management.base import CommandError
from django.db.models import Count
from django.utils import timezone

from skillframe.importing.command import RecordsImportCommand
from skillframe.importing.output import add_format_argument, render_object, render_rows, write
from skillframe.people import goals_import
from skillframe.people.models import OrgGoal


class Command(RecordsImportCommand):
    help = "Manage organisation goals."
    import_help = (
        "import organisation goals from CSV or XLSX (validates the whole file first; "
        "a goal already present with the same title and period gets the file's weights)"
    )
    what = "goal"
    importer = staticmethod(goals_import.import_goals)

    def add_actions(self, actions: _SubParsersAction[ArgumentParser]) -> None:
        listing = actions.add_parser("list", help="goals, newest period first")
        add_format_argument(listing)
        show = actions.add_parser("show", help="one goal and its weights")
        show.add_argument("goal_id", metavar="ID", type=int, help="the goal's id (from list)")
        add_format_argument(show)

    def do_list(self, options: dict[str, Any]) -> None:
        today = timezone.localdate()
        goals = OrgGoal.objects.annotate(weight_count=Count("weights")).order_by(
            "-starts_on", "title", "pk"
        )
        rows = [
            {
                "id": g.pk,
                "title": g.title,
                "starts_on": g.starts_on.isoformat(),
                "ends_on": g.ends_on.isoformat(),
                "active": g.starts_on <= today <= g.ends_on,
                "weights": g.weight_count,
            }
            for g in goals
        ]
        columns = ["id", "title", "starts_on", "ends_on", "active", "weights"]
        write(self.stdout, render_rows(rows, columns, options["format"], "No goals."))

    def do_show(self, options: dict[str, Any]) -> None:
        today = timezone.localdate()
        goal = OrgGoal.objects.filter(pk=options["goal_id"]).first()
        if goal is None:
            raise CommandError(f"no goal with id {options['goal_id']}")
        row = {
            "id": goal.pk,
            "title": goal.title,
            "description": goal.description,
            "starts_on": goal.starts_on.isoformat(),
            "ends_on": goal.ends_on.isoformat(),
            "active": goal.starts_on <= today <= goal.ends_on,
            "weights": [
                {"code": w.element.code, "framework": w.element.framework.slug, "weight": w.weight}
                for w in goal.weights.select_related("element__framework").order_by("element__code")
            ],
        }
        write(self.stdout, render_object(row, options["format"]))
