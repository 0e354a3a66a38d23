"""REST representations of the provider tables."""

from __future__ import annotations

from apps.core.api.serializers import JSONTextSerializerField, LegacyModelSerializer
from apps.providers.models import (
    ProviderCache,
    ProviderScoreModifier,
    ProviderStats,
    ScoringWeights,
    SubtitleDownload,
)


class ProviderCacheSerializer(LegacyModelSerializer):
    results = JSONTextSerializerField(source="results_json", shape=list, read_only=True)

    class Meta:
        model = ProviderCache
        fields = ["id", "provider_name", "query_hash", "results", "cached_at", "expires_at"]
        read_only_fields = fields


class SubtitleDownloadSerializer(LegacyModelSerializer):
    class Meta:
        model = SubtitleDownload
        fields = "__all__"
        read_only_fields = [f.name for f in SubtitleDownload._meta.fields]


class ProviderStatsSerializer(LegacyModelSerializer):
    class Meta:
        model = ProviderStats
        fields = "__all__"
        read_only_fields = [f.name for f in ProviderStats._meta.fields]


class ProviderScoreModifierSerializer(LegacyModelSerializer):
    class Meta:
        model = ProviderScoreModifier
        fields = "__all__"
        read_only_fields = ["updated_at"]


class ScoringWeightsSerializer(LegacyModelSerializer):
    class Meta:
        model = ScoringWeights
        fields = "__all__"
        read_only_fields = ["updated_at"]
