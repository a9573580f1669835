from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "skillframe.evidence"
    label = "evidence"
    verbose_name = "Evidence and NOS sign-off"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from skillframe.evidence.leavers import blank_evidence_texts
        from skillframe.people.signals import person_anonymised

        person_anonymised.connect(blank_evidence_texts, dispatch_uid="evidence.leavers")
