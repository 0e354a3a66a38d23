"""Admin for the provider tables: search cache, download history, health statistics, scoring."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from apps.core.admin_tools import LargeTableAdmin, ReadOnlyAdminMixin, SublarrModelAdmin
from apps.providers.models import (
    ProviderCache,
    ProviderScoreModifier,
    ProviderStats,
    ScoringWeights,
    SubtitleDownload,
)


class ProviderNameFilter(admin.SimpleListFilter):
    """Providers as listed in provider_stats: a DISTINCT over a large table would scan all of it."""

    title = "provider"
    parameter_name = "provider_name"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        names = ProviderStats.objects.order_by("provider_name").values_list("provider_name", flat=True)
        return [(name, name) for name in names]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value():
            return queryset.filter(provider_name=self.value())
        return queryset


@admin.register(ProviderCache)
class ProviderCacheAdmin(ReadOnlyAdminMixin, LargeTableAdmin):
    list_display = ("provider_name", "query_hash", "cached_at", "expires_at")
    list_filter = (ProviderNameFilter,)
    search_fields = ("query_hash__exact",)
    search_help_text = "The query hash (exact)."
    ordering = ("-cached_at",)
    actions = ("delete_expired",)

    @admin.action(description="Delete all expired cache entries (ignores the selection)")
    def delete_expired(self, request: HttpRequest, queryset: QuerySet[ProviderCache]) -> None:
        deleted = ProviderCache.objects.delete_expired()
        self.message_user(request, f"{deleted} expired cache entries deleted.", messages.SUCCESS)


@admin.register(SubtitleDownload)
class SubtitleDownloadAdmin(ReadOnlyAdminMixin, LargeTableAdmin):
    list_display = (
        "downloaded_at",
        "provider_name",
        "subtitle_id",
        "language",
        "format",
        "subtitle_type",
        "score",
        "file_path",
    )
    list_filter = (ProviderNameFilter, "subtitle_type")
    search_fields = ("file_path", "subtitle_id__exact")
    search_help_text = "Part of the file path, or a provider's subtitle id (exact)."
    # Rows are appended as downloads happen, so the id follows downloaded_at, which has no index.
    ordering = ("-id",)


@admin.register(ProviderStats)
class ProviderStatsAdmin(ReadOnlyAdminMixin, SublarrModelAdmin):
    list_display = (
        "provider_name",
        "total_searches",
        "successful_downloads",
        "failed_downloads",
        "avg_score",
        "avg_response_time_ms",
        "consecutive_failures",
        "auto_disabled",
        "disabled_until",
        "last_success_at",
        "last_failure_at",
    )
    list_filter = ("auto_disabled",)
    search_fields = ("provider_name",)
    ordering = ("provider_name",)


@admin.register(ProviderScoreModifier)
class ProviderScoreModifierAdmin(SublarrModelAdmin):
    list_display = ("provider_name", "modifier", "updated_at")
    list_editable = ("modifier",)
    search_fields = ("provider_name",)
    ordering = ("provider_name",)
    readonly_fields = ("updated_at",)


@admin.register(ScoringWeights)
class ScoringWeightsAdmin(SublarrModelAdmin):
    list_display = ("score_type", "weight_key", "weight_value", "updated_at")
    list_editable = ("weight_value",)
    list_filter = ("score_type",)
    search_fields = ("weight_key",)
    ordering = ("score_type", "weight_key")
    readonly_fields = ("updated_at",)
