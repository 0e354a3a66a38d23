"""REST representations of the core tables, with the field names legacy clients read."""

from __future__ import annotations

import json
import re
from typing import Any

from rest_framework import serializers

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
from sublarr.api.serializers import (
    JSONTextSerializerField,
    LegacyModelSerializer,
    ReadOnlyLegacySerializer,
    StringListField,
)


class JobSerializer(ReadOnlyLegacySerializer):
    # Legacy API names: `stats` for stats_json, `arr_context` for bazarr_context_json.
    stats = JSONTextSerializerField(source="stats_json", read_only=True)
    arr_context = JSONTextSerializerField(source="bazarr_context_json", read_only=True)

    class Meta:
        model = Job
        exclude = ["stats_json", "bazarr_context_json"]


class DailyStatsSerializer(ReadOnlyLegacySerializer):
    by_format = JSONTextSerializerField(source="by_format_json", read_only=True)
    by_source = JSONTextSerializerField(source="by_source_json", read_only=True)

    class Meta:
        model = DailyStats
        fields = ["date", "translated", "failed", "skipped", "by_format", "by_source"]


# Config values under these keys are credentials (Sonarr/Radarr API keys, passwords): never shown.
SECRET_KEY_PATTERN = re.compile(r"(api_key|apikey|password|secret|token)", re.IGNORECASE)
MASK = "***"


class ConfigEntrySerializer(LegacyModelSerializer):
    class Meta:
        model = ConfigEntry
        fields = ["key", "value", "updated_at"]
        read_only_fields = ["updated_at"]

    def to_representation(self, instance: ConfigEntry) -> dict[str, Any]:
        data = super().to_representation(instance)
        if SECRET_KEY_PATTERN.search(instance.key) and instance.value:
            data["value"] = MASK
        return data


class WantedItemSerializer(LegacyModelSerializer):
    missing_languages = StringListField(required=False, allow_null=True)

    class Meta:
        model = WantedItem
        fields = "__all__"
        read_only_fields = ["added_at", "updated_at", "last_search_at", "search_count"]


class UpgradeHistorySerializer(ReadOnlyLegacySerializer):
    class Meta:
        model = UpgradeHistory
        fields = "__all__"


class LanguageProfileSerializer(LegacyModelSerializer):
    target_languages = StringListField(source="target_languages_json", required=False)
    target_language_names = StringListField(source="target_language_names_json", required=False)
    fallback_chain = StringListField(source="fallback_chain_json", required=False, allow_null=True)

    class Meta:
        model = LanguageProfile
        exclude = ["target_languages_json", "target_language_names_json", "fallback_chain_json"]
        read_only_fields = ["created_at", "updated_at"]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        languages = attrs.get("target_languages_json")
        names = attrs.get("target_language_names_json")
        if (
            languages is not None
            and names is not None
            and len(json.loads(languages)) != len(json.loads(names))
        ):
            raise serializers.ValidationError(
                {"target_language_names": ["Give one name per target language."]}
            )
        return attrs


class SeriesLanguageProfileSerializer(LegacyModelSerializer):
    class Meta:
        model = SeriesLanguageProfile
        fields = ["sonarr_series_id", "profile"]


class MovieLanguageProfileSerializer(LegacyModelSerializer):
    class Meta:
        model = MovieLanguageProfile
        fields = ["radarr_movie_id", "profile"]


class ProfileAssignmentSerializer(serializers.Serializer):
    """Legacy `PUT /language-profiles/assign`: {"type": "series"|"movie", "arr_id", "profile_id"}."""

    type = serializers.ChoiceField(choices=["series", "movie"])
    arr_id = serializers.IntegerField(min_value=0)
    profile_id = serializers.PrimaryKeyRelatedField(queryset=LanguageProfile.objects.all())


class FfprobeCacheSerializer(ReadOnlyLegacySerializer):
    probe_data = JSONTextSerializerField(source="probe_data_json", read_only=True)

    class Meta:
        model = FfprobeCache
        fields = ["file_path", "mtime", "probe_data", "cached_at"]


class BlacklistEntrySerializer(LegacyModelSerializer):
    class Meta:
        model = BlacklistEntry
        fields = "__all__"
        read_only_fields = ["added_at"]
