from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "skillframe.api"
    label = "skillframe_api"
    verbose_name = "REST API"

    def ready(self) -> None:
        from django.contrib.auth.models import User
        from django.db.models.signals import pre_save

        from skillframe.api.revocation import revoke_tokens_on_credential_change

        pre_save.connect(
            revoke_tokens_on_credential_change, sender=User, dispatch_uid="api-token-revocation"
        )
