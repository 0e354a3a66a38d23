"""REST representations of the translation tables."""

from __future__ import annotations

from apps.translation.models import (
    GlossaryEntry,
    PromptPreset,
    TranslationBackendStats,
    TranslationConfigHistory,
    WhisperJob,
)
from sublarr.api.serializers import LegacyModelSerializer, ReadOnlyLegacySerializer


class TranslationConfigHistorySerializer(ReadOnlyLegacySerializer):
    class Meta:
        model = TranslationConfigHistory
        fields = "__all__"


class GlossaryEntrySerializer(LegacyModelSerializer):
    class Meta:
        model = GlossaryEntry
        fields = "__all__"
        read_only_fields = ["created_at", "updated_at"]


class PromptPresetSerializer(LegacyModelSerializer):
    class Meta:
        model = PromptPreset
        fields = "__all__"
        read_only_fields = ["created_at", "updated_at"]


class TranslationBackendStatsSerializer(ReadOnlyLegacySerializer):
    class Meta:
        model = TranslationBackendStats
        fields = "__all__"


class WhisperJobListSerializer(ReadOnlyLegacySerializer):
    """Whisper jobs in lists leave out the transcript (srt_content), which can be megabytes."""

    class Meta:
        model = WhisperJob
        exclude = ["srt_content"]


class WhisperJobSerializer(ReadOnlyLegacySerializer):
    class Meta:
        model = WhisperJob
        fields = "__all__"
