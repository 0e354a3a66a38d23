"""Periodic tasks, ticked by every worker; a due entry is claimed atomically so it runs once.

Each app registers its own entries from its AppConfig.ready() (`register`); the schedule itself
knows no app.

The same table serves both backends, so the schedule needs no extra scheduler process: the
embedded worker ticks it in its heartbeat; with Redis the server process ticks it in a thread
(never the RQ workers, whose forked children would hang on a lock held by such a thread).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, close_old_connections
from django.tasks import Task
from django.utils import timezone
from django.utils.module_loading import import_string

from apps.tasks.models import ScheduledRun

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Entry:
    name: str
    task_path: str
    every: Callable[[], timedelta]


# In the order of registration: the order of the apps in INSTALLED_APPS.
SCHEDULE: list[Entry] = []


def register(name: str, task_path: str, every: Callable[[], timedelta]) -> None:
    """Run the task at `task_path` every `every()`; registering a name again replaces its entry."""
    entry = Entry(name, task_path, every)
    for index, known in enumerate(SCHEDULE):
        if known.name == name:
            SCHEDULE[index] = entry
            return
    SCHEDULE.append(entry)


def tick() -> list[str]:
    """Enqueue every entry that is due; returns the names enqueued."""
    now = timezone.now()
    enqueued = []
    for entry in SCHEDULE:
        try:
            # First sight of an entry: due one period from now, not at once on a fresh install.
            ScheduledRun.objects.get_or_create(name=entry.name, defaults={"next_run_at": now + entry.every()})
        except IntegrityError:  # another worker created it a moment ago
            pass
        claimed = ScheduledRun.objects.filter(name=entry.name, next_run_at__lte=now).update(
            next_run_at=now + entry.every(), last_run_at=now
        )
        if claimed:
            task: Task = import_string(entry.task_path)
            task.enqueue()
            logger.info("scheduled %s enqueued", entry.name)
            enqueued.append(entry.name)
    return enqueued


def tick_forever(stop: threading.Event) -> None:
    """Tick until `stop` is set; the server runs this in a thread when no embedded worker does."""
    interval = float(settings.TASKS_HEARTBEAT_SECONDS)
    while not stop.wait(interval):
        try:
            tick()
        except Exception:  # the schedule waits for the database to come back
            logger.exception("schedule tick failed")
        finally:
            close_old_connections()
