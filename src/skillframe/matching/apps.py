from django.apps import AppConfig


class Config(AppConfig):
    name = "skillframe.matching"
    verbose_name = "Matching: suggestions from text and crosswalks"
    default_auto_field = "django.db.models.BigAutoField"
