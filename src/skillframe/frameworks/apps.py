from django.apps import AppConfig


class FrameworksConfig(AppConfig):
    name = "skillframe.frameworks"
    verbose_name = "Frameworks catalogue"
