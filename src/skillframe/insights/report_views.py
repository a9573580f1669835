"""Personal report pages (HTML, printable A4, PDF download) and the manager's team reports.

Who may see a report: whoever may see the person (`Person.objects.visible_to`); others get 404.
The plan section follows the plan access rule (see report.py).
"""

from __future__ import annotations

import re

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe

from skillframe.evidence.coverage import signed_off_by_code
from skillframe.insights.report import build_report
from skillframe.insights.report_pdf import render_pdf
from skillframe.insights.report_svg import render_svg
from skillframe.insights.report_team import team_rows
from skillframe.insights.report_types import RoleSection
from skillframe.people.access import get_person_for, person_of
from skillframe.people.models import Person


def pdf_filename(employee_id: str) -> str:
    safe = re.sub(r"[^A-Za-z0-9._-]+", "-", employee_id).strip("-") or "person"
    return f"skills-report-{safe}.pdf"


def _respond(request: HttpRequest, person: Person, pdf: bool) -> HttpResponse:
    report = build_report(person, request.user)
    if pdf:
        response = HttpResponse(render_pdf(report), content_type="application/pdf")
        filename = pdf_filename(person.employee_id)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    sections = [
        # render_svg escapes every text it writes, so the markup is safe to inline.
        (section, mark_safe(render_svg(section.chart, _chart_title(section), section.chart_id)))
        for section in report.roles
    ]
    context = {
        "person": person,
        "report": report,
        "sections": sections,
        "signed_off": signed_off_by_code(person),
    }
    return render(request, "insights/report.html", context)


def _chart_title(section: RoleSection) -> str:
    return f"{section.which}, {section.title}: current standing against target, per requirement"


def _wants_pdf(request: HttpRequest) -> bool:
    return request.GET.get("format") == "pdf"


@login_required
def my_report(request: HttpRequest) -> HttpResponse:
    person = person_of(request.user)
    if person is None:
        # Staff accounts without a person record have no report.
        return render(request, "insights/report.html", {"person": None, "report": None})
    return _respond(request, person, _wants_pdf(request))


@login_required
def person_report(request: HttpRequest, employee_id: str) -> HttpResponse:
    person = get_person_for(request.user, employee_id)
    return _respond(request, person, _wants_pdf(request))


@login_required
def person_report_pdf(request: HttpRequest, employee_id: str) -> HttpResponse:
    person = get_person_for(request.user, employee_id)
    return _respond(request, person, pdf=True)


@login_required
def team_reports(request: HttpRequest) -> HttpResponse:
    me = person_of(request.user)
    rows = team_rows(me) if me is not None else []
    return render(request, "insights/team_reports.html", {"rows": rows})
