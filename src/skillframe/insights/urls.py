"""Gaps, priorities, role explorer, the HR priority-weights page and the new-plan page that
starts from the priorities (namespace `insights`)."""

from django.urls import path

from skillframe.insights import plan_views, views
from skillframe.insights.org.urls import urlpatterns as org_urlpatterns

app_name = "insights"
urlpatterns = [
    path("me/gaps/", views.my_gaps, name="my_gaps"),
    path("me/roles/", views.my_roles, name="my_roles"),
    path("people/<str:employee_id>/gaps/", views.person_gaps, name="person_gaps"),
    path("people/<str:employee_id>/roles/", views.person_roles, name="person_roles"),
    path("insights/weights/", views.weights, name="weights"),
    path("plans/new/", plan_views.plan_create, name="plan_create"),
    *org_urlpatterns,
]
