"""Admin for standalone mode: watched folders, the series and movies found there, metadata."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from apps.core.admin_tools import ReadOnlyAdminMixin, SublarrModelAdmin
from apps.standalone.models import (
    AnidbMapping,
    MetadataCache,
    StandaloneMovie,
    StandaloneSeries,
    WatchedFolder,
)


@admin.register(WatchedFolder)
class WatchedFolderAdmin(SublarrModelAdmin):
    list_display = ("path", "label", "media_type", "enabled", "last_scan_at", "updated_at")
    list_filter = ("enabled", "media_type")
    search_fields = ("path", "label")
    ordering = ("path",)
    readonly_fields = ("last_scan_at", "created_at", "updated_at")


@admin.register(StandaloneSeries)
class StandaloneSeriesAdmin(SublarrModelAdmin):
    list_display = (
        "title",
        "year",
        "is_anime",
        "season_count",
        "episode_count",
        "tmdb_id",
        "tvdb_id",
        "anilist_id",
        "metadata_source",
        "folder_path",
    )
    list_filter = ("is_anime", "metadata_source")
    search_fields = ("title", "folder_path", "imdb_id__exact", "tmdb_id__exact", "tvdb_id__exact")
    search_help_text = "Part of the title or folder, or an IMDb / TMDB / TVDB id."
    ordering = ("title",)
    readonly_fields = ("created_at", "updated_at")


@admin.register(StandaloneMovie)
class StandaloneMovieAdmin(SublarrModelAdmin):
    list_display = ("title", "year", "tmdb_id", "imdb_id", "metadata_source", "file_path")
    list_filter = ("metadata_source",)
    search_fields = ("title", "file_path", "imdb_id__exact", "tmdb_id__exact")
    search_help_text = "Part of the title or file path, or an IMDb / TMDB id."
    ordering = ("title",)
    readonly_fields = ("created_at", "updated_at")


@admin.register(MetadataCache)
class MetadataCacheAdmin(ReadOnlyAdminMixin, SublarrModelAdmin):
    list_display = ("cache_key", "provider", "cached_at", "expires_at")
    list_filter = ("provider",)
    search_fields = ("cache_key",)
    ordering = ("cache_key",)
    actions = ("delete_expired",)

    @admin.action(description="Delete all expired cache entries (ignores the selection)")
    def delete_expired(self, request: HttpRequest, queryset: QuerySet[MetadataCache]) -> None:
        deleted = MetadataCache.objects.delete_expired()
        self.message_user(request, f"{deleted} expired cache entries deleted.", messages.SUCCESS)


@admin.register(AnidbMapping)
class AnidbMappingAdmin(SublarrModelAdmin):
    list_display = ("tvdb_id", "anidb_id", "series_title", "created_at", "last_used")
    search_fields = ("series_title", "tvdb_id__exact", "anidb_id__exact")
    search_help_text = "Part of the title, or a TVDB / AniDB id."
    ordering = ("tvdb_id",)
    readonly_fields = ("created_at", "last_used")
