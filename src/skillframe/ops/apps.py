from django.apps import AppConfig


class Config(AppConfig):
    """No models: the middleware, the static-files storage and the `backup`/`restore` commands."""

    name = "skillframe.ops"
    verbose_name = "Operations"
