"""/api/v1 provider endpoints served from the tables: stats, re-enable, cache clear (legacy contract).

Legacy routes/providers.py and db/providers.py. Listing, testing and searching providers, and
their health overview, need the provider plugins themselves and are not served from the tables.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import Count
from django.urls import re_path
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from apps.providers.models import ProviderCache, ProviderStats, SubtitleDownload
from sublarr.api.legacy import LegacyAPIView, LegacyError, LegacyErrorSerializer, json_object
from sublarr.db.rows import row_dicts

CacheCounts = inline_serializer(
    "LegacyProviderCacheCounts", {"total": serializers.IntegerField(), "active": serializers.IntegerField()}
)
DownloadCounts = inline_serializer(
    "LegacyProviderDownloadCounts",
    {
        "total": serializers.IntegerField(),
        "by_format": serializers.DictField(child=serializers.IntegerField()),
    },
)
Performance = inline_serializer(
    "LegacyProviderPerformance",
    {
        "provider_name": serializers.CharField(),
        "total_searches": serializers.IntegerField(allow_null=True),
        "successful_downloads": serializers.IntegerField(allow_null=True),
        "failed_downloads": serializers.IntegerField(allow_null=True),
        "avg_score": serializers.FloatField(allow_null=True),
        "last_success_at": serializers.CharField(allow_null=True),
        "last_failure_at": serializers.CharField(allow_null=True),
        "consecutive_failures": serializers.IntegerField(allow_null=True),
        "avg_response_time_ms": serializers.FloatField(allow_null=True),
        "last_response_time_ms": serializers.FloatField(allow_null=True),
        "auto_disabled": serializers.BooleanField(),
        "disabled_until": serializers.CharField(allow_null=True),
        "updated_at": serializers.CharField(),
        "success_rate": serializers.FloatField(),
    },
)
Stats = inline_serializer(
    "LegacyProviderStats",
    {
        "cache": serializers.DictField(child=CacheCounts),
        "downloads": serializers.DictField(child=DownloadCounts),
        "performance": serializers.DictField(child=Performance),
    },
)
Enabled = inline_serializer(
    "LegacyProviderEnabled",
    {
        "status": serializers.ChoiceField(["enabled", "already_enabled"]),
        "provider": serializers.CharField(),
        "message": serializers.CharField(),
    },
)
ClearBody = inline_serializer(
    "LegacyProviderCacheClear", {"provider_name": serializers.CharField(required=False)}
)
Cleared = inline_serializer(
    "LegacyProviderCacheCleared", {"status": serializers.CharField(), "provider": serializers.CharField()}
)


def _cache_counts() -> dict[str, dict[str, int]]:
    # "active" is the rows not yet expired (ProviderCache.objects.expired, either timestamp spelling).
    rows = (
        ProviderCache.objects.order_by()
        .values_list("provider_name")
        .annotate(total=Count("id"), active=Count("id", filter=~ProviderCache.objects.expired_q()))
    )
    return {name: {"total": total, "active": active} for name, total, active in rows}


def _download_counts() -> dict[str, dict[str, Any]]:
    stats: dict[str, dict[str, Any]] = defaultdict(lambda: {"total": 0, "by_format": {}})
    rows = SubtitleDownload.objects.order_by().values_list("provider_name", "format").annotate(n=Count("id"))
    for name, fmt, count in rows:
        stats[name]["total"] += count
        # Legacy keyed NULL and '' formats both as "unknown", the later group overwriting.
        stats[name]["by_format"][fmt or "unknown"] = count
    return dict(stats)


def _performance() -> dict[str, dict[str, Any]]:
    rows = row_dicts(ProviderStats.objects.order_by("provider_name"))
    # Legacy released finished cooldowns while answering, after reading the rows it returns.
    ProviderStats.objects.release_expired_disables()
    still_disabled = set(
        ProviderStats.objects.filter(auto_disabled=True).values_list("provider_name", flat=True)
    )
    performance = {}
    for row in rows:
        total, successful = row["total_searches"] or 0, row["successful_downloads"] or 0
        row["success_rate"] = successful / total if total > 0 else 0.0
        row["auto_disabled"] = row["provider_name"] in still_disabled
        performance[row["provider_name"]] = row
    return performance


class ProviderStatsView(LegacyAPIView):
    @extend_schema(summary="Cache, download and performance statistics per provider", responses={200: Stats})
    def get(self, request: Request) -> Response:
        return Response(
            {"cache": _cache_counts(), "downloads": _download_counts(), "performance": _performance()}
        )


class ProviderEnableView(LegacyAPIView):
    @extend_schema(summary="Re-enable an auto-disabled provider", request=None, responses={200: Enabled})
    def post(self, request: Request, name: str) -> Response:
        if not ProviderStats.objects.is_auto_disabled(name):
            return Response(
                {
                    "status": "already_enabled",
                    "provider": name,
                    "message": f"Provider '{name}' is not auto-disabled",
                }
            )
        ProviderStats.objects.re_enable(name)
        return Response(
            {"status": "enabled", "provider": name, "message": f"Provider '{name}' has been re-enabled"}
        )


class ProviderCacheClearView(LegacyAPIView):
    @extend_schema(
        summary="Clear the search cache of one provider or all",
        request=ClearBody,
        responses={200: Cleared, 400: LegacyErrorSerializer},
    )
    def post(self, request: Request) -> Response:
        provider_name = json_object(request, silent=True).get("provider_name")
        if provider_name and not isinstance(provider_name, str):
            raise LegacyError("provider_name must be a string")
        rows = ProviderCache.objects.all()
        if provider_name:
            rows = rows.filter(provider_name=provider_name)
        rows.delete()
        return Response({"status": "cleared", "provider": provider_name or "all"})


urlpatterns = [
    re_path(r"^providers/stats/?$", ProviderStatsView.as_view(), name="v1-provider-stats"),
    re_path(r"^providers/cache/clear/?$", ProviderCacheClearView.as_view(), name="v1-provider-cache-clear"),
    re_path(r"^providers/(?P<name>[^/]+)/enable/?$", ProviderEnableView.as_view(), name="v1-provider-enable"),
]
