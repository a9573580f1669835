from django.apps import AppConfig


class Config(AppConfig):
    """No models: the middleware, the static-files storage and the `backup`/`restore` commands."""

    name = "skillframe.ops"
    verbose_name = "Operations"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from skillframe.ops.middleware import start_idle_clock

        user_logged_in.connect(start_idle_clock, dispatch_uid="ops.idle-clock")
