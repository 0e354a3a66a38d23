"""What every Sublarr task backend shares: the task class with retries, and the abandoned-task error.

Tasks are written once with Django's task API (`django.tasks.task`); the backend chosen in
settings (`TASKS`, see `sublarr/services.py`) decides where they are stored and who runs them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.tasks import Task


@dataclass(frozen=True, slots=True, kw_only=True)
class SublarrTask(Task):
    """A Django task that declares its retries: `@task(max_retries=3, retry_delay=10)`.

    A failed or abandoned (worker killed) run is tried again while retries are left; the
    delay doubles after every failed attempt.
    """

    max_retries: int = 0
    retry_delay: float = 10.0

    def delay_before(self, attempt: int) -> timedelta:
        """Wait before running attempt number `attempt + 1` (attempts count from 1)."""
        return timedelta(seconds=self.retry_delay * (2 ** max(attempt - 1, 0)))


class AbandonedTask(Exception):
    """Recorded as the error of a task whose worker died while running it."""
