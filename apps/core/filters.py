"""List filters of the core resources, named as the legacy API named its query parameters."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django_filters import rest_framework as django_filters

from apps.core.models import BlacklistEntry, Job, SubtitleType, UpgradeHistory, WantedItem


class WantedFilter(django_filters.FilterSet):
    item_type = django_filters.ChoiceFilter(choices=WantedItem.ItemType.choices)
    status = django_filters.ChoiceFilter(choices=WantedItem.Status.choices)
    subtitle_type = django_filters.ChoiceFilter(choices=SubtitleType.choices)
    series_id = django_filters.NumberFilter(field_name="sonarr_series_id")
    # Legacy's `movie_id` filtered standalone movies (get_wanted_items: standalone_movie_id).
    movie_id = django_filters.NumberFilter(field_name="standalone_movie_id")
    search = django_filters.CharFilter(method="filter_search", label="Text in title or file path")

    class Meta:
        model = WantedItem
        fields = [
            "item_type",
            "status",
            "subtitle_type",
            "series_id",
            "movie_id",
            "sonarr_episode_id",
            "radarr_movie_id",
            "standalone_series_id",
            "target_language",
            "instance_name",
            "upgrade_candidate",
        ]

    def filter_search(self, queryset: QuerySet[WantedItem], name: str, value: str) -> QuerySet[WantedItem]:
        return queryset.filter(Q(title__icontains=value) | Q(file_path__icontains=value))


class JobFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=Job.Status.choices)

    class Meta:
        model = Job
        fields = ["status", "file_path", "config_hash"]


class BlacklistFilter(django_filters.FilterSet):
    class Meta:
        model = BlacklistEntry
        fields = ["provider_name", "subtitle_id", "language", "file_path"]


class UpgradeHistoryFilter(django_filters.FilterSet):
    class Meta:
        model = UpgradeHistory
        fields = ["file_path", "provider_name"]
