"""List filters of the translation resources."""

from __future__ import annotations

from django_filters import rest_framework as filters

from apps.translation.models import GlossaryEntry, WhisperJob


class GlossaryFilter(filters.FilterSet):
    class Meta:
        model = GlossaryEntry
        fields = ["series_id", "source_term"]


class WhisperJobFilter(filters.FilterSet):
    status = filters.ChoiceFilter(choices=WhisperJob.Status.choices)

    class Meta:
        model = WhisperJob
        fields = ["status", "language", "backend_name", "file_path"]
