from django.apps import AppConfig


class SsoConfig(AppConfig):
    name = "skillframe.sso"
    label = "sso"
    verbose_name = "Single sign-on and invitations"

    def ready(self) -> None:
        from skillframe.people.signals import person_anonymised
        from skillframe.sso.leavers import forget_leaver

        person_anonymised.connect(forget_leaver, dispatch_uid="sso.leavers")
