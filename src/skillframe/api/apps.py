from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "skillframe.api"
    label = "skillframe_api"
    verbose_name = "REST API"
