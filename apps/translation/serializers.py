"""REST representations of the translation tables."""

from __future__ import annotations

from apps.core.api.serializers import LegacyModelSerializer
from apps.translation.models import (
    GlossaryEntry,
    PromptPreset,
    TranslationBackendStats,
    TranslationConfigHistory,
    WhisperJob,
)


class TranslationConfigHistorySerializer(LegacyModelSerializer):
    class Meta:
        model = TranslationConfigHistory
        fields = "__all__"
        read_only_fields = [f.name for f in TranslationConfigHistory._meta.fields]


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


class TranslationBackendStatsSerializer(LegacyModelSerializer):
    class Meta:
        model = TranslationBackendStats
        fields = "__all__"
        read_only_fields = [f.name for f in TranslationBackendStats._meta.fields]


class WhisperJobListSerializer(LegacyModelSerializer):
    """Whisper jobs in lists leave out the transcript (srt_content), which can be megabytes."""

    class Meta:
        model = WhisperJob
        exclude = ["srt_content"]
        read_only_fields = [f.name for f in WhisperJob._meta.fields]


class WhisperJobSerializer(LegacyModelSerializer):
    class Meta:
        model = WhisperJob
        fields = "__all__"
        read_only_fields = [f.name for f in WhisperJob._meta.fields]
