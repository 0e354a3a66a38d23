"""Admin for the core tables: jobs, the wanted list, language profiles, blacklist, config."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html

from apps.core.admin_tools import LargeTableAdmin, ReadOnlyAdminMixin, SublarrModelAdmin, json_summary
from apps.core.config import codec
from apps.core.config.forms import SettingsForm
from apps.core.config.schema import DEFAULTS, FIELD_TYPES, env_name
from apps.core.config.store import InvalidSettings
from apps.core.models import (
    BlacklistEntry,
    ConfigEntry,
    DailyStats,
    FfprobeCache,
    Job,
    LanguageProfile,
    MovieLanguageProfile,
    SeriesLanguageProfile,
    UpgradeHistory,
    WantedItem,
)
from apps.tasks import admin_actions
from sublarr.db.fields import now_iso

admin.site.site_header = "Sublarr administration"
admin.site.site_title = "Sublarr admin"
admin.site.index_title = "Sublarr data"


@admin.register(Job)
class JobAdmin(ReadOnlyAdminMixin, LargeTableAdmin):
    list_display = ("id", "status", "file_path", "source_format", "force", "created_at", "completed_at")
    list_filter = ("status", "force")
    search_fields = ("id__exact", "file_path")
    search_help_text = "Job id (exact) or part of the file path."
    ordering = ("-created_at",)


@admin.register(DailyStats)
class DailyStatsAdmin(ReadOnlyAdminMixin, SublarrModelAdmin):
    list_display = ("date", "translated", "failed", "skipped", "formats", "sources")
    search_fields = ("^date",)
    search_help_text = "Start of the date: 2024, 2024-05, 2024-05-17."
    actions = [admin_actions.queue_maintenance]
    ordering = ("-date",)

    @admin.display(description="by format")
    def formats(self, obj: DailyStats) -> str:
        return json_summary(DailyStats._meta.get_field("by_format_json"), obj.by_format_json)

    @admin.display(description="by source")
    def sources(self, obj: DailyStats) -> str:
        return json_summary(DailyStats._meta.get_field("by_source_json"), obj.by_source_json)


class ConfigEntryForm(forms.ModelForm):
    """A setting of the registry must be text its type reads back (an int setting refuses "abc")."""

    class Meta:
        model = ConfigEntry
        fields = ("key", "value")
        help_texts = {
            "value": "Settings of the registry are checked against their type: booleans as "
            "true/false, numbers as digits.",
        }

    def clean(self) -> dict[str, object]:
        super().clean()  # ModelForm.clean() returns cleaned_data, typed as possibly None
        cleaned = self.cleaned_data
        key, value = cleaned.get("key"), cleaned.get("value")
        if isinstance(key, str) and key in FIELD_TYPES and isinstance(value, str):
            try:
                cleaned["value"] = codec.check(key, value)
            except codec.SettingValueError as exc:
                self.add_error("value", f"{key}: {exc} (default {DEFAULTS[key]!r}, env {env_name(key)})")
        return cleaned


@admin.register(ConfigEntry)
class ConfigEntryAdmin(SublarrModelAdmin):
    form = ConfigEntryForm
    list_display = ("key", "shown_value", "updated_at")
    search_fields = ("key",)
    ordering = ("key",)
    readonly_fields = ("updated_at",)
    multiline_fields = ("value",)

    def get_urls(self) -> list[URLPattern]:
        settings_page = path(
            "settings/", self.admin_site.admin_view(self.settings_view), name="core_configentry_settings"
        )
        return [settings_page, *super().get_urls()]

    def settings_view(self, request: HttpRequest) -> HttpResponse:
        """Every typed setting in one form, saved through the registry (types validated)."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        form = SettingsForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                saved = form.save()
            except InvalidSettings:
                pass  # the form now carries the errors
            else:
                summary = ", ".join(saved) or "nothing changed"
                self.message_user(request, f"Saved: {summary}.", messages.SUCCESS)
                return redirect("admin:core_configentry_settings")
        context = {**self.admin_site.each_context(request), "opts": self.opts, "form": form}
        context["title"] = "Settings"
        return TemplateResponse(request, "admin/core/configentry/settings.html", context)

    @admin.display(description="value", ordering="value")
    def shown_value(self, obj: ConfigEntry) -> str:
        if obj.is_secret:
            return "•••••••• (open the entry to see it)"
        return obj.value if len(obj.value) <= 80 else obj.value[:79] + "…"


