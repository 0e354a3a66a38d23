"""/api/v2 resources of the provider tables: cache, downloads, statistics, scoring."""

from __future__ import annotations

from django.db.models import Count, Q
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from apps.providers.filters import ProviderCacheFilter, SubtitleDownloadFilter
from apps.providers.models import (
    ProviderCache,
    ProviderScoreModifier,
    ProviderStats,
    ScoringWeights,
    SubtitleDownload,
)
from apps.providers.serializers import (
    ProviderCacheSerializer,
    ProviderScoreModifierSerializer,
    ProviderStatsSerializer,
    ScoringWeightsSerializer,
    SubtitleDownloadSerializer,
)
from sublarr.api.views import ClearMixin
from sublarr.api.viewsets import TEXT_ID, ReadOnlyTableViewSet, TableViewSet
from sublarr.db.fields import now_iso

CacheCount = inline_serializer(
    "ProviderCacheCount", {"entries": serializers.IntegerField(), "expired": serializers.IntegerField()}
)
CacheStatsSerializer = inline_serializer(
    "ProviderCacheStats",
    {
        "total_entries": serializers.IntegerField(),
        "expired_entries": serializers.IntegerField(),
        "by_provider": serializers.DictField(child=CacheCount),
    },
)


class ProviderCacheViewSet(ClearMixin, ReadOnlyTableViewSet):
    queryset = ProviderCache.objects.all()
    serializer_class = ProviderCacheSerializer
    filterset_class = ProviderCacheFilter
    ordering_fields = ["cached_at", "expires_at", "provider_name"]
    ordering = ["-cached_at", "-id"]

    @extend_schema(responses={200: CacheStatsSerializer})
    @action(detail=False)
    def stats(self, request: Request) -> Response:
        """Cache entries per provider and how many have expired (legacy cache stats)."""
        # expires_at is ISO text like now_iso(), so text comparison orders it by time.
        rows = (
            ProviderCache.objects.order_by()
            .values_list("provider_name")
            .annotate(entries=Count("id"), expired=Count("id", filter=Q(expires_at__lt=now_iso())))
        )
        by_provider = {name: {"entries": entries, "expired": expired} for name, entries, expired in rows}
        return Response(
            {
                "total_entries": sum(p["entries"] for p in by_provider.values()),
                "expired_entries": sum(p["expired"] for p in by_provider.values()),
                "by_provider": by_provider,
            }
        )


class SubtitleDownloadViewSet(ReadOnlyTableViewSet):
    queryset = SubtitleDownload.objects.all()
    serializer_class = SubtitleDownloadSerializer
    filterset_class = SubtitleDownloadFilter
    ordering_fields = ["downloaded_at", "score", "provider_name"]
    ordering = ["-downloaded_at", "-id"]


class ProviderStatsViewSet(ClearMixin, ReadOnlyTableViewSet):
    """Provider health statistics: read-only, cleared to reset a provider's record."""

    queryset = ProviderStats.objects.all()
    serializer_class = ProviderStatsSerializer
    filterset_fields = ["provider_name", "auto_disabled"]
    ordering_fields = ["provider_name", "total_searches", "successful_downloads", "avg_score", "updated_at"]
    ordering = ["provider_name"]
    lookup_value_regex = TEXT_ID


class ProviderScoreModifierViewSet(TableViewSet):
    queryset = ProviderScoreModifier.objects.all()
    serializer_class = ProviderScoreModifierSerializer
    ordering_fields = ["provider_name", "modifier"]
    ordering = ["provider_name"]
    lookup_value_regex = TEXT_ID


class ScoringWeightsViewSet(TableViewSet):
    queryset = ScoringWeights.objects.all()
    serializer_class = ScoringWeightsSerializer
    filterset_fields = ["score_type", "weight_key"]
    ordering_fields = ["score_type", "weight_key"]
    ordering = ["score_type", "weight_key"]
