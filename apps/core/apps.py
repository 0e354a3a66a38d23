"""The core app: the legacy tables shared by every other app, adoption and dbtools."""

from datetime import timedelta

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "apps.core"
    label = "core"
    verbose_name = "Core"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from apps.core import dashboard, maintenance, signals  # noqa: F401  (maintenance registers its steps)
        from apps.tasks import schedule

        dashboard.connect()
        signals.connect()
        schedule.register("backup", "apps.core.tasks.run_daily_backup", lambda: timedelta(days=1))
