"""Core's background tasks: the scheduled backup, and the run of a translation job.

Translation jobs: the `jobs` row legacy created for a translation, and the task that runs it.

Legacy (backend/routes/translate.py, db/jobs.py) created a queued row and ran the translation in
a thread: the row went running, then completed or failed, and clients heard `job_update`. Here
the row is made the same way and a task takes the thread's place. This platform has no
translation engine (that is the Sublarr translation service), so the task does what legacy did
when no translation backend could be used: the job ends "failed" with the reason in its row.
Every change is an ORM save, so the live-event signals (apps/core/signals.py) announce each one
as the legacy `job_update`.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from django.db.models import F
from django.db.models.functions import Coalesce

from apps.core.dbtools import backup
from apps.core.models import DailyStats, Job
from apps.tasks.base import retried_task
from sublarr.db.fields import now_iso

NO_TRANSLATION = "Translation is not available on this backend: it runs in the Sublarr translation service"


def new_job_id() -> str:
    """Legacy's job id: the first 8 characters of a random UUID."""
    return str(uuid.uuid4())[:8]


def queue_translation(file_path: str, *, force: bool, arr_context: Any = None) -> Job:
    """Legacy create_job plus starting its run: a queued row, then the task that runs it.

    If the task cannot be queued, the row goes again: no job waits for a run that never comes.
    """
    job = Job.objects.create(
        id=new_job_id(),
        file_path=file_path,
        status=Job.Status.QUEUED,
        force=force,
        # Legacy stored json.dumps(context), or "" for no (or an empty) context.
        bazarr_context_json=json.dumps(arr_context) if arr_context else "",
        created_at=now_iso(),
    )
    try:
        run_translation_job.enqueue(job.pk)
    except Exception:
        job.delete()
        raise
    return job


def _set(job: Job, status: str, error: str = "") -> None:
    """Legacy update_job without a translation result: every result column back to empty."""
    job.status = status
    job.stats_json = "{}"
    job.output_path = ""
    job.source_format = ""
    job.config_hash = ""
    job.error = error
    job.completed_at = now_iso() if status in (Job.Status.COMPLETED, Job.Status.FAILED) else ""
    job.save()


def _count_failure(day: str) -> None:
    """Legacy record_stat(success=False): one more failed translation in the day's statistics."""
    DailyStats.objects.get_or_create(date=day)
    DailyStats.objects.filter(date=day).update(failed=Coalesce(F("failed"), 0) + 1)


# A worker that dies mid-run leaves the job running; the one retry finishes it.
@retried_task(max_retries=1, retry_delay=5)
def run_translation_job(job_id: str) -> str | None:
    """Run a queued translation job: running, then failed, since no engine runs here."""
    job = Job.objects.filter(pk=job_id).first()
    if job is None or job.status not in (Job.Status.QUEUED, Job.Status.RUNNING):
        return None  # deleted meanwhile, or already finished
    _set(job, Job.Status.RUNNING)
    _count_failure(now_iso()[:10])
    _set(job, Job.Status.FAILED, error=NO_TRANSLATION)
    return job.status


@retried_task(max_retries=2, retry_delay=300)
def run_daily_backup() -> str:
    """The scheduled backup of the database (retention as set by SUBLARR_BACKUP_KEEP)."""
    return str(backup.run_scheduled_backup())
