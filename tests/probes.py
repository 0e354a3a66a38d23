"""Probe tasks for tests and benchmarks: they measure the queue and let tests kill or fail a worker.

Workers import them by their dotted path (tests.probes.<name>), so they run from the project root.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from django.tasks import task

from apps.tasks.base import retried_task


@task()
def noop() -> None:
    """Does nothing: measures the queue itself (bench/jobs.py)."""


@retried_task(max_retries=1, retry_delay=0)
def touch_file(path: str, sleep: float = 0.0) -> int:
    """Appends this process's pid to `path`, sleeping first: lets tests kill a worker mid-task."""
    time.sleep(sleep)
    with Path(path).open("a") as handle:
        handle.write(f"{os.getpid()}\n")
    return os.getpid()


@retried_task(max_retries=2, retry_delay=0)
def always_fail(path: str) -> None:
    """Records an attempt in `path`, then fails: lets tests count retries."""
    with Path(path).open("a") as handle:
        handle.write("attempt\n")
    raise RuntimeError("failing on purpose")


@task()
def mark_job(job_id: str, status: str) -> str:
    """Sets a translation job's status through the ORM: a model change made by a worker, whose
    live event tests and bench/jobs.py wait for. The time of the change goes in stats_json."""
    from apps.core.models import Job

    job = Job.objects.get(pk=job_id)
    job.status = status
    job.stats_json = json.dumps({"changed_at": time.time()})
    job.save(update_fields=["status", "stats_json"])
    return job_id
