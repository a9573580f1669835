from django.urls import path

from skillframe.evidence import views, views_assessor, views_coverage

app_name = "evidence"

urlpatterns = [
    path("me/evidence/", views.my_evidence, name="mine"),
    path("me/evidence/new/", views.create, name="create"),
    path("me/evidence/coverage/<str:code>/", views_coverage.my_coverage, name="my_coverage"),
    path("me/evidence/coverage/<str:code>/submit/", views_coverage.submit, name="submit"),
    path("evidence/<int:pk>/", views.detail, name="detail"),
    path("evidence/<int:pk>/edit/", views.edit, name="edit"),
    path("evidence/<int:pk>/delete/", views.delete, name="delete"),
    path("evidence/<int:pk>/files/<int:file_pk>/", views.download, name="file"),
    path(
        "people/<str:employee_id>/coverage/<str:code>/",
        views_coverage.person_coverage,
        name="coverage",
    ),
    path(
        "people/<str:employee_id>/coverage/<str:code>/sign-off/",
        views_coverage.declare,
        name="declare",
    ),
    path(
        "people/<str:employee_id>/portfolio.zip",
        views_coverage.portfolio_download,
        name="portfolio",
    ),
    path("assessor/", views_assessor.assessor_home, name="assessor_home"),
    path("assessor/submissions/<int:pk>/", views_assessor.submission, name="submission"),
    path("assessor/submissions/<int:pk>/judge/", views_assessor.judge, name="judge"),
    path("assessor/submissions/<int:pk>/answer/", views_assessor.answer, name="answer"),
    path("assessors/", views_assessor.assignments_page, name="assignments"),
]
