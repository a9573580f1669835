"""`skillframe report PERSON [--pdf FILE]` and `skillframe report --team MANAGER [--pdf-dir DIR]`.

PERSON is an employee id or a username. With --pdf the A4 PDF is written to FILE; without it a
plain-text summary (roles and fit, top priorities, plan) is printed. The CLI is run by whoever
operates the server, so it sees the whole report, plan included.

--team is the team reports page (/team/reports/) of a line manager: one row per direct report
(fit to the current and target role, top priorities, plan), `--format table|json|csv`; with
--pdf-dir it also writes each report's PDF there, with a progress bar.
"""

from __future__ import annotations

import sys
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from skillframe.importing.output import render_rows, write
from skillframe.insights.report import build_report, find_person
from skillframe.insights.report_pdf import render_pdf
from skillframe.insights.report_team import team_rows
from skillframe.insights.report_views import pdf_filename
from skillframe.people.models import Person

TEAM_COLUMNS = [
    "employee_id", "name", "current_role_fit", "target_role_fit", "priorities", "plan", "progress",
]  # fmt: skip


class Command(BaseCommand):
    help = "One person's skills report (PDF or summary), or a line manager's team reports."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("person", metavar="PERSON", nargs="?", help="employee id or username")
        parser.add_argument("--pdf", metavar="FILE", help="write the report as a PDF to FILE")
        parser.add_argument(
            "--team", metavar="MANAGER", help="the team reports of this line manager"
        )
        parser.add_argument(
            "--pdf-dir", metavar="DIR", help="with --team: each report's PDF into DIR"
        )
        parser.add_argument("--format", choices=("table", "json", "csv"), default="table")

    def _person(self, key: str) -> Person:
        try:
            return find_person(key)
        except Person.DoesNotExist as missing:
            raise CommandError(str(missing)) from None

    def handle(self, *args: Any, **options: Any) -> None:
        if options["team"]:
            self._team(options)
            return
        if not options["person"]:
            raise CommandError("give PERSON (or --team MANAGER)")
        report = build_report(self._person(options["person"]))
        if options["pdf"]:
            path = Path(options["pdf"])
            if not path.parent.is_dir():
                raise CommandError(f"--pdf: no such directory: {path.parent}")
            path.write_bytes(render_pdf(report))
            self.stdout.write(f"wrote {path} ({path.stat().st_size} bytes)")
            return
        self.stdout.write(f"{report.name} ({report.employee_id}), {report.job_title}")
        for section in report.roles:
            self.stdout.write(f"{section.which}: {section.title}, fit {section.fit_percent} %")
        for n, p in enumerate(report.priorities[:3], start=1):
            self.stdout.write(f"{n}. {p.code} {p.title}: {'; '.join(p.reasons)}")
        plan = report.plan
        self.stdout.write(f"Plan: {plan.title} ({plan.status})" if plan.exists else "Plan: none")

    def _team(self, options: dict[str, Any]) -> None:
        manager = self._person(options["team"])
        directory = Path(options["pdf_dir"]) if options["pdf_dir"] else None
        if directory is not None and not directory.is_dir():
            raise CommandError(f"--pdf-dir: no such directory: {directory}")
        rows = team_rows(manager)
        table = [
            {
                "employee_id": r.person.employee_id,
                "name": r.person.name,
                "current_role_fit": f"{r.fit.role_fit_percent}%" if r.fit else None,
                "target_role_fit": f"{r.target_fit.role_fit_percent}%" if r.target_fit else None,
                "priorities": [p.code for p in r.priorities],
                "plan": r.plan_status,
                "progress": r.plan_detail,
            }
            for r in rows
        ]
        write(
            self.stdout,
            render_rows(table, TEAM_COLUMNS, options["format"], f"{manager.name} has no reports."),
        )
        if directory is None:
            return
        # One PDF per report: the slow part, so a bar when a person watches at a terminal.
        for row in tqdm(rows, desc="reports", unit="pdf", file=sys.stderr, disable=None):
            path = directory / pdf_filename(row.person.employee_id)
            path.write_bytes(render_pdf(build_report(row.person)))
        self.stderr.write(f"wrote {len(rows)} PDF(s) into {directory}")
