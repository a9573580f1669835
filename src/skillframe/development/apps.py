from django.apps import AppConfig


class DevelopmentConfig(AppConfig):
    name = "skillframe.development"
    label = "development"
    verbose_name = "Development plans"
    default_auto_field = "django.db.models.BigAutoField"
