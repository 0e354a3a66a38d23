"""The translation app's live events: whisper_jobs changes, also as legacy whisper_* events."""

from __future__ import annotations

from typing import Any

from apps.translation.models import WhisperJob
from sublarr.events.changes import watch


def whisper_event(job: WhisperJob) -> tuple[str, dict[str, Any]] | None:
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


def connect() -> None:
    watch(WhisperJob, legacy=whisper_event)
