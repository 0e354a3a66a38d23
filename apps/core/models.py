"""Jobs, the wanted list, language profiles and the other core tables of the legacy schema.

Every model maps a legacy table exactly (the DDL of tests/fixtures/legacy/v14-4d45cc2.db, whose
schema history is tests/fixtures/legacy/README.md): column names, TEXT timestamps,
INTEGER 0/1 flags and database defaults are the legacy ones, so the legacy code and raw SQL keep
working on the same file.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction

from apps.core.expressions import DatetimeNow
from apps.core.rules import GuardedDeleteMixin, GuardedQuerySet
from sublarr.db.fields import JSONTextField, LegacyBooleanField, now_iso


class TouchOnSave(models.Model):
    """Sets `updated_at` on every ORM save, as the legacy data functions did on every write."""

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.updated_at = now_iso()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "updated_at"}
        super().save(*args, **kwargs)


class Job(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued"
        RUNNING = "running"
        COMPLETED = "completed"
        FAILED = "failed"
        SKIPPED = "skipped"

    id = models.TextField(primary_key=True)
    file_path = models.TextField()
    status = models.TextField(choices=Status, db_default=Status.QUEUED)
    source_format = models.TextField(null=True, blank=True, db_default="")
    output_path = models.TextField(null=True, blank=True, db_default="")
    stats_json = JSONTextField(null=True, blank=True, db_default="{}")
    error = models.TextField(null=True, blank=True, db_default="")
    force = LegacyBooleanField(null=True, db_default=False)
    # Named after Bazarr, which sent the first contexts; the API calls it arr_context.
    bazarr_context_json = JSONTextField(null=True, blank=True, db_default="", shape=dict)
    created_at = models.TextField(default=now_iso)
    completed_at = models.TextField(null=True, blank=True, db_default="")
    config_hash = models.TextField(null=True, blank=True, db_default="")

    class Meta:
        db_table = "jobs"
        ordering = ["-created_at"]
        verbose_name = "translation job"
        indexes = [
            models.Index(fields=["status"], name="idx_jobs_status"),
            models.Index(fields=["created_at"], name="idx_jobs_created"),
        ]

    def __str__(self) -> str:
        return f"{self.id} {self.status}: {self.file_path}"


class DailyStats(models.Model):
    date = models.TextField(primary_key=True, help_text="YYYY-MM-DD")
    translated = models.IntegerField(null=True, db_default=0)
    failed = models.IntegerField(null=True, db_default=0)
    skipped = models.IntegerField(null=True, db_default=0)
    by_format_json = JSONTextField(null=True, blank=True, db_default='{"ass": 0, "srt": 0}')
    by_source_json = JSONTextField(null=True, blank=True, db_default="{}")

    class Meta:
        db_table = "daily_stats"
        ordering = ["-date"]
        verbose_name = "daily statistics"
        verbose_name_plural = "daily statistics"

    def __str__(self) -> str:
        return f"{self.date}: {self.translated} translated, {self.failed} failed"


class ConfigEntry(TouchOnSave):
    key = models.TextField(primary_key=True)
    value = models.TextField()
    updated_at = models.TextField(default=now_iso)

    class Meta:
        db_table = "config_entries"
        ordering = ["key"]
        verbose_name = "configuration entry"
        verbose_name_plural = "configuration entries"

    def __str__(self) -> str:
        return self.key

    @property
    def is_secret(self) -> bool:
        """A credential (a secret setting of the registry, or a key/token/password entry)."""
        from apps.core.config.schema import is_secret_entry

        return is_secret_entry(self.key)


class SubtitleType(models.TextChoices):
    FULL = "full"
    FORCED = "forced"


class WantedItem(TouchOnSave):
    class ItemType(models.TextChoices):
        EPISODE = "episode"
        MOVIE = "movie"

    class Status(models.TextChoices):
        WANTED = "wanted"
        SEARCHING = "searching"
        FOUND = "found"
        FAILED = "failed"
        IGNORED = "ignored"

    item_type = models.TextField(choices=ItemType)
    sonarr_series_id = models.IntegerField(null=True, blank=True)
    sonarr_episode_id = models.IntegerField(null=True, blank=True)
    radarr_movie_id = models.IntegerField(null=True, blank=True)
    title = models.TextField(blank=True, db_default="")
    season_episode = models.TextField(null=True, blank=True, db_default="")
    file_path = models.TextField()
    existing_sub = models.TextField(null=True, blank=True, db_default="")
    missing_languages = JSONTextField(null=True, blank=True, db_default="[]")
    status = models.TextField(choices=Status, db_default=Status.WANTED)
    last_search_at = models.TextField(null=True, blank=True, db_default="")
    search_count = models.IntegerField(null=True, db_default=0)
    error = models.TextField(null=True, blank=True, db_default="")
    added_at = models.TextField(default=now_iso)
    updated_at = models.TextField(default=now_iso)
    upgrade_candidate = LegacyBooleanField(null=True, db_default=False)
    current_score = models.IntegerField(null=True, db_default=0)
    target_language = models.TextField(null=True, blank=True, db_default="")
    instance_name = models.TextField(null=True, blank=True, db_default="")
    # Plain ids, not foreign keys: the legacy table has no constraint and keeps orphans.
    standalone_series_id = models.IntegerField(null=True, blank=True)
    standalone_movie_id = models.IntegerField(null=True, blank=True)
    subtitle_type = models.TextField(null=True, choices=SubtitleType, db_default=SubtitleType.FULL)

    class Meta:
        db_table = "wanted_items"
        ordering = ["-added_at"]
        verbose_name = "wanted item"
        indexes = [
            models.Index(fields=["status"], name="idx_wanted_status"),
            models.Index(fields=["item_type"], name="idx_wanted_item_type"),
            models.Index(fields=["file_path"], name="idx_wanted_file_path"),
            models.Index(fields=["sonarr_series_id"], name="idx_wanted_sonarr_series"),
            models.Index(fields=["sonarr_episode_id"], name="idx_wanted_sonarr_episode"),
            models.Index(fields=["radarr_movie_id"], name="idx_wanted_radarr_movie"),
            # Not in the legacy schema (migration 0002): the API's pages in its default order,
            # unfiltered and filtered by status / type, read from an index instead of sorting.
            models.Index(fields=["added_at", "id"], name="idx_wanted_added"),
            models.Index(fields=["status", "added_at", "id"], name="idx_wanted_status_added"),
            models.Index(
                fields=["item_type", "status", "added_at", "id"], name="idx_wanted_type_status_added"
            ),
            # Migration 0003: /api/v1/wanted/summary counts these from the index in one ordered
            # pass; without it SQLite sorts the table for the GROUP BY (measured in bench/api.py).
            models.Index(
                fields=["existing_sub", "subtitle_type", "upgrade_candidate"], name="idx_wanted_summary"
            ),
        ]

    def __str__(self) -> str:
        label = f"{self.title} {self.season_episode}".strip() or self.file_path
        return f"{label} [{self.target_language or '?'}] {self.status}"


class UpgradeHistory(models.Model):
    file_path = models.TextField()
    old_format = models.TextField(null=True, blank=True)
    old_score = models.IntegerField(null=True, blank=True)
    new_format = models.TextField(null=True, blank=True)
    new_score = models.IntegerField(null=True, blank=True)
    provider_name = models.TextField(null=True, blank=True)
    upgrade_reason = models.TextField(null=True, blank=True)
    upgraded_at = models.TextField(default=now_iso)

    class Meta:
        db_table = "upgrade_history"
        ordering = ["-upgraded_at"]
        verbose_name = "subtitle upgrade"
        verbose_name_plural = "upgrade history"
        indexes = [models.Index(fields=["file_path"], name="idx_upgrade_history_path")]

    def __str__(self) -> str:
        return f"{self.file_path}: {self.old_format} {self.old_score} -> {self.new_format} {self.new_score}"


class LanguageProfileQuerySet(GuardedQuerySet["LanguageProfile"]):
    """Language profiles; there is one default, and it cannot be deleted (legacy db/profiles.py)."""

    def default(self) -> LanguageProfile | None:
        """The default profile, else the oldest one, as legacy get_default_profile() fell back."""
        return self.filter(is_default=True).first() or self.order_by("id").first()

    @transaction.atomic
    def make_default(self, profile: LanguageProfile) -> None:
        """Move the default to `profile`: the one deliberate way to change which profile it is."""
        self.model.objects.exclude(pk=profile.pk).filter(is_default=True).update(
            is_default=False, updated_at=now_iso()
        )
        profile.is_default = True
        profile.save()

    def deletion_refusal(self) -> str | None:
        if self.filter(is_default=True).exists():
            return "The default language profile cannot be deleted."
        return None


class LanguageProfile(GuardedDeleteMixin, TouchOnSave):
    """A source language and target languages, assigned to series and movies.

    Rules every entry point meets (admin forms, /api/v1, /api/v2, shell): one default profile; a
    save that would make a second one, or unset the only one, is refused (`make_default` moves
    it instead), and the default is never deleted. Legacy created profiles as non-default and had
    no way to change the default, so it never had two.
    """

    class ForcedPreference(models.TextChoices):
        DISABLED = "disabled"
        SEPARATE = "separate"
        AUTO = "auto"

    name = models.TextField(unique=True)
    source_language = models.TextField(db_default="en")
    source_language_name = models.TextField(db_default="English")
    target_languages_json = JSONTextField(db_default='["de"]')
    target_language_names_json = JSONTextField(db_default='["German"]')
    is_default = LegacyBooleanField(db_default=False)
    created_at = models.TextField(db_default=DatetimeNow())
    updated_at = models.TextField(db_default=DatetimeNow())
    translation_backend = models.TextField(null=True, blank=True, db_default="ollama")
    fallback_chain_json = JSONTextField(null=True, blank=True, db_default='["ollama"]')
    forced_preference = models.TextField(
        null=True, choices=ForcedPreference, db_default=ForcedPreference.DISABLED
    )

    objects = LanguageProfileQuerySet.as_manager()

    class Meta:
        db_table = "language_profiles"
        ordering = ["-is_default", "name"]
        verbose_name = "language profile"

    def __str__(self) -> str:
        return f"{self.name} (default)" if self.is_default else self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        with transaction.atomic():
            self.refuse_second_default()
            super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        self.refuse_second_default()

    def refuse_second_default(self) -> None:
        """Raise ValidationError when saving this row would leave two default profiles, or none."""
        others = LanguageProfile.objects.exclude(pk=self.pk).filter(is_default=True)
        # An unsaved row without a value holds a DatabaseDefault (0), which is truthy.
        if self.is_default is True:
            other = others.first()
            if other is not None:
                raise ValidationError(
                    {"is_default": f"'{other.name}' is already the default profile; there is only one."},
                    code="second_default",
                )
        elif (
            self.pk is not None
            and LanguageProfile.objects.filter(pk=self.pk, is_default=True).exists()
            and not others.exists()
        ):
            raise ValidationError(
                {"is_default": "This is the default profile; make another profile the default instead."},
                code="no_default",
            )


class SeriesLanguageProfile(models.Model):
    sonarr_series_id = models.IntegerField(primary_key=True)
    # The legacy table has no index on profile_id; DB_CASCADE keeps its ON DELETE CASCADE.
    profile = models.ForeignKey(
        LanguageProfile, on_delete=models.DB_CASCADE, db_index=False, related_name="series"
    )

    class Meta:
        db_table = "series_language_profiles"
        ordering = ["sonarr_series_id"]
        verbose_name = "series language profile"

    def __str__(self) -> str:
        return f"series {self.sonarr_series_id} -> profile {self.profile_id}"


class MovieLanguageProfile(models.Model):
    radarr_movie_id = models.IntegerField(primary_key=True)
    profile = models.ForeignKey(
        LanguageProfile, on_delete=models.DB_CASCADE, db_index=False, related_name="movies"
    )

    class Meta:
        db_table = "movie_language_profiles"
        ordering = ["radarr_movie_id"]
        verbose_name = "movie language profile"

    def __str__(self) -> str:
        return f"movie {self.radarr_movie_id} -> profile {self.profile_id}"


class FfprobeCache(models.Model):
    file_path = models.TextField(primary_key=True)
    mtime = models.FloatField(help_text="The file's modification time when probed.")
    probe_data_json = JSONTextField(shape=dict)
    cached_at = models.TextField(default=now_iso)

    class Meta:
        db_table = "ffprobe_cache"
        ordering = ["file_path"]
        verbose_name = "ffprobe cache entry"
        verbose_name_plural = "ffprobe cache"
        indexes = [models.Index(fields=["mtime"], name="idx_ffprobe_cache_mtime")]

    def __str__(self) -> str:
        return self.file_path


class BlacklistEntry(models.Model):
    provider_name = models.TextField()
    subtitle_id = models.TextField()
    language = models.TextField(null=True, blank=True, db_default="")
    file_path = models.TextField(null=True, blank=True, db_default="")
    title = models.TextField(null=True, blank=True, db_default="")
    reason = models.TextField(null=True, blank=True, db_default="")
    added_at = models.TextField(default=now_iso)

    class Meta:
        db_table = "blacklist_entries"
        ordering = ["-added_at"]
        verbose_name = "blacklisted subtitle"
        verbose_name_plural = "blacklist"
        constraints = [
            models.UniqueConstraint(
                fields=["provider_name", "subtitle_id"], name="blacklist_entries_provider_subtitle_uniq"
            )
        ]
        indexes = [models.Index(fields=["provider_name", "subtitle_id"], name="idx_blacklist_provider")]

    def __str__(self) -> str:
        return f"{self.provider_name}:{self.subtitle_id}"
