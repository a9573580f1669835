from django.urls import include, path

from skillframe.assessments import views_home

app_name = "assessments"
urlpatterns = [
    path("me/", views_home.me, name="me"),
    path("", include("skillframe.assessments.urls_cycles")),
    path("", include("skillframe.assessments.urls_review")),
]
