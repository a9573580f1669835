from django.urls import include, path

app_name = "people"
urlpatterns = [
    path("", include("skillframe.people.urls_people")),
    path("", include("skillframe.people.urls_roles")),
]
