"""Subtitle provider tables: search cache, download history, health statistics and scoring."""

from __future__ import annotations

from datetime import datetime

from django.db import models, transaction

from apps.core.expressions import DatetimeNow, IntegerLiteral
from apps.core.models import SubtitleType
from apps.core.timestamps import ExpiringQuerySet, earlier_than, utcnow
from sublarr.db.fields import JSONTextField, LegacyBooleanField, now_iso


class ProviderCache(models.Model):
    provider_name = models.TextField()
    query_hash = models.TextField()
    results_json = JSONTextField(shape=list)
    cached_at = models.TextField(default=now_iso)
    expires_at = models.TextField()

    objects = ExpiringQuerySet.as_manager()

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


class ProviderStatsQuerySet(models.QuerySet["ProviderStats"]):
    def release_expired_disables(self, now: datetime | None = None) -> int:
        """Re-enable providers whose auto-disable cooldown has passed (legacy did it on every check)."""
        return (
            self.filter(auto_disabled=True)
            .filter(earlier_than("disabled_until", now or utcnow()))
            .update(auto_disabled=False, disabled_until="")
        )

    def is_auto_disabled(self, provider_name: str) -> bool:
        """Legacy is_provider_auto_disabled(): disabled and still cooling down."""
        self.filter(provider_name=provider_name).release_expired_disables()
        return self.filter(provider_name=provider_name, auto_disabled=True).exists()

    def re_enable(self, provider_name: str) -> int:
        """A person re-enables a provider: no auto-disable, and its failure streak starts again."""
        return self.filter(provider_name=provider_name).update(
            auto_disabled=False, disabled_until="", consecutive_failures=0
        )


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
    auto_disabled = LegacyBooleanField(null=True, db_default=False)
    disabled_until = models.TextField(null=True, blank=True, db_default="")
    updated_at = models.TextField(db_default=DatetimeNow())

    objects = ProviderStatsQuerySet.as_manager()

    class Meta:
        db_table = "provider_stats"
        ordering = ["provider_name"]
        verbose_name = "provider statistics"
        verbose_name_plural = "provider statistics"
        indexes = [models.Index(fields=["updated_at"], name="idx_provider_stats_updated")]

    def __str__(self) -> str:
        return self.provider_name


class ProviderScoreModifierQuerySet(models.QuerySet["ProviderScoreModifier"]):
    def as_dict(self) -> dict[str, int]:
        """{provider_name: modifier}, by name, as the legacy scoring read them."""
        return dict(self.order_by("provider_name").values_list("provider_name", "modifier"))

    def set_many(self, modifiers: dict[str, int]) -> None:
        stamp = now_iso()
        with transaction.atomic():
            for name, modifier in modifiers.items():
                values = {"modifier": modifier, "updated_at": stamp}
                self.update_or_create(provider_name=name, defaults=values)


class ProviderScoreModifier(models.Model):
    provider_name = models.TextField(primary_key=True)
    modifier = models.IntegerField(db_default=0, help_text="Added to every score from this provider.")
    updated_at = models.TextField(db_default=DatetimeNow())

    objects = ProviderScoreModifierQuerySet.as_manager()

    class Meta:
        db_table = "provider_score_modifiers"
        ordering = ["provider_name"]
        verbose_name = "provider score modifier"

    def __str__(self) -> str:
        return f"{self.provider_name} {self.modifier:+d}"


# The weights scoring uses where scoring_weights has no row (legacy db/scoring.py, providers/base.py).
DEFAULT_WEIGHTS: dict[str, dict[str, int]] = {
    "episode": {
        "hash": 359,
        "series": 180,
        "year": 90,
        "season": 30,
        "episode": 30,
        "release_group": 14,
        "source": 7,
        "audio_codec": 3,
        "resolution": 2,
        "hearing_impaired": 1,
        "format_bonus": 50,
    },
    "movie": {
        "hash": 119,
        "title": 60,
        "year": 30,
        "release_group": 13,
        "source": 7,
        "audio_codec": 3,
        "resolution": 2,
        "hearing_impaired": 1,
        "format_bonus": 50,
    },
}


class ScoringWeightsQuerySet(models.QuerySet["ScoringWeights"]):
    def merged(self) -> dict[str, dict[str, int]]:
        """Per score type, the defaults with the stored overrides on top (one query)."""
        weights = {score_type: dict(defaults) for score_type, defaults in DEFAULT_WEIGHTS.items()}
        rows = self.filter(score_type__in=list(DEFAULT_WEIGHTS)).order_by("pk")
        for score_type, key, value in rows.values_list("score_type", "weight_key", "weight_value"):
            weights[score_type][key] = value
        return weights

    def set_weights(self, score_type: str, weights: dict[str, int]) -> None:
        stamp = now_iso()
        with transaction.atomic():
            for key, value in weights.items():
                values = {"weight_value": value, "updated_at": stamp}
                self.update_or_create(score_type=score_type, weight_key=key, defaults=values)

    def reset(self) -> None:
        """Back to the defaults: every override goes."""
        self.all().delete()


class ScoringWeights(models.Model):
    score_type = models.TextField(help_text="episode or movie")
    weight_key = models.TextField()
    weight_value = models.IntegerField()
    updated_at = models.TextField(db_default=DatetimeNow())

    objects = ScoringWeightsQuerySet.as_manager()

    class Meta:
        db_table = "scoring_weights"
        ordering = ["score_type", "weight_key"]
        verbose_name = "scoring weight"
        constraints = [
            models.UniqueConstraint(fields=["score_type", "weight_key"], name="scoring_weights_type_key_uniq")
        ]

    def __str__(self) -> str:
        return f"{self.score_type}.{self.weight_key} = {self.weight_value}"
