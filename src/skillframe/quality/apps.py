from django.apps import AppConfig


class QualityConfig(AppConfig):
    name = "skillframe.quality"
    label = "quality"
    verbose_name = "Internal quality assurance"
    default_auto_field = "django.db.models.BigAutoField"
