from django.apps import AppConfig


class DevelopmentConfig(AppConfig):
    name = "skillframe.development"
    label = "development"
    verbose_name = "Development plans"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from skillframe.development.leavers import blank_plan_texts
        from skillframe.people.signals import person_anonymised

        person_anonymised.connect(blank_plan_texts, dispatch_uid="development.leavers")
