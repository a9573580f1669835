from django.apps import AppConfig


class Config(AppConfig):
    name = "skillframe.audit"
    default_auto_field = "django.db.models.BigAutoField"
