"""Standalone mode: media found in watched folders without Sonarr/Radarr, and its metadata."""

from __future__ import annotations

from typing import Any

from django.db import models, transaction

from apps.core.expressions import CurrentTimestamp, DatetimeNow
from apps.core.timestamps import ExpiringQuerySet
from sublarr.db.fields import JSONTextField, LegacyBooleanField, LegacyTimestampField, now_iso


class WatchedFolder(models.Model):
    # The values legacy's API and scanner use (routes/standalone.py, frontend types.ts).
    class MediaType(models.TextChoices):
        AUTO = "auto"
        TV = "tv"
        MOVIE = "movie"

    path = models.TextField(unique=True)
    label = models.TextField(null=True, blank=True, db_default="")
    media_type = models.TextField(null=True, choices=MediaType, db_default=MediaType.AUTO)
    enabled = LegacyBooleanField(null=True, db_default=True)
    last_scan_at = models.TextField(null=True, blank=True, db_default="")
    created_at = models.TextField(db_default=DatetimeNow())
    updated_at = models.TextField(db_default=DatetimeNow())

    class Meta:
        db_table = "watched_folders"
        ordering = ["path"]
        verbose_name = "watched folder"

    def __str__(self) -> str:
        return self.label or self.path


class WantedCascadeQuerySet(models.QuerySet):
    """Deleting standalone media deletes its wanted items too, as legacy DELETE /standalone/... did.

    wanted_items refers to them by plain ids (no foreign key), so the ORM's collector cannot.
    """

    wanted_column = ""

    def delete(self) -> tuple[int, dict[str, int]]:
        from apps.core.models import WantedItem

        with transaction.atomic():
            ids = list(self.values_list("pk", flat=True))
            wanted, _ = WantedItem.objects.filter(**{f"{self.wanted_column}__in": ids}).delete()
            deleted, counts = super().delete()
        if wanted:
            counts = {**counts, WantedItem._meta.label: wanted}
        return deleted + wanted, counts


class StandaloneSeriesQuerySet(WantedCascadeQuerySet):
    wanted_column = "standalone_series_id"


class StandaloneMovieQuerySet(WantedCascadeQuerySet):
    wanted_column = "standalone_movie_id"


class WantedCascadeMixin(models.Model):
    class Meta:
        abstract = True

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        return type(self)._default_manager.filter(pk=self.pk).delete()


class StandaloneSeries(WantedCascadeMixin, models.Model):
    title = models.TextField()
    year = models.IntegerField(null=True, blank=True)
    folder_path = models.TextField()
    tmdb_id = models.IntegerField(null=True, blank=True)
    tvdb_id = models.IntegerField(null=True, blank=True)
    anilist_id = models.IntegerField(null=True, blank=True)
    imdb_id = models.TextField(null=True, blank=True, db_default="")
    poster_url = models.TextField(null=True, blank=True, db_default="")
    is_anime = LegacyBooleanField(null=True, db_default=False)
    episode_count = models.IntegerField(null=True, db_default=0)
    season_count = models.IntegerField(null=True, db_default=0)
    metadata_source = models.TextField(null=True, blank=True, db_default="")
    created_at = models.TextField(db_default=DatetimeNow())
    updated_at = models.TextField(db_default=DatetimeNow())

    objects = StandaloneSeriesQuerySet.as_manager()

    class Meta:
        db_table = "standalone_series"
        ordering = ["title"]
        verbose_name = "standalone series"
        verbose_name_plural = "standalone series"
        constraints = [models.UniqueConstraint(fields=["folder_path"], name="standalone_series_folder_uniq")]
        indexes = [
            models.Index(fields=["tmdb_id"], name="idx_standalone_series_tmdb"),
            models.Index(fields=["anilist_id"], name="idx_standalone_series_anilist"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})" if self.year else self.title


class StandaloneMovie(WantedCascadeMixin, models.Model):
    title = models.TextField()
    year = models.IntegerField(null=True, blank=True)
    file_path = models.TextField(unique=True)
    tmdb_id = models.IntegerField(null=True, blank=True)
    imdb_id = models.TextField(null=True, blank=True, db_default="")
    poster_url = models.TextField(null=True, blank=True, db_default="")
    metadata_source = models.TextField(null=True, blank=True, db_default="")
    created_at = models.TextField(db_default=DatetimeNow())
    updated_at = models.TextField(db_default=DatetimeNow())

    objects = StandaloneMovieQuerySet.as_manager()

    class Meta:
        db_table = "standalone_movies"
        ordering = ["title"]
        verbose_name = "standalone movie"
        indexes = [models.Index(fields=["tmdb_id"], name="idx_standalone_movies_tmdb")]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})" if self.year else self.title


class MetadataCache(models.Model):
    cache_key = models.TextField(primary_key=True)
    provider = models.TextField()
    response_json = JSONTextField()
    cached_at = models.TextField(default=now_iso)
    expires_at = models.TextField()

    objects = ExpiringQuerySet.as_manager()

    class Meta:
        db_table = "metadata_cache"
        ordering = ["cache_key"]
        verbose_name = "metadata cache entry"
        verbose_name_plural = "metadata cache"
        indexes = [models.Index(fields=["expires_at"], name="idx_metadata_cache_expires")]

    def __str__(self) -> str:
        return self.cache_key


class AnidbMapping(models.Model):
    tvdb_id = models.IntegerField(primary_key=True)
    anidb_id = models.IntegerField()
    series_title = models.TextField(null=True, blank=True)
    created_at = LegacyTimestampField(null=True, blank=True, db_default=CurrentTimestamp())
    last_used = LegacyTimestampField(null=True, blank=True, db_default=CurrentTimestamp())

    class Meta:
        db_table = "anidb_mappings"
        ordering = ["tvdb_id"]
        verbose_name = "AniDB mapping"
        indexes = [models.Index(fields=["anidb_id"], name="idx_anidb_mappings_anidb_id")]

    def __str__(self) -> str:
        return f"tvdb {self.tvdb_id} -> anidb {self.anidb_id}"
