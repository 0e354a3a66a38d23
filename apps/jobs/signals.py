"""Model changes of jobs, whisper_jobs and wanted_items become live events.

Each change goes to /ws/events and, where the legacy application announced it, to /socket.io
as the legacy event (job_update, whisper_*) with the legacy payload.
Only ORM saves and deletes send signals; bulk `QuerySet.update()` calls do not.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Model
from django.db.models.signals import post_delete, post_save

from apps.core.models import Job, WantedItem
from apps.jobs.events import event, publish
from apps.translation.models import WhisperJob

WATCHED = (Job, WhisperJob, WantedItem)
FINISHED = {"completed", "failed", "skipped"}


def _payload(instance: Model, action: str) -> dict[str, Any]:
    progress = getattr(instance, "progress", None)
    return event(
        f"{instance._meta.db_table}.{action}",
        instance.pk,
        status=getattr(instance, "status", None),
        progress=float(progress) if progress is not None else None,
    )


def _job_update(job: Job) -> tuple[str, dict[str, Any]]:
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


def _whisper_event(job: WhisperJob) -> tuple[str, dict[str, Any]] | None:
    if job.status == WhisperJob.Status.COMPLETED:
        return "whisper_complete", {
            "job_id": job.pk,
            "segment_count": job.segment_count,
            "detected_language": job.detected_language,
            "duration_seconds": job.duration_seconds,
            "processing_time_ms": job.processing_time_ms,
        }
    if job.status == WhisperJob.Status.FAILED:
        return "whisper_failed", {"job_id": job.pk, "error": (job.error or "")[:500]}
    if job.status == WhisperJob.Status.RUNNING:
        return "whisper_progress", {
            "job_id": job.pk,
            "phase": job.phase or "",
            "progress": round(float(job.progress or 0.0), 3),
            "message": "",
        }
    return None


def legacy_event(instance: Model) -> tuple[str, dict[str, Any]] | None:
    if isinstance(instance, Job):
        return _job_update(instance)
    if isinstance(instance, WhisperJob):
        return _whisper_event(instance)
    return None  # legacy announced no change of a single wanted item


def on_save(sender: type[Model], instance: Model, created: bool, raw: bool = False, **_: Any) -> None:
    if not raw:  # fixtures and data transfers load rows without announcing them
        publish(_payload(instance, "created" if created else "updated"), legacy=legacy_event(instance))


def on_delete(sender: type[Model], instance: Model, **_: Any) -> None:
    publish(_payload(instance, "deleted"))


for model in WATCHED:
    post_save.connect(on_save, sender=model, dispatch_uid=f"live-events-save-{model._meta.db_table}")
    post_delete.connect(on_delete, sender=model, dispatch_uid=f"live-events-delete-{model._meta.db_table}")
