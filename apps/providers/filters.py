"""List filters of the provider resources."""

from __future__ import annotations

from django_filters import rest_framework as filters

from apps.core.models import SubtitleType
from apps.providers.models import ProviderCache, SubtitleDownload


class ProviderCacheFilter(filters.FilterSet):
    class Meta:
        model = ProviderCache
        fields = ["provider_name", "query_hash"]


class SubtitleDownloadFilter(filters.FilterSet):
    subtitle_type = filters.ChoiceFilter(choices=SubtitleType.choices)

    class Meta:
        model = SubtitleDownload
        fields = ["provider_name", "language", "file_path", "format", "subtitle_type"]
