"""`skillframe plans list|show|create|add-objective|objective-status|submit|approve|return|
revise|close`: development plans, through development/plans.py and objectives.py.

Reading acts as the operator unless `--as USERNAME` (then the plan readers' rule of
development/access.py: the person, their line managers, HR). Changes act for someone and need
`--as`: the owner writes and submits, the line manager approves or returns.
"""

from __future__ import annotations

from argparse import ArgumentParser
from datetime import date
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count, Q
from django.http import Http404

from skillframe.development import objectives, plans
from skillframe.development.access import get_objective_for, get_plan_for, may_read_plans_of
from skillframe.development.models import Objective, Plan
from skillframe.importing.output import add_format_argument, render_object, render_rows, write
from skillframe.people.cli_support import (
    acting_user,
    add_as_argument,
    errors_line,
    find_person,
    required_user,
)

PLAN_COLUMNS = ["id", "person", "title", "status", "objectives", "done", "updated"]
OWNER_ACTIONS = ("submit", "revise")
MANAGER_ACTIONS = ("approve", "return")


def _date(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"{option}: {text!r} is not a date (YYYY-MM-DD)") from None


class Command(BaseCommand):
    help = "Development plans: list, show, create, objectives, submit, approve, return, close."

    def add_arguments(self, parser: ArgumentParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        listing = actions.add_parser("list", help="plans (of PERSON, or every one you may read)")
        listing.add_argument("person", metavar="PERSON", nargs="?")
        add_as_argument(listing)
        add_format_argument(listing)
        show = actions.add_parser("show", help="one plan with its objectives")
        show.add_argument("plan_id", metavar="ID", type=int)
        add_as_argument(show)
        add_format_argument(show)
        create = actions.add_parser("create", help="a new draft plan of your own")
        create.add_argument("--title", required=True)
        add_as_argument(create, required=True)
        add = actions.add_parser("add-objective", help="add a SMART objective to your plan")
        add.add_argument("plan_id", metavar="ID", type=int)
        add.add_argument("code", metavar="CODE", help="element code")
        add.add_argument("--framework", metavar="SLUG")
        add.add_argument("--level", type=int, help="target level (omit where judged competent)")
        add.add_argument("--due", required=True, metavar="YYYY-MM-DD")
        add.add_argument("--measure", required=True, help="how you will know it is achieved")
        add_as_argument(add, required=True)
        status = actions.add_parser("objective-status", help="mark an objective open/done/dropped")
        status.add_argument("objective_id", metavar="OBJECTIVE", type=int)
        status.add_argument("status", choices=[s.value for s in Objective.Status])
        add_as_argument(status, required=True)
        for name, text in (
            ("submit", "submit your plan to your line manager"),
            ("approve", "approve a report's submitted plan"),
            ("return", "return a report's plan for changes (--comment says why)"),
            ("revise", "reopen your approved plan for changes"),
            ("close", "close a plan (finished or abandoned)"),
        ):
            sub = actions.add_parser(name, help=text)
            sub.add_argument("plan_id", metavar="ID", type=int)
            if name in ("approve", "return", "close"):
                sub.add_argument("--comment", default="")
            add_as_argument(sub, required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        try:
            if action in ("submit", "approve", "return", "revise", "close"):
                self._transition(action, options)
            else:
                getattr(self, f"do_{action.replace('-', '_')}")(options)
        except ValidationError as exc:
            raise CommandError(
                errors_line(exc.message_dict)
                if hasattr(exc, "error_dict")
                else "; ".join(exc.messages)
            ) from None
        except (PermissionDenied, Http404) as exc:
            raise CommandError(str(exc)) from None

    def _plan(self, pk: int, viewer: User | None) -> Plan:
        if viewer is None:
            found = Plan.objects.select_related("person__user").filter(pk=pk).first()
            if found is None:
                raise CommandError(f"no plan with id {pk}")
            return found
        return get_plan_for(viewer, pk, related=("person__user",))

    def do_list(self, options: dict[str, Any]) -> None:
        viewer = acting_user(options["as_user"])
        found = Plan.objects.select_related("person__user")
        if options["person"]:
            person = find_person(options["person"], viewer)
            if viewer is not None and not may_read_plans_of(viewer, person):
                raise CommandError(
                    "only the person, their line managers and HR read their development plans"
                )
            found = found.filter(person=person)
        elif viewer is not None:
            found = found.filter(pk__in=Plan.objects.visible_to(viewer).values("pk"))
        counted = found.annotate(
            objectives_n=Count("objectives"),
            done_n=Count("objectives", filter=Q(objectives__status=Objective.Status.DONE)),
        ).order_by("person__employee_id", "-updated_at")
        fields = counted.values_list(
            "pk", "person__employee_id", "title", "status", "objectives_n", "done_n", "updated_at"
        )
        rows = [
            {
                "id": pk,
                "person": employee_id,
                "title": title,
                "status": status,
                "objectives": objectives_n,
                "done": done_n,
                "updated": f"{updated:%Y-%m-%d}",
            }
            for (pk, employee_id, title, status, objectives_n, done_n, updated) in fields
        ]
        write(self.stdout, render_rows(rows, PLAN_COLUMNS, options["format"], "No plans."))

    def do_show(self, options: dict[str, Any]) -> None:
        plan = self._plan(options["plan_id"], acting_user(options["as_user"]))
        row = {
            "id": plan.pk,
            "person": plan.person.employee_id,
            "title": plan.title,
            "status": plan.status,
            "version": plan.version,
            "objectives": [
                {
                    "id": o.pk,
                    "code": o.element.code,
                    "target": o.target_label,
                    "due_on": o.due_on.isoformat(),
                    "status": o.status,
                    "measure": o.measure,
                }
                for o in plans.objectives_of(plan)
            ],
        }
        write(self.stdout, render_object(row, options["format"]))

    def do_create(self, options: dict[str, Any]) -> None:
        user = required_user(options["as_user"], "a plan is its owner's")
        plan = plans.create_plan(user, options["title"])
        self.stdout.write(f"plan {plan.pk} “{plan.title}” created (draft)")

    def do_add_objective(self, options: dict[str, Any]) -> None:
        user = required_user(options["as_user"], "a plan is its owner's")
        plan = self._plan(options["plan_id"], user)
        element = objectives.resolve_element(options["code"], options["framework"])
        objective = objectives.add_objective(
            user,
            plan,
            element=element,
            target_level=options["level"],
            measure=options["measure"],
            due_on=_date(options["due"], "--due"),
        )
        self.stdout.write(f"objective {objective.pk} added to plan {plan.pk}: {objective}")

    def do_objective_status(self, options: dict[str, Any]) -> None:
        user = required_user(options["as_user"], "a plan is its owner's")
        objective = get_objective_for(user, options["objective_id"], related=("plan__person",))
        objectives.set_objective_status(user, objective, options["status"])
        self.stdout.write(f"objective {objective.pk}: {options['status']}")

    def _transition(self, action: str, options: dict[str, Any]) -> None:
        user = required_user(options["as_user"], "plans are changed by their owner or manager")
        plan = self._plan(options["plan_id"], user)
        comment = options.get("comment", "")
        if action == "submit":
            plans.submit(user, plan)
        elif action == "approve":
            plans.approve(user, plan, comment)
        elif action == "return":
            plans.return_plan(user, plan, comment)
        elif action == "revise":
            plans.revise(user, plan)
        else:
            plans.close(user, plan, comment)
        plan.refresh_from_db()
        self.stdout.write(f"plan {plan.pk}: {plan.get_status_display().lower()}")
