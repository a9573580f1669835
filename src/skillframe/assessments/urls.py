from django.urls import path

from skillframe.assessments import views_home

app_name = "assessments"
urlpatterns = [
    path("me/", views_home.me, name="me"),
]
