from django.apps import AppConfig


class SsoConfig(AppConfig):
    name = "skillframe.sso"
    label = "sso"
    verbose_name = "Single sign-on and invitations"
