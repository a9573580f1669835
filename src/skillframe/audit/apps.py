from django.apps import AppConfig


class Config(AppConfig):
    name = "skillframe.audit"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in, user_login_failed

        from skillframe.audit.signals import on_login, on_login_failed

        user_logged_in.connect(on_login, dispatch_uid="skillframe.audit.login")
        user_login_failed.connect(on_login_failed, dispatch_uid="skillframe.audit.login_failed")
