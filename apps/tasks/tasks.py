"""The task infrastructure's own task: the maintenance run (each app's registered steps)."""

from __future__ import annotations

from apps.tasks import maintenance
from apps.tasks.base import retried_task


@retried_task(max_retries=2, retry_delay=60)
def run_maintenance() -> dict[str, int]:
    return maintenance.run()
