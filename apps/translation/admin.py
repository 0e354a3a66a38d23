"""Admin for the translation tables: config history, glossary, prompt presets, backends, Whisper."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from apps.core.admin_tools import ReadOnlyAdminMixin, SublarrModelAdmin
from apps.translation.models import (
    GlossaryEntry,
    PromptPreset,
    TranslationBackendStats,
    TranslationConfigHistory,
    WhisperJob,
)


@admin.register(TranslationConfigHistory)
class TranslationConfigHistoryAdmin(ReadOnlyAdminMixin, SublarrModelAdmin):
    list_display = ("config_hash", "ollama_model", "target_language", "first_used_at", "last_used_at")
    list_filter = ("ollama_model", "target_language")
    search_fields = ("config_hash", "ollama_model", "prompt_template")
    ordering = ("-last_used_at",)


@admin.register(GlossaryEntry)
class GlossaryEntryAdmin(SublarrModelAdmin):
    list_display = ("source_term", "target_term", "series_id", "notes", "updated_at")
    list_display_links = ("source_term",)
    search_fields = ("source_term", "target_term", "series_id__exact")
    search_help_text = "Part of a term, or a Sonarr series id."
    ordering = ("series_id", "source_term")
    readonly_fields = ("created_at", "updated_at")
    multiline_fields = ("notes",)


@admin.register(PromptPreset)
class PromptPresetAdmin(SublarrModelAdmin):
    list_display = ("name", "is_default", "updated_at")
    list_filter = ("is_default",)
    search_fields = ("name", "prompt_template")
    ordering = ("name",)
    readonly_fields = ("created_at", "updated_at")
    multiline_fields = ("prompt_template",)


@admin.register(TranslationBackendStats)
class TranslationBackendStatsAdmin(ReadOnlyAdminMixin, SublarrModelAdmin):
    list_display = (
        "backend_name",
        "total_requests",
        "successful_translations",
        "failed_translations",
        "total_characters",
        "avg_response_time_ms",
        "consecutive_failures",
        "last_success_at",
        "last_failure_at",
        "last_error",
    )
    search_fields = ("backend_name",)
    ordering = ("backend_name",)


@admin.register(WhisperJob)
class WhisperJobAdmin(ReadOnlyAdminMixin, SublarrModelAdmin):
    list_display = (
        "id",
        "status",
        "phase",
        "progress",
        "file_path",
        "language",
        "detected_language",
        "backend_name",
        "duration_seconds",
        "created_at",
        "completed_at",
    )
    list_filter = ("status", "backend_name")
    search_fields = ("id__exact", "file_path")
    search_help_text = "Job id (exact) or part of the file path."
    ordering = ("-created_at",)
    multiline_fields = ("srt_content", "error")

    def get_queryset(self, request: HttpRequest) -> QuerySet[WhisperJob]:
        queryset = super().get_queryset(request)
        # The transcript can be megabytes; the job's page shows it, the list query never loads it.
        match = request.resolver_match
        if match is not None and match.url_name and match.url_name.endswith("_changelist"):
            return queryset.defer("srt_content")
        return queryset
