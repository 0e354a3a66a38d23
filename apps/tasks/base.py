"""What every Sublarr task backend shares: the task class with retries, and the abandoned-task error.

Tasks are written once with Django's task API (`django.tasks.task`); the backend chosen in
settings (`TASKS`, see `sublarr/services.py`) decides where they are stored and who runs them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from io import TextIOBase
from typing import Any, Protocol, cast

from django.tasks import Task, default_task_backend, task


@dataclass(frozen=True, slots=True, kw_only=True)
class SublarrTask(Task):
    """A Django task that declares its retries: `@retried_task(max_retries=3, retry_delay=10)`.

    A failed or abandoned (worker killed) run is tried again while retries are left; the
    delay doubles after every failed attempt.
    """

    max_retries: int = 0
    retry_delay: float = 10.0

    def delay_before(self, attempt: int) -> timedelta:
        """Wait before running attempt number `attempt + 1` (attempts count from 1)."""
        return timedelta(seconds=self.retry_delay * (2 ** max(attempt - 1, 0)))


def retried_task[**P, R](*, max_retries: int, retry_delay: float) -> Callable[[Callable[P, R]], Task[P, R]]:
    """`@task` with SublarrTask's retries: `@retried_task(max_retries=3, retry_delay=10)`.

    Django's task() hands keywords it does not know to the backend's task_class (SublarrTask);
    django-stubs types task() with Django's own keywords only, so this is the one typed door.
    """
    return task(  # type: ignore[call-overload]  # retry keywords: accepted at run time, not in the stubs
        max_retries=max_retries, retry_delay=retry_delay
    )


class AbandonedTask(Exception):
    """Recorded as the error of a task whose worker died while running it."""


class WorkerBackend(Protocol):
    """What Sublarr needs from a task backend beyond enqueueing: running workers, housekeeping."""

    alias: str

    def run_worker(
        self,
        *,
        burst: bool,
        worker_id: str | None,
        stdout: TextIOBase,
        signals: bool = True,
        on_start: Callable[[Any], None] | None = None,
    ) -> None:
        """Run tasks until stopped (or, with `burst`, until the queue is empty)."""

    def purge_finished(self, before: datetime) -> int:
        """Delete records of tasks that finished before `before`; returns how many."""

    def pending_count(self) -> int:
        """Tasks waiting or running."""

    def worker_count(self) -> int:
        """Workers alive now (a task waits forever when there is none)."""

    def running_task_paths(self) -> set[str]:
        """The dotted paths of the tasks running now."""

    def queue_stats(self) -> dict[str, int]:
        """Tasks queued, running and failed (keys "queued", "running", "failed")."""


# Django's default backend, typed as what Sublarr's backends (database, rq) add to BaseTaskBackend:
# settings.TASKS names only those. The same lazy proxy, so a changed setting is followed.
default_worker_backend = cast(WorkerBackend, default_task_backend)
