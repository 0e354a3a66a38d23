"""The translation app's maintenance step: pruning finished whisper jobs like translation jobs."""

from __future__ import annotations

from datetime import datetime

from apps.core.maintenance import FINISHED_JOB_STATUSES, finished_before
from apps.tasks.maintenance import retention, step
from apps.translation.models import WhisperJob


@step("finished jobs pruned")
def prune_finished_whisper_jobs(now: datetime) -> int:
    finished = finished_before(now - retention())
    return WhisperJob.objects.filter(finished, status__in=FINISHED_JOB_STATUSES).delete()[0]
