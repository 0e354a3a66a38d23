"""/api/v2 resources of the translation tables: glossary, prompt presets, backends, Whisper jobs."""

from __future__ import annotations

from django.db.models import Avg, Count, Q, QuerySet, Sum
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from apps.translation.filters import GlossaryFilter, WhisperJobFilter
from apps.translation.models import (
    GlossaryEntry,
    PromptPreset,
    TranslationBackendStats,
    TranslationConfigHistory,
    WhisperJob,
)
from apps.translation.serializers import (
    GlossaryEntrySerializer,
    PromptPresetSerializer,
    TranslationBackendStatsSerializer,
    TranslationConfigHistorySerializer,
    WhisperJobListSerializer,
    WhisperJobSerializer,
)
from sublarr.api.views import ClearMixin
from sublarr.api.viewsets import TEXT_ID, DeletableReadOnlyTableViewSet, ReadOnlyTableViewSet, TableViewSet

GLOSSARY_SEARCH_LIMIT = 100


class TranslationConfigHistoryViewSet(ReadOnlyTableViewSet):
    queryset = TranslationConfigHistory.objects.all()
    serializer_class = TranslationConfigHistorySerializer
    filterset_fields = ["config_hash", "ollama_model", "target_language"]
    ordering_fields = ["first_used_at", "last_used_at"]
    ordering = ["-last_used_at", "-id"]


class GlossaryViewSet(TableViewSet):
    queryset = GlossaryEntry.objects.all()
    serializer_class = GlossaryEntrySerializer
    filterset_class = GlossaryFilter
    ordering_fields = ["series_id", "source_term", "created_at"]
    ordering = ["series_id", "source_term", "id"]

    @extend_schema(
        parameters=[
            OpenApiParameter("series_id", int, required=True),
            OpenApiParameter("query", str, required=True, description="Text in the source or target term."),
        ],
        responses={200: GlossaryEntrySerializer(many=True)},
    )
    @action(detail=False, pagination_class=None, filter_backends=[])
    def search(self, request: Request) -> Response:
        """A series' glossary terms containing the query (legacy search_glossary_terms, first 100)."""
        series_id, query = request.query_params.get("series_id", ""), request.query_params.get("query", "")
        errors = {}
        if not series_id.isdigit():
            errors["series_id"] = ["An integer series id is required."]
        if not query:
            errors["query"] = ["This parameter is required."]
        if errors:
            raise ValidationError(errors)
        entries = GlossaryEntry.objects.filter(
            Q(source_term__icontains=query) | Q(target_term__icontains=query), series_id=int(series_id)
        ).order_by("source_term", "id")[:GLOSSARY_SEARCH_LIMIT]
        return Response(GlossaryEntrySerializer(entries, many=True).data)


class PromptPresetViewSet(TableViewSet):
    queryset = PromptPreset.objects.all()
    serializer_class = PromptPresetSerializer
    filterset_fields = ["name", "is_default"]
    ordering_fields = ["name", "created_at"]
    ordering = ["name"]

    # One default preset: PromptPreset.save() clears the others, as legacy did.


class TranslationBackendStatsViewSet(ClearMixin, ReadOnlyTableViewSet):
    queryset = TranslationBackendStats.objects.all()
    serializer_class = TranslationBackendStatsSerializer
    ordering_fields = ["backend_name", "total_requests", "updated_at"]
    ordering = ["backend_name"]
    lookup_value_regex = TEXT_ID


WhisperStatsSerializer = inline_serializer(
    "WhisperStats",
    {
        "total": serializers.IntegerField(),
        "by_status": serializers.DictField(child=serializers.IntegerField()),
        "avg_processing_time_ms": serializers.FloatField(allow_null=True),
        "total_duration_seconds": serializers.FloatField(allow_null=True),
    },
)


class WhisperJobViewSet(DeletableReadOnlyTableViewSet):
    """Whisper transcription jobs: written by the worker, read and deleted here."""

    queryset = WhisperJob.objects.all()
    serializer_class = WhisperJobSerializer
    filterset_class = WhisperJobFilter
    ordering_fields = ["created_at", "completed_at", "status", "progress"]
    ordering = ["-created_at", "-id"]
    lookup_value_regex = TEXT_ID

    def get_queryset(self) -> QuerySet[WhisperJob]:
        if self.action == "list":
            return WhisperJob.objects.defer("srt_content")
        return WhisperJob.objects.all()

    def get_serializer_class(self) -> type[serializers.BaseSerializer]:
        return WhisperJobListSerializer if self.action == "list" else WhisperJobSerializer

    @extend_schema(responses={200: WhisperStatsSerializer})
    @action(detail=False)
    def stats(self, request: Request) -> Response:
        """Counts by status and the processing totals (legacy whisper stats)."""
        jobs = WhisperJob.objects.order_by()
        by_status = dict(jobs.values_list("status").annotate(n=Count("id")))
        done = jobs.filter(status=WhisperJob.Status.COMPLETED).aggregate(
            avg=Avg("processing_time_ms"), duration=Sum("duration_seconds")
        )
        return Response(
            {
                "total": sum(by_status.values()),
                "by_status": by_status,
                "avg_processing_time_ms": done["avg"],
                "total_duration_seconds": done["duration"],
            }
        )
