from django.apps import AppConfig


class Config(AppConfig):
    name = "skillframe.assessments"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from skillframe.assessments.leavers import blank_rating_texts
        from skillframe.people.signals import person_anonymised

        person_anonymised.connect(blank_rating_texts, dispatch_uid="assessments.leavers")
