"""Personal report URLs (no namespace: names `report`, `person_report`, `person_report_pdf`,
`team_reports`), included from skillframe/urls.py beside the insights pages."""

from django.urls import path

from skillframe.insights import report_views

urlpatterns = [
    path("me/report/", report_views.my_report, name="report"),
    path("people/<str:employee_id>/report/", report_views.person_report, name="person_report"),
    path(
        "people/<str:employee_id>/report.pdf",
        report_views.person_report_pdf,
        name="person_report_pdf",
    ),
    path("team/reports/", report_views.team_reports, name="team_reports"),
]
