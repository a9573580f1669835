"""`skillframe gaps PERSON [--role ROLE | --explore] [--format table|json|csv]` and
`skillframe gaps --weights [--set NAME=VALUE …] [--reset] --as HR_ADMIN`.

PERSON is an employee id or a username. Without --role the person's current and target roles
are shown; --explore is the role explorer (every role profile ranked by fit, as /me/roles/).
The JSON shape is the API's (insights/serialize.py). `--weights` shows the priority weights;
with --set or --reset an HR admin changes them, as on /weights/ (the same form, audited).
"""

from __future__ import annotations

import json
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Q

from skillframe.audit.models import record
from skillframe.importing.output import render_rows, write
from skillframe.insights import data
from skillframe.insights.forms import PriorityWeightsForm
from skillframe.insights.gaps import Gap, GapReport
from skillframe.insights.models import WEIGHT_NAMES, PriorityWeightSettings
from skillframe.insights.priorities import DEFAULT_WEIGHTS, Priority
from skillframe.insights.serialize import item_ids, priority_dict, report_dict
from skillframe.people.access import is_hr_admin
from skillframe.people.cli_support import acting_user, add_as_argument, errors_line
from skillframe.people.cli_support import find_person as visible_person
from skillframe.people.models import Person, RoleProfile


class Command(BaseCommand):
    help = "Show a person's gaps against a role profile and their ranked development priorities."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("person", metavar="PERSON", nargs="?", help="employee id or username")
        parser.add_argument(
            "--role", metavar="ROLE", help="role profile code (default: current and target role)"
        )
        parser.add_argument(
            "--explore", action="store_true", help="every role profile ranked by the person's fit"
        )
        parser.add_argument(
            "--weights", action="store_true", help="the priority weights (no PERSON)"
        )
        parser.add_argument(
            "--set",
            action="append",
            default=[],
            metavar="NAME=VALUE",
            help=f"with --weights: change one ({', '.join(WEIGHT_NAMES)})",
        )
        parser.add_argument(
            "--reset", action="store_true", help="with --weights: back to the defaults"
        )
        add_as_argument(parser)
        parser.add_argument("--format", choices=("table", "json", "csv"), default="table")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["weights"]:
            self._weights(options)
            return
        if not options["person"]:
            raise CommandError("give PERSON (or --weights)")
        viewer = acting_user(options["as_user"])
        person = (
            _person(options["person"])
            if viewer is None
            else visible_person(options["person"], viewer)
        )
        if options["explore"]:
            self._explore(person, options["format"])
            return
        if options["format"] == "csv":
            raise CommandError("--format csv: use it with --explore or --weights")
        if options["role"]:
            role = RoleProfile.objects.filter(code=options["role"]).first()
            if role is None:
                raise CommandError(f"no role profile with code {options['role']!r}")
            roles = [role]
        else:
            roles = [r for r in (person.current_role, person.target_role) if r is not None]
            roles = list(dict.fromkeys(roles))
            if not roles:
                raise CommandError(
                    f"{person.employee_id} has no current or target role; use --role"
                )
        reports = [(role, data.gap_report(person, role)) for role in roles]
        priorities = data.priorities_for(person)
        codes = data.item_codes(item_ids(r for _, r in reports))
        if options["format"] == "json":
            body = {
                "person": person.employee_id,
                "name": person.name,
                "reports": [
                    {"role": {"code": role.code, "title": role.title}, **report_dict(r, codes)}
                    for role, r in reports
                ],
                "priorities": [priority_dict(p) for p in priorities],
            }
            self.stdout.write(json.dumps(body, indent=2, ensure_ascii=False))
            return
        self.stdout.write(f"{person.name} ({person.employee_id})")
        for role, report in reports:
            self._table(role, report)
        self._priorities(priorities)

    def _explore(self, person: Person, fmt: str) -> None:
        rows = [
            {
                "role": role.code,
                "title": role.title,
                "fit_percent": report.role_fit_percent,
                "met": report.met_count,
                "requirements": len(report.gaps),
                "essential_gaps": len(report.essential_gaps),
            }
            for role, report in data.role_explorer(person)
        ]
        columns = ["role", "title", "fit_percent", "met", "requirements", "essential_gaps"]
        write(self.stdout, render_rows(rows, columns, fmt, "No role profiles."))

    def _weights(self, options: dict[str, Any]) -> None:
        row = PriorityWeightSettings.objects.filter(pk=1).first() or PriorityWeightSettings(pk=1)
        if options["set"] or options["reset"]:
            actor = acting_user(options["as_user"])
            if actor is None or not is_hr_admin(actor):
                raise CommandError("only HR admins may change the priority weights: --as HR_ADMIN")
            values = row.weights().as_dict()
            if options["reset"]:
                values = DEFAULT_WEIGHTS.as_dict()
            for item in options["set"]:
                name, _, value = item.partition("=")
                if name not in WEIGHT_NAMES:
                    raise CommandError(
                        f"--set {item!r}: unknown weight (known: {', '.join(WEIGHT_NAMES)})"
                    )
                values[name] = value
            before = row.weights().as_dict()
            form = PriorityWeightsForm(values, instance=row)
            if not form.is_valid():
                raise CommandError(errors_line(form.errors))
            with transaction.atomic():
                saved = form.save(commit=False)
                saved.updated_by = actor
                saved.save()
                record(
                    actor,
                    "insights.weights.update",
                    saved,
                    before=before,
                    after=saved.weights().as_dict(),
                )
            row = saved
        current = row.weights().as_dict()
        rows = [
            {"name": n, "weight": current[n], "default": DEFAULT_WEIGHTS.as_dict()[n]}
            for n in WEIGHT_NAMES
        ]
        write(self.stdout, render_rows(rows, ["name", "weight", "default"], options["format"]))

    def _table(self, role: RoleProfile, report: GapReport) -> None:
        self.stdout.write("")
        self.stdout.write(
            f"{role.title} ({role.code}): role fit {report.role_fit_percent}% — "
            f"{report.met_count} of {len(report.gaps)} met, "
            f"{len(report.essential_gaps)} essential gap(s)"
        )
        rows = [("CODE", "IMPORTANCE", "TARGET", "CURRENT", "STATUS", "GAP")]
        rows += [_row(g) for g in report.gaps]
        widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]) - 1)]
        for r in rows:
            cells = [c.ljust(w) for c, w in zip(r, widths, strict=False)]
            self.stdout.write("  ".join([*cells, r[-1]]).rstrip())

    def _priorities(self, priorities: list[Priority]) -> None:
        self.stdout.write("")
        if not priorities:
            self.stdout.write("No development priorities: every requirement is met.")
            return
        self.stdout.write("Development priorities:")
        for n, p in enumerate(priorities, start=1):
            self.stdout.write(f"{n:>3}. {p.code} {p.title} (score {p.score:.2f})")
            self.stdout.write(f"     why: {'; '.join(p.reasons)}")


def _person(key: str) -> Person:
    found = list(
        Person.objects.filter(Q(employee_id=key) | Q(user__username=key)).select_related(
            "user", "current_role", "target_role"
        )[:2]
    )
    # An employee id wins over someone else's username that happens to be the same.
    exact = [p for p in found if p.employee_id == key]
    if exact:
        return exact[0]
    if not found:
        raise CommandError(f"no person with employee id or username {key!r}")
    return found[0]


def _row(g: Gap) -> tuple[str, str, str, str, str, str]:
    req = g.requirement
    if req.by_level:
        target = f"level {req.target_level}"
        current = "—" if g.current is None else f"level {g.current}"
        below = f"{round(g.gap)} below"
        gap = below if not g.met else (f"{g.above} above" if g.above else "met")
    else:
        target = "competent"
        if req.item_ids:
            current = f"{g.competent_count}/{g.applicable_count} items"
        else:
            current = "—" if g.unknown else ("competent" if g.met else "not yet")
        gap = "met" if g.met else f"{len(g.missing_ids)} item(s) missing"
    status = g.status + (", review due" if g.stale else "")
    return (req.code, req.importance, target, current, status, gap)