@admin.register(WantedItem)
class WantedItemAdmin(LargeTableAdmin):
    list_display = (
        "id",
        "title",
        "season_episode",
        "item_type",
        "target_language",
        "subtitle_type",
        "status",
        "missing",
        "upgrade_candidate",
        "current_score",
        "search_count",
        "last_search_at",
        "added_at",
    )
    list_display_links = ("id", "title")
    list_filter = ("status", "item_type", "subtitle_type", "upgrade_candidate")
    search_fields = ("title", "file_path", "sonarr_series_id__exact", "radarr_movie_id__exact")
    search_help_text = "Part of the title or file path, or a Sonarr series / Radarr movie id."
    # The id follows added_at (rows are appended and added_at never changes), and unlike added_at
    # the legacy table has an index for it: newest first without sorting the whole table.
    ordering = ("-id",)
    readonly_fields = ("added_at", "updated_at", "last_search_at", "search_count")
    multiline_fields = ("error",)
    actions = ("mark_wanted", "mark_ignored")

    @admin.display(description="missing languages")
    def missing(self, obj: WantedItem) -> str:
        return json_summary(WantedItem._meta.get_field("missing_languages"), obj.missing_languages)

    @admin.action(description="Set status to wanted (search again)")
    def mark_wanted(self, request: HttpRequest, queryset: QuerySet[WantedItem]) -> None:
        self._set_status(request, queryset, WantedItem.Status.WANTED)

    @admin.action(description="Set status to ignored")
    def mark_ignored(self, request: HttpRequest, queryset: QuerySet[WantedItem]) -> None:
        self._set_status(request, queryset, WantedItem.Status.IGNORED)

    def _set_status(self, request: HttpRequest, queryset: QuerySet[WantedItem], status: str) -> None:
        changed = queryset.update(status=status, error="", updated_at=now_iso())
        self.message_user(request, f"{changed} wanted items set to {status}.", messages.SUCCESS)


@admin.register(UpgradeHistory)
class UpgradeHistoryAdmin(ReadOnlyAdminMixin, SublarrModelAdmin):
    list_display = (
        "file_path",
        "old_format",
        "old_score",
        "new_format",
        "new_score",
        "provider_name",
        "upgrade_reason",
        "upgraded_at",
    )
    list_filter = ("provider_name", "new_format")
    search_fields = ("file_path", "provider_name")
    ordering = ("-upgraded_at",)


@admin.register(LanguageProfile)
class LanguageProfileAdmin(SublarrModelAdmin):
    list_display = (
        "name",
        "is_default",
        "source_language",
        "targets",
        "translation_backend",
        "fallback_chain",
        "forced_preference",
        "assignments",
        "updated_at",
    )
    list_filter = ("is_default", "translation_backend", "forced_preference")
    search_fields = ("name", "source_language")
    ordering = ("-is_default", "name")
    readonly_fields = ("created_at", "updated_at")
    actions = ("make_default",)

    @admin.action(description="Make the selected profile the default")
    def make_default(self, request: HttpRequest, queryset: QuerySet[LanguageProfile]) -> None:
        # One default only (the model refuses a second one): choosing it moves the default.
        if queryset.count() != 1:
            self.message_user(request, "Select exactly one profile to make the default.", messages.ERROR)
            return
        profile = queryset.get()
        LanguageProfile.objects.make_default(profile)
        self.message_user(request, f"'{profile.name}' is now the default profile.", messages.SUCCESS)

    @admin.display(description="target languages")
    def targets(self, obj: LanguageProfile) -> str:
        field = LanguageProfile._meta.get_field("target_languages_json")
        return json_summary(field, obj.target_languages_json)

    @admin.display(description="fallback chain")
    def fallback_chain(self, obj: LanguageProfile) -> str:
        field = LanguageProfile._meta.get_field("fallback_chain_json")
        return json_summary(field, obj.fallback_chain_json)

    @admin.display(description="assigned to")
    def assignments(self, obj: LanguageProfile) -> str:
        # Links rather than counts: counting every profile's assignments costs a query per page.
        series = reverse("admin:core_serieslanguageprofile_changelist")
        movies = reverse("admin:core_movielanguageprofile_changelist")
        return format_html(
            '<a href="{}?profile__id__exact={}">series</a> · <a href="{}?profile__id__exact={}">movies</a>',
            series,
            obj.pk,
            movies,
            obj.pk,
        )


class _ProfileAssignmentAdmin(SublarrModelAdmin):
    list_select_related = ("profile",)
    list_filter = ("profile",)
    autocomplete_fields = ("profile",)


@admin.register(SeriesLanguageProfile)
class SeriesLanguageProfileAdmin(_ProfileAssignmentAdmin):
    list_display = ("sonarr_series_id", "profile")
    search_fields = ("sonarr_series_id__exact", "profile__name")
    search_help_text = "Sonarr series id or profile name."
    ordering = ("sonarr_series_id",)


@admin.register(MovieLanguageProfile)
class MovieLanguageProfileAdmin(_ProfileAssignmentAdmin):
    list_display = ("radarr_movie_id", "profile")
    search_fields = ("radarr_movie_id__exact", "profile__name")
    search_help_text = "Radarr movie id or profile name."
    ordering = ("radarr_movie_id",)


@admin.register(FfprobeCache)
class FfprobeCacheAdmin(ReadOnlyAdminMixin, SublarrModelAdmin):
    list_display = ("file_path", "mtime", "cached_at")
    search_fields = ("file_path",)
    ordering = ("file_path",)


@admin.register(BlacklistEntry)
class BlacklistEntryAdmin(SublarrModelAdmin):
    list_display = ("provider_name", "subtitle_id", "language", "title", "file_path", "reason", "added_at")
    list_filter = ("provider_name", "language")
    search_fields = ("title", "file_path", "subtitle_id", "provider_name")
    ordering = ("-added_at",)
    readonly_fields = ("added_at",)
    multiline_fields = ("reason",)
