"""/api/v1/providers: every known subtitle provider with its settings, statistics and state.

Legacy routes/providers.py `list_providers` (ProviderManager.get_provider_status at b0151c5): each
registered provider in priority order, its download count, its configuration fields, and its
provider_stats row. Legacy also ran a live health check of each provider it had initialised; this
server runs no provider engine, so every provider answers as legacy answered one it had not
initialised: `initialized` and `healthy` false, message "Not initialized", `enabled` from the
`providers_enabled` setting. Nothing is contacted.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import Count
from django.urls import re_path
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from apps.core.config import store
from apps.core.v1.kinds import PROVIDER_CONFIG_FIELDS
from apps.providers import catalog
from apps.providers.models import ProviderStats, SubtitleDownload
from sublarr.api.legacy import LegacyAPIView

NOT_INITIALIZED = "Not initialized"

HealthStats = inline_serializer(
    "LegacyProviderHealthStats",
    {
        "total_searches": serializers.IntegerField(allow_null=True),
        "successful_downloads": serializers.IntegerField(allow_null=True),
        "failed_downloads": serializers.IntegerField(allow_null=True),
        "success_rate": serializers.FloatField(),
        "avg_score": serializers.FloatField(allow_null=True),
        "consecutive_failures": serializers.IntegerField(allow_null=True),
        "last_success_at": serializers.CharField(allow_null=True),
        "last_failure_at": serializers.CharField(allow_null=True),
        "avg_response_time_ms": serializers.FloatField(),
        "last_response_time_ms": serializers.FloatField(),
        "auto_disabled": serializers.BooleanField(),
        "disabled_until": serializers.CharField(),
    },
)
Provider = inline_serializer(
    "LegacyProviderInfo",
    {
        "name": serializers.CharField(),
        "enabled": serializers.BooleanField(),
        "initialized": serializers.BooleanField(),
        "healthy": serializers.BooleanField(),
        "message": serializers.CharField(),
        "priority": serializers.IntegerField(),
        "downloads": serializers.IntegerField(),
        "config_fields": PROVIDER_CONFIG_FIELDS,
        "stats": HealthStats,
    },
)


def _stats(row: Mapping[str, Any], auto_disabled: bool) -> dict[str, Any]:
    """Legacy's stats of one provider: its provider_stats row read with legacy's defaults."""
    total, successful = row.get("total_searches"), row.get("successful_downloads")
    return {
        "total_searches": row.get("total_searches", 0),
        "successful_downloads": row.get("successful_downloads", 0),
        "failed_downloads": row.get("failed_downloads", 0),
        "success_rate": (successful or 0) / total if total else 0.0,
        "avg_score": row.get("avg_score", 0),
        "consecutive_failures": row.get("consecutive_failures", 0),
        "last_success_at": row.get("last_success_at"),
        "last_failure_at": row.get("last_failure_at"),
        # Legacy's `value or 0`: a stored 0.0 (or NULL) answers the integer 0.
        "avg_response_time_ms": row.get("avg_response_time_ms") or 0,
        "last_response_time_ms": row.get("last_response_time_ms") or 0,
        "auto_disabled": auto_disabled,
        "disabled_until": row.get("disabled_until") or "",
    }


def provider_list() -> list[dict[str, Any]]:
    settings = store.current()
    enabled = catalog.enabled_names(settings["providers_enabled"])
    downloads = dict(
        SubtitleDownload.objects.order_by()
        .filter(provider_name__in=catalog.PROVIDER_NAMES)
        .values_list("provider_name")
        .annotate(n=Count("id"))
    )
    known = ProviderStats.objects.filter(provider_name__in=catalog.PROVIDER_NAMES)
    # Legacy's provider manager, starting, released the finished cooldowns of the enabled
    # providers before the rows were read; the others' while listing, after reading.
    known.filter(provider_name__in=enabled).release_expired_disables()
    rows = {row["provider_name"]: row for row in known.values()}
    known.release_expired_disables()
    still_disabled = set(known.filter(auto_disabled=True).values_list("provider_name", flat=True))
    providers = [
        {
            "name": kind.name,
            "enabled": kind.name in enabled,
            "initialized": False,
            "healthy": False,
            "message": NOT_INITIALIZED,
            "priority": catalog.priority(kind.name, settings["provider_priorities"]),
            "downloads": downloads.get(kind.name, 0),
            "config_fields": [field.as_legacy() for field in kind.config_fields],
            "stats": _stats(rows.get(kind.name, {}), kind.name in still_disabled),
        }
        for kind in catalog.PROVIDERS
    ]
    providers.sort(key=lambda provider: provider["priority"])  # stable: registry order among equals
    return providers


class ProviderListView(LegacyAPIView):
    @extend_schema(
        operation_id="v1_providers_list",
        summary="Every known subtitle provider, in priority order",
        description="No provider engine runs here: every provider reads as not initialised, with "
        "its settings fields, download count and provider_stats figures.",
        responses={
            200: inline_serializer("LegacyProviderList", {"providers": serializers.ListField(child=Provider)})
        },
    )
    def get(self, request: Request) -> Response:
        return Response({"providers": provider_list()})


urlpatterns = [re_path(r"^providers/?$", ProviderListView.as_view(), name="v1-providers")]
