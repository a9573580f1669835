from django.apps import AppConfig


class AuthoringConfig(AppConfig):
    name = "skillframe.authoring"
    label = "authoring"
    verbose_name = "Framework authoring and versions"
    default_auto_field = "django.db.models.BigAutoField"
