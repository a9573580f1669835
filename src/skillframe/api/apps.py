from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "skillframe.api"
    label = "skillframe_api"
    verbose_name = "REST API"

    def ready(self) -> None:
        # The CASE provider (frameworks, a lower layer) accepts the same Bearer tokens as the API.
        from skillframe.api.auth import token_auth
        from skillframe.frameworks.case_http import register_token_authenticator

        register_token_authenticator(token_auth.authenticate)
        from django.contrib.auth.models import User
        from django.db.models.signals import pre_save

        from skillframe.api.revocation import revoke_tokens_on_credential_change

        pre_save.connect(
            revoke_tokens_on_credential_change, sender=User, dispatch_uid="api-token-revocation"
        )
