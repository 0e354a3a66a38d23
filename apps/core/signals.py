"""Core's live events: jobs and wanted_items changes; a job's change is also the legacy job_update."""

from __future__ import annotations

from typing import Any

from apps.core.models import Job, WantedItem
from sublarr.events.changes import watch

FINISHED = {"completed", "failed", "skipped"}


def job_update(job: Job) -> tuple[str, dict[str, Any]]:
    # Legacy emitted {"id", "status", "result"} with the translation's result once a job ended.
    result = None
    if job.status in FINISHED:
        result = {
            "success": job.status == Job.Status.COMPLETED,
            "output_path": job.output_path or "",
            "stats": Job._meta.get_field("stats_json").parse(job.stats_json),
            "error": job.error or None,
        }
    return "job_update", {"id": job.pk, "status": job.status, "result": result}


def connect() -> None:
    watch(Job, legacy=job_update)
    watch(WantedItem)  # legacy announced no change of a single wanted item
