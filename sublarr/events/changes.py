"""Model changes as live events: `watch(Model)` publishes every ORM save and delete of a model.

Each change goes to /ws/events as `<table>.created|updated|deleted` and, where the legacy
application announced it, to /socket.io as the legacy event with the legacy payload: the app that
owns the model passes `legacy`, which names that event for a saved row (or None for no event).
Only ORM saves and deletes send signals; bulk `QuerySet.update()` calls do not.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Model
from django.db.models.signals import post_delete, post_save

from sublarr.events import event, publish

LegacyEvent = Callable[[Any], tuple[str, dict[str, Any]] | None]


def _payload(instance: Model, action: str) -> dict[str, Any]:
    progress = getattr(instance, "progress", None)
    return event(
        f"{instance._meta.db_table}.{action}",
        instance.pk,
        status=getattr(instance, "status", None),
        progress=float(progress) if progress is not None else None,
    )


def watch(model: type[Model], legacy: LegacyEvent | None = None) -> None:
    """Publish the saves and deletes of `model` (connected once, however often called)."""

    def on_save(sender: type[Model], instance: Model, created: bool, raw: bool = False, **_: Any) -> None:
        if not raw:  # fixtures and data transfers load rows without announcing them
            action = "created" if created else "updated"
            publish(_payload(instance, action), legacy=legacy(instance) if legacy else None)

    def on_delete(sender: type[Model], instance: Model, **_: Any) -> None:
        publish(_payload(instance, "deleted"))

    table = model._meta.db_table
    post_save.connect(on_save, sender=model, weak=False, dispatch_uid=f"live-events-save-{table}")
    post_delete.connect(on_delete, sender=model, weak=False, dispatch_uid=f"live-events-delete-{table}")
