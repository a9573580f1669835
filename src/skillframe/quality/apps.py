from django.apps import AppConfig


class QualityConfig(AppConfig):
    name = "skillframe.quality"
    label = "quality"
    verbose_name = "Internal quality assurance"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from skillframe.people.signals import person_anonymised
        from skillframe.quality.leavers import blank_review_texts

        person_anonymised.connect(blank_review_texts, dispatch_uid="quality.leavers")
