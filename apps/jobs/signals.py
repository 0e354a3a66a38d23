"""Model changes of jobs, whisper_jobs and wanted_items become live events.

Only ORM saves and deletes send signals; bulk `QuerySet.update()` calls do not.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Model
from django.db.models.signals import post_delete, post_save

from apps.core.models import Job, WantedItem
from apps.jobs.events import event, publish
from apps.translation.models import WhisperJob

WATCHED = (Job, WhisperJob, WantedItem)


def _payload(instance: Model, action: str) -> dict[str, Any]:
    progress = getattr(instance, "progress", None)
    return event(
        f"{instance._meta.db_table}.{action}",
        instance.pk,
        status=getattr(instance, "status", None),
        progress=float(progress) if progress is not None else None,
    )


def on_save(sender: type[Model], instance: Model, created: bool, raw: bool = False, **_: Any) -> None:
    if not raw:  # fixtures and data transfers load rows without announcing them
        publish(_payload(instance, "created" if created else "updated"))


def on_delete(sender: type[Model], instance: Model, **_: Any) -> None:
    publish(_payload(instance, "deleted"))


for model in WATCHED:
    post_save.connect(on_save, sender=model, dispatch_uid=f"live-events-save-{model._meta.db_table}")
    post_delete.connect(on_delete, sender=model, dispatch_uid=f"live-events-delete-{model._meta.db_table}")
