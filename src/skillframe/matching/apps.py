from django.apps import AppConfig


class Config(AppConfig):
    name = "skillframe.matching"
    verbose_name = "Matching: suggestions from text and crosswalks"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from skillframe.matching.leavers import delete_feedback
        from skillframe.people.signals import person_anonymised

        person_anonymised.connect(delete_feedback, dispatch_uid="matching.leavers")
