"""Bookkeeping of the background-job machinery (never a legacy table).

The task records themselves live in django_tasks_db's table (embedded) or in Redis (RQ).
"""

from __future__ import annotations

from django.db import models


class WorkerHeartbeat(models.Model):
    """A running embedded worker; a task whose worker stopped beating is run again."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    hostname = models.CharField(max_length=255, blank=True, default="")
    pid = models.IntegerField(default=0)
    started_at = models.DateTimeField()
    last_seen = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-last_seen"]
        verbose_name = "worker heartbeat"

    def __str__(self) -> str:
        return f"{self.worker_id} ({self.hostname}:{self.pid})"


class ScheduledRun(models.Model):
    """When a periodic task is next due; workers claim it atomically so it runs once per period."""

    name = models.CharField(max_length=100, primary_key=True)
    next_run_at = models.DateTimeField()
    last_run_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["next_run_at"]
        verbose_name = "scheduled run"

    def __str__(self) -> str:
        return f"{self.name} next at {self.next_run_at:%Y-%m-%d %H:%M}"
