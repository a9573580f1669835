"""Development plan pages (namespace `development`, see docs/plans.md).

The new-plan page, `/plans/new/`, is `insights:plan_create` (insights/plan_views.py): it starts
from the person's priorities, which development may not import (docs/layers.md)."""

from django.urls import path

from skillframe.development import views, views_items

app_name = "development"
urlpatterns = [
    path("me/plans/", views.my_plans, name="my_plans"),
    path("people/<str:employee_id>/plans/", views.person_plans, name="person_plans"),
    path("plans/<int:pk>/", views.plan_detail, name="plan"),
    path("plans/<int:pk>/edit/", views.plan_edit, name="plan_edit"),
    path("plans/<int:pk>/submit/", views.submit, name="submit"),
    path("plans/<int:pk>/review/", views.review, name="review"),
    path("plans/<int:pk>/revise/", views.revise, name="revise"),
    path("plans/<int:pk>/close/", views.close, name="close"),
    path("plans/<int:pk>/objectives/new/", views_items.objective_create, name="objective_create"),
    path("objectives/<int:pk>/edit/", views_items.objective_edit, name="objective_edit"),
    path("objectives/<int:pk>/status/", views_items.objective_status, name="objective_status"),
    path("objectives/<int:pk>/progress/", views_items.progress_add, name="progress_add"),
    path(
        "objectives/<int:pk>/activities/new/",
        views_items.activity_create,
        name="activity_create",
    ),
    path("activities/<int:pk>/edit/", views_items.activity_edit, name="activity_edit"),
    path("activities/<int:pk>/status/", views_items.activity_status, name="activity_status"),
]
