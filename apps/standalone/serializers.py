"""REST representations of the standalone-mode tables."""

from __future__ import annotations

from apps.standalone.models import (
    AnidbMapping,
    MetadataCache,
    StandaloneMovie,
    StandaloneSeries,
    WatchedFolder,
)
from sublarr.api.serializers import JSONTextSerializerField, LegacyModelSerializer, ReadOnlyLegacySerializer


class WatchedFolderSerializer(LegacyModelSerializer):
    class Meta:
        model = WatchedFolder
        fields = "__all__"
        read_only_fields = ["last_scan_at", "created_at", "updated_at"]


class StandaloneSeriesSerializer(LegacyModelSerializer):
    class Meta:
        model = StandaloneSeries
        fields = "__all__"
        read_only_fields = ["created_at", "updated_at"]


class StandaloneMovieSerializer(LegacyModelSerializer):
    class Meta:
        model = StandaloneMovie
        fields = "__all__"
        read_only_fields = ["created_at", "updated_at"]


class MetadataCacheSerializer(ReadOnlyLegacySerializer):
    response = JSONTextSerializerField(source="response_json", read_only=True)

    class Meta:
        model = MetadataCache
        fields = ["cache_key", "provider", "response", "cached_at", "expires_at"]


class AnidbMappingSerializer(LegacyModelSerializer):
    class Meta:
        model = AnidbMapping
        fields = "__all__"
        read_only_fields = ["created_at", "last_used"]
