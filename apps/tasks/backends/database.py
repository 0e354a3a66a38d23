"""Embedded task backend: tasks stored in the database (django-tasks-db), run by `run_worker`.

django-tasks-db stores and claims tasks; this module adds what Sublarr needs on top of it:
retries declared on the task, a heartbeat so a task whose worker was killed is run again, and
the periodic schedule (apps/tasks/schedule.py) ticking inside the worker.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from collections.abc import Callable
from datetime import datetime, timedelta
from io import TextIOBase

from django.conf import settings
from django.db import close_old_connections, connection, connections
from django.db.models import Count
from django.tasks import TaskResultStatus
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks_db import DatabaseBackend as _LibraryBackend
from django_tasks_db.management.commands.db_worker import Worker as _LibraryWorker
from django_tasks_db.models import DBTaskResult

from apps.tasks import schedule
from apps.tasks.base import AbandonedTask, SublarrTask
from apps.tasks.models import WorkerHeartbeat

logger = logging.getLogger(__name__)


def _max_retries(row: DBTaskResult) -> tuple[int, SublarrTask | None]:
    try:
        task = row.task
    except Exception:  # the task's code is gone: nothing to retry with
        return 0, None
    return getattr(task, "max_retries", 0), task if isinstance(task, SublarrTask) else None


def requeue_or_fail(row: DBTaskResult, *, abandoned: bool) -> bool:
    """Put a failed or abandoned task back in the queue if it has retries left; True if requeued."""
    attempts = len(row.worker_ids)
    max_retries, task = _max_retries(row)
    claimed = DBTaskResult.objects.filter(id=row.id, status=row.status, started_at=row.started_at)
    if attempts <= max_retries:
        delay = task.delay_before(attempts) if task else timedelta(0)
        return bool(
            claimed.update(status=TaskResultStatus.READY, run_after=timezone.now() + delay, finished_at=None)
        )
    if abandoned:
        claimed.update(
            status=TaskResultStatus.FAILED,
            finished_at=timezone.now(),
            exception_class_path=f"{AbandonedTask.__module__}.{AbandonedTask.__qualname__}",
            traceback=f"worker {row.worker_ids[-1] if row.worker_ids else '?'} stopped while running it",
        )
    return False


def recover_abandoned(backend_name: str, lease: float) -> int:
    """Requeue (or fail) running tasks whose worker has not beaten for `lease` seconds."""
    cutoff = timezone.now() - timedelta(seconds=lease)
    alive = set(WorkerHeartbeat.objects.filter(last_seen__gte=cutoff).values_list("worker_id", flat=True))
    recovered = 0
    for row in DBTaskResult.objects.running().filter(backend_name=backend_name):
        worker = row.worker_ids[-1] if row.worker_ids else None
        if worker in alive or (row.started_at and row.started_at >= cutoff):
            continue
        logger.warning("task %s (%s) lost its worker %s", row.id, row.task_path, worker)
        recovered += requeue_or_fail(row, abandoned=True)
    return recovered


class Heartbeat(threading.Thread):
    """Beats for its worker, recovers tasks of dead workers and ticks the schedule."""

    def __init__(self, worker_id: str, backend_name: str, interval: float, lease: float) -> None:
        super().__init__(name=f"heartbeat-{worker_id}", daemon=True)
        self.worker_id, self.backend_name = worker_id, backend_name
        self.interval, self.lease = interval, lease
        self.stopped = threading.Event()

    def beat(self) -> None:
        now = timezone.now()
        WorkerHeartbeat.objects.update_or_create(
            worker_id=self.worker_id,
            defaults={"last_seen": now, "hostname": socket.gethostname(), "pid": os.getpid()},
            create_defaults={
                "last_seen": now,
                "started_at": now,
                "hostname": socket.gethostname(),
                "pid": os.getpid(),
            },
        )

    def run(self) -> None:
        try:
            while not self.stopped.is_set():
                try:
                    close_old_connections()
                    self.beat()
                    recover_abandoned(self.backend_name, self.lease)
                    schedule.tick()
                except Exception:  # a locked or unreachable database must not end the heartbeat
                    logger.exception("worker %s: heartbeat failed", self.worker_id)
                self.stopped.wait(self.interval)
        finally:
            connection.close()

    def stop(self) -> None:
        self.stopped.set()
        self.join(timeout=self.interval + 5)
        WorkerHeartbeat.objects.filter(worker_id=self.worker_id).delete()


class Worker(_LibraryWorker):
    def run_task(self, db_task_result: DBTaskResult) -> None:
        super().run_task(db_task_result)
        if db_task_result.status == TaskResultStatus.FAILED and requeue_or_fail(
            db_task_result, abandoned=False
        ):
            logger.info("task %s failed; retry %d queued", db_task_result.id, len(db_task_result.worker_ids))


class DatabaseBackend(_LibraryBackend):
    task_class = SublarrTask

    def make_worker(self, *, burst: bool, worker_id: str | None, interval: float = 0.5) -> Worker:
        return Worker(
            queue_names=sorted(self.queues),
            interval=interval,
            batch=burst,
            backend_name=self.alias,
            startup_delay=False,
            max_tasks=None,
            worker_id=worker_id or get_random_string(32),
            excluded_queue_names=[],
        )

    def run_worker(
        self,
        *,
        burst: bool,
        worker_id: str | None,
        stdout: TextIOBase,
        signals: bool = True,
        on_start: Callable[[Worker], None] | None = None,
    ) -> None:
        # A worker keeps its connection: reconnecting (and re-running the SQLite PRAGMAs) after
        # every task, as close_old_connections() does with CONN_MAX_AGE=0, halves throughput.
        for alias in connections:
            connections[alias].settings_dict["CONN_MAX_AGE"] = None
        worker = self.make_worker(burst=burst, worker_id=worker_id)
        if on_start:
            on_start(worker)
        heartbeat = Heartbeat(
            worker.worker_id,
            self.alias,
            interval=float(settings.TASKS_HEARTBEAT_SECONDS),
            lease=float(settings.TASKS_LEASE_SECONDS),
        )
        heartbeat.beat()  # before the first claim, so no other worker takes this one for dead
        heartbeat.start()
        stdout.write(f"Embedded worker {worker.worker_id} (pid {os.getpid()}) on {connection.vendor}\n")
        if signals:
            worker.configure_signals()
        try:
            worker.run()
        finally:
            heartbeat.stop()

    def purge_finished(self, before: datetime) -> int:
        finished = DBTaskResult.objects.finished().filter(backend_name=self.alias, finished_at__lt=before)
        return finished.delete()[0]

    def pending_count(self) -> int:
        statuses = [TaskResultStatus.READY, TaskResultStatus.RUNNING]
        return DBTaskResult.objects.filter(backend_name=self.alias, status__in=statuses).count()

    def worker_count(self) -> int:
        cutoff = timezone.now() - timedelta(seconds=float(settings.TASKS_LEASE_SECONDS))
        return WorkerHeartbeat.objects.filter(last_seen__gte=cutoff).count()

    def running_task_paths(self) -> set[str]:
        running = DBTaskResult.objects.running().filter(backend_name=self.alias)
        return set(running.values_list("task_path", flat=True).distinct())

    def queue_stats(self) -> dict[str, int]:
        """Tasks waiting, running and failed for good (kept until maintenance purges them)."""
        states = {
            TaskResultStatus.READY: "queued",
            TaskResultStatus.RUNNING: "running",
            TaskResultStatus.FAILED: "failed",
        }
        stats = dict.fromkeys(states.values(), 0)
        rows = (
            DBTaskResult.objects.filter(backend_name=self.alias, status__in=list(states))
            .order_by()
            .values_list("status")
            .annotate(n=Count("id"))
        )
        for status, n in rows:
            stats[states[status]] = n
        return stats
