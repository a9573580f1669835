from django.contrib import admin
from django.urls import include, path

from skillframe.api.api import api

urlpatterns = [
    path("", include("skillframe.frameworks.urls")),
    path("api/", api.urls),
    path("ims/case/v1p1/", include("skillframe.frameworks.case_urls")),
    path("admin/", admin.site.urls),
]
