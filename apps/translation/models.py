"""Translation tables: config history, glossaries, prompt presets, backend health, Whisper jobs."""

from __future__ import annotations

from typing import Any

from django.db import models, transaction

from apps.core.expressions import DatetimeNow, IntegerLiteral
from apps.core.rules import GuardedDeleteMixin, GuardedQuerySet
from sublarr.db.fields import LegacyBooleanField, now_iso


class TranslationConfigHistory(models.Model):
    config_hash = models.TextField(unique=True)
    ollama_model = models.TextField(null=True, blank=True)
    prompt_template = models.TextField(null=True, blank=True)
    target_language = models.TextField(null=True, blank=True)
    first_used_at = models.TextField(default=now_iso)
    last_used_at = models.TextField(default=now_iso)

    class Meta:
        db_table = "translation_config_history"
        ordering = ["-last_used_at"]
        verbose_name = "translation config"
        verbose_name_plural = "translation config history"

    def __str__(self) -> str:
        return f"{self.config_hash} ({self.ollama_model}, {self.target_language})"


class GlossaryEntry(models.Model):
    series_id = models.IntegerField(help_text="Sonarr series id the term belongs to.")
    source_term = models.TextField()
    target_term = models.TextField()
    notes = models.TextField(null=True, blank=True, db_default="")
    created_at = models.TextField(db_default=DatetimeNow())
    updated_at = models.TextField(db_default=DatetimeNow())

    class Meta:
        db_table = "glossary_entries"
        ordering = ["series_id", "source_term"]
        verbose_name = "glossary entry"
        verbose_name_plural = "glossary"
        indexes = [
            models.Index(fields=["series_id"], name="idx_glossary_series_id"),
            models.Index(fields=["source_term"], name="idx_glossary_source_term"),
        ]

    def __str__(self) -> str:
        return f"{self.source_term} -> {self.target_term}"


class PromptPresetQuerySet(GuardedQuerySet["PromptPreset"]):
    def default(self) -> PromptPreset | None:
        return self.filter(is_default=True).order_by("id").first()

    def deletion_refusal(self) -> str | None:
        # Legacy delete_prompt_preset(): there is always at least one preset left.
        if not self.model.objects.exclude(pk__in=self.values("pk")).exists():
            return "The last prompt preset cannot be deleted."
        return None


class PromptPreset(GuardedDeleteMixin, models.Model):
    """A translation prompt. Rules for every entry point: saving a preset as the default makes it
    the only default (legacy add/update_prompt_preset cleared the others), and the last preset
    cannot be deleted.
    """

    name = models.TextField(unique=True)
    prompt_template = models.TextField()
    is_default = LegacyBooleanField(null=True, db_default=False)
    created_at = models.TextField(db_default=DatetimeNow())
    updated_at = models.TextField(db_default=DatetimeNow())

    objects = PromptPresetQuerySet.as_manager()

    class Meta:
        db_table = "prompt_presets"
        ordering = ["name"]
        verbose_name = "prompt preset"

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        with transaction.atomic():
            if self.is_default is True:
                PromptPreset.objects.exclude(pk=self.pk).filter(is_default=True).update(
                    is_default=False, updated_at=now_iso()
                )
            super().save(*args, **kwargs)


class TranslationBackendStats(models.Model):
    backend_name = models.TextField(primary_key=True)
    total_requests = models.IntegerField(null=True, db_default=0)
    successful_translations = models.IntegerField(null=True, db_default=0)
    failed_translations = models.IntegerField(null=True, db_default=0)
    total_characters = models.BigIntegerField(null=True, db_default=0)
    avg_response_time_ms = models.FloatField(null=True, db_default=IntegerLiteral(0))
    last_response_time_ms = models.FloatField(null=True, db_default=IntegerLiteral(0))
    last_success_at = models.TextField(null=True, blank=True)
    last_failure_at = models.TextField(null=True, blank=True)
    last_error = models.TextField(null=True, blank=True, db_default="")
    consecutive_failures = models.IntegerField(null=True, db_default=0)
    updated_at = models.TextField(db_default=DatetimeNow())

    class Meta:
        db_table = "translation_backend_stats"
        ordering = ["backend_name"]
        verbose_name = "translation backend statistics"
        verbose_name_plural = "translation backend statistics"
        indexes = [models.Index(fields=["updated_at"], name="idx_translation_backend_stats_updated")]

    def __str__(self) -> str:
        return self.backend_name


class JobInProgress(Exception):
    """A running Whisper job can be neither cancelled nor deleted (legacy answered 409)."""


class WhisperJob(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued"
        RUNNING = "running"
        COMPLETED = "completed"
        FAILED = "failed"
        CANCELLED = "cancelled"

    id = models.TextField(primary_key=True)
    file_path = models.TextField()
    language = models.TextField(blank=True, db_default="")
    status = models.TextField(choices=Status, db_default=Status.QUEUED)
    progress = models.FloatField(null=True, db_default=0.0)
    phase = models.TextField(null=True, blank=True, db_default="")
    backend_name = models.TextField(null=True, blank=True, db_default="")
    detected_language = models.TextField(null=True, blank=True, db_default="")
    language_probability = models.FloatField(null=True, db_default=0.0)
    srt_content = models.TextField(null=True, blank=True, db_default="")
    segment_count = models.IntegerField(null=True, db_default=0)
    duration_seconds = models.FloatField(null=True, db_default=0.0)
    processing_time_ms = models.FloatField(null=True, db_default=0.0)
    error = models.TextField(null=True, blank=True, db_default="")
    created_at = models.TextField(default=now_iso)
    started_at = models.TextField(null=True, blank=True, db_default="")
    completed_at = models.TextField(null=True, blank=True, db_default="")

    class Meta:
        db_table = "whisper_jobs"
        ordering = ["-created_at"]
        verbose_name = "Whisper job"
        indexes = [
            models.Index(fields=["status"], name="idx_whisper_jobs_status"),
            models.Index(fields=["created_at"], name="idx_whisper_jobs_created"),
        ]

    def __str__(self) -> str:
        return f"{self.id} {self.status}: {self.file_path}"

    def cancel_or_delete(self) -> str:
        """What legacy DELETE /whisper/jobs/<id> did: cancel a queued job, delete a finished one.

        Returns "cancelled" or "deleted"; raises JobInProgress for any other status (running).
        """
        finished = (self.Status.COMPLETED, self.Status.FAILED, self.Status.CANCELLED)
        if self.status == self.Status.QUEUED:
            # Only a job still queued is claimed: a worker that took it meanwhile wins.
            claimed = WhisperJob.objects.filter(pk=self.pk, status=self.Status.QUEUED).update(
                status=self.Status.CANCELLED
            )
            if claimed:
                self.status = self.Status.CANCELLED
                return "cancelled"
            self.refresh_from_db(fields=["status"])
            if self.status not in finished:
                raise JobInProgress(self.pk)
        if self.status in finished:
            WhisperJob.objects.filter(pk=self.pk).delete()
            return "deleted"
        raise JobInProgress(self.pk)
