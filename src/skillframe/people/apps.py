from django.apps import AppConfig


class Config(AppConfig):
    name = "skillframe.people"
    default_auto_field = "django.db.models.BigAutoField"
