"""`skillframe report PERSON [--pdf FILE]`: one person's skills report.

PERSON is an employee id or a username. With --pdf the A4 PDF is written to FILE; without it a
plain-text summary (roles and fit, top priorities, plan) is printed. The CLI is run by whoever
operates the server, so it sees the whole report, plan included.
"""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from skillframe.insights.report import build_report, find_person
from skillframe.insights.report_pdf import render_pdf
from skillframe.people.models import Person


class Command(BaseCommand):
    help = "Write one person's skills report as an A4 PDF (--pdf FILE) or print a summary."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("person", metavar="PERSON", help="employee id or username")
        parser.add_argument("--pdf", metavar="FILE", help="write the report as a PDF to FILE")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            person = find_person(options["person"])
        except Person.DoesNotExist as missing:
            raise CommandError(str(missing)) from None
        report = build_report(person)
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
