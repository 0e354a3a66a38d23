"""REST representations of the provider tables."""

from __future__ import annotations

from apps.providers.models import (
    ProviderCache,
    ProviderScoreModifier,
    ProviderStats,
    ScoringWeights,
    SubtitleDownload,
)
from sublarr.api.serializers import JSONTextSerializerField, LegacyModelSerializer, ReadOnlyLegacySerializer


class ProviderCacheSerializer(ReadOnlyLegacySerializer):
    results = JSONTextSerializerField(source="results_json", read_only=True)

    class Meta:
        model = ProviderCache
        fields = ["id", "provider_name", "query_hash", "results", "cached_at", "expires_at"]


class SubtitleDownloadSerializer(ReadOnlyLegacySerializer):
    class Meta:
        model = SubtitleDownload
        fields = "__all__"


class ProviderStatsSerializer(ReadOnlyLegacySerializer):
    class Meta:
        model = ProviderStats
        fields = "__all__"


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
