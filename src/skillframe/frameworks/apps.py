from django.apps import AppConfig
from django.urls import register_converter

from skillframe.frameworks.codes import ElementCodeConverter


class FrameworksConfig(AppConfig):
    name = "skillframe.frameworks"
    verbose_name = "Frameworks catalogue"

    def ready(self) -> None:
        # Before any URLconf is read: every app's element-code routes use `<elementcode:…>`.
        register_converter(ElementCodeConverter, "elementcode")
