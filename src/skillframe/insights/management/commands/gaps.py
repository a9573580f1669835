"""`skillframe gaps PERSON [--role ROLE] [--format table|json]`: a person's gaps and priorities.

PERSON is an employee id or a username. Without --role the person's current and target roles
are shown. The JSON shape is the API's (insights/serialize.py).
"""

from __future__ import annotations

import json
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from skillframe.insights import data
from skillframe.insights.gaps import Gap, GapReport
from skillframe.insights.priorities import Priority
from skillframe.insights.serialize import item_ids, priority_dict, report_dict
from skillframe.people.models import Person, RoleProfile


class Command(BaseCommand):
    help = "Show a person's gaps against a role profile and their ranked development priorities."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("person", metavar="PERSON", help="employee id or username")
        parser.add_argument(
            "--role", metavar="ROLE", help="role profile code (default: current and target role)"
        )
        parser.add_argument("--format", choices=("table", "json"), default="table")

    def handle(self, *args: Any, **options: Any) -> None:
        person = _person(options["person"])
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
