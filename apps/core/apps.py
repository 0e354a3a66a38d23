"""The core app: the legacy tables shared by every other app, the API base, adoption and dbtools."""

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "apps.core"
    label = "core"
    verbose_name = "Core"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from apps.core import dashboard

        dashboard.connect()
