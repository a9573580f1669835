from django.apps import AppConfig


class Config(AppConfig):
    name = "skillframe.insights"
    verbose_name = "Insights: gaps, priorities and role fit"
    default_auto_field = "django.db.models.BigAutoField"
