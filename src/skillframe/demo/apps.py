from django.apps import AppConfig


class Config(AppConfig):
    """No models: an app only so that Django finds the `demo` and `serve` commands."""

    name = "skillframe.demo"
    verbose_name = "Demo organisation and serve"
