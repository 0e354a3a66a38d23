"""Periodic tasks, ticked by every worker; a due entry is claimed atomically so it runs once.

The same table serves both backends, so the schedule needs no extra scheduler process: with RQ
the worker command ticks it in a thread, the embedded worker in its heartbeat.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError
from django.tasks import Task
from django.utils import timezone
from django.utils.module_loading import import_string

from apps.jobs.models import ScheduledRun

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Entry:
    name: str
    task_path: str
    every: Callable[[], timedelta]


def _maintenance_interval() -> timedelta:
    return timedelta(hours=float(getattr(settings, "MAINTENANCE_INTERVAL_HOURS", 24)))


SCHEDULE = [Entry("maintenance", "apps.jobs.tasks.run_maintenance", _maintenance_interval)]


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
