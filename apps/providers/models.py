"""Subtitle provider tables: search cache, download history, health statistics and scoring."""

from __future__ import annotations

from django.db import models

from apps.core.expressions import DatetimeNow, IntegerLiteral
from apps.core.fields import JSONTextField, LegacyBooleanField, now_iso
from apps.core.models import SubtitleType


class ProviderCache(models.Model):
    provider_name = models.TextField()
    query_hash = models.TextField()
    results_json = JSONTextField()
    cached_at = models.TextField(default=now_iso)
    expires_at = models.TextField()

    class Meta:
        db_table = "provider_cache"
        ordering = ["-cached_at"]
        verbose_name = "provider cache entry"
        verbose_name_plural = "provider cache"
        indexes = [
            models.Index(fields=["provider_name", "query_hash"], name="idx_provider_cache_hash"),
            models.Index(fields=["expires_at"], name="idx_provider_cache_expires"),
        ]

    def __str__(self) -> str:
        return f"{self.provider_name}:{self.query_hash}"


class SubtitleDownload(models.Model):
    provider_name = models.TextField()
    subtitle_id = models.TextField()
    language = models.TextField()
    format = models.TextField(null=True, blank=True, db_default="")
    file_path = models.TextField()
    score = models.IntegerField(null=True, db_default=0)
    downloaded_at = models.TextField(default=now_iso)
    subtitle_type = models.TextField(null=True, choices=SubtitleType, db_default=SubtitleType.FULL)

    class Meta:
        db_table = "subtitle_downloads"
        ordering = ["-downloaded_at"]
        verbose_name = "subtitle download"
        indexes = [
            models.Index(fields=["file_path"], name="idx_subtitle_downloads_path"),
            # Not in the legacy schema (migration 0002): the API's default order without a sort.
            models.Index(fields=["downloaded_at", "id"], name="idx_subtitle_downloads_added"),
            # Migration 0003: /api/v1/history/stats and /statistics group by provider (and format,
            # language) and average the score from this index alone, without sorting the table.
            models.Index(
                fields=["provider_name", "format", "language", "score"], name="idx_subtitle_downloads_stats"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.provider_name}:{self.subtitle_id} -> {self.file_path}"


class ProviderStats(models.Model):
    provider_name = models.TextField(primary_key=True)
    total_searches = models.IntegerField(null=True, db_default=0)
    successful_downloads = models.IntegerField(null=True, db_default=0)
    failed_downloads = models.IntegerField(null=True, db_default=0)
    avg_score = models.FloatField(null=True, db_default=IntegerLiteral(0))
    last_success_at = models.TextField(null=True, blank=True)
    last_failure_at = models.TextField(null=True, blank=True)
    consecutive_failures = models.IntegerField(null=True, db_default=0)
    avg_response_time_ms = models.FloatField(null=True, db_default=IntegerLiteral(0))
    last_response_time_ms = models.FloatField(null=True, db_default=IntegerLiteral(0))
    auto_disabled = LegacyBooleanField(null=True, db_default=0)
    disabled_until = models.TextField(null=True, blank=True, db_default="")
    updated_at = models.TextField(db_default=DatetimeNow())

    class Meta:
        db_table = "provider_stats"
        ordering = ["provider_name"]
        verbose_name = "provider statistics"
        verbose_name_plural = "provider statistics"
        indexes = [models.Index(fields=["updated_at"], name="idx_provider_stats_updated")]

    def __str__(self) -> str:
        return self.provider_name


class ProviderScoreModifier(models.Model):
    provider_name = models.TextField(primary_key=True)
    modifier = models.IntegerField(db_default=0, help_text="Added to every score from this provider.")
    updated_at = models.TextField(db_default=DatetimeNow())

    class Meta:
        db_table = "provider_score_modifiers"
        ordering = ["provider_name"]
        verbose_name = "provider score modifier"

    def __str__(self) -> str:
        return f"{self.provider_name} {self.modifier:+d}"


class ScoringWeights(models.Model):
    score_type = models.TextField(help_text="episode or movie")
    weight_key = models.TextField()
    weight_value = models.IntegerField()
    updated_at = models.TextField(db_default=DatetimeNow())

    class Meta:
        db_table = "scoring_weights"
        ordering = ["score_type", "weight_key"]
        verbose_name = "scoring weight"
        constraints = [
            models.UniqueConstraint(fields=["score_type", "weight_key"], name="scoring_weights_type_key_uniq")
        ]

    def __str__(self) -> str:
        return f"{self.score_type}.{self.weight_key} = {self.weight_value}"
