"""Quality assurance pages (namespace `quality`, see docs/quality.md)."""

from django.urls import path

from skillframe.quality import views

app_name = "quality"
urlpatterns = [
    path("quality/", views.home, name="home"),
    path("quality/plans/new/", views.plan_create, name="plan_create"),
    path("quality/plans/<int:pk>/", views.plan_detail, name="plan"),
    path("quality/plans/<int:pk>/rules/", views.plan_rule, name="plan_rule"),
    path("quality/plans/<int:pk>/draw/", views.draw, name="draw"),
    path("quality/samples/", views.samples, name="samples"),
    path("quality/samples/export.csv", views.export, name="export"),
    path("quality/samples/<int:pk>/", views.sample_detail, name="sample"),
    path("quality/samples/<int:pk>/review/", views.review, name="review"),
    path(
        "quality/samples/<int:pk>/files/<int:file_pk>/",
        views.evidence_file,
        name="evidence_file",
    ),
    path("quality/reviews/", views.my_reviews, name="my_reviews"),
]
