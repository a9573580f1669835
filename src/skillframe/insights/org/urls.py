"""Organisation views (docs/org-insights.md), included in the `insights` namespace."""

from django.urls import path

from skillframe.insights.org import views

urlpatterns = [
    path("insights/org/heatmap/", views.heatmap_page, name="org_heatmap"),
    path(
        "insights/org/heatmap.<str:fmt>",
        views.heatmap_export,
        name="org_heatmap_export",
    ),
    path("insights/org/who/", views.who_page, name="org_who"),
    path("insights/org/who/save/", views.search_save, name="org_search_save"),
    path("insights/org/who/<int:pk>/delete/", views.search_delete, name="org_search_delete"),
    path("insights/org/bench/", views.bench_page, name="org_bench"),
    path("insights/org/calibration/", views.calibration_page, name="org_calibration"),
    path("insights/org/trends/", views.trends_page, name="org_trends"),
]
