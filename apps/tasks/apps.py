"""The task infrastructure: Django task backends, workers, the schedule and the maintenance run.

It imports no domain app: each app registers its own periodic tasks (`schedule.register`) and
its own maintenance steps (`maintenance.step`) from its AppConfig.ready().
"""

from datetime import timedelta

from django.apps import AppConfig
from django.conf import settings


class TasksConfig(AppConfig):
    name = "apps.tasks"
    label = "tasks"
    verbose_name = "Background tasks"
    default_auto_field = "django.db.models.BigAutoField"
    # Labelled "jobs" until the rename; migration 0002 brings such databases up to date.
    former_labels = ("jobs",)

    def ready(self) -> None:
        from apps.tasks import maintenance, schedule

        schedule.register(
            "maintenance",
            "apps.tasks.tasks.run_maintenance",
            lambda: timedelta(hours=settings.MAINTENANCE_INTERVAL_HOURS),
        )
        maintenance.step("finished jobs pruned")(maintenance.purge_finished_task_records)
