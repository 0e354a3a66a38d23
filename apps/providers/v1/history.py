"""/api/v1 download history: /history, /history/stats (legacy contract).

Legacy routes: backend/routes/blacklist.py (history section); SQL: backend/db/library.py. Legacy's
/episodes/<id>/history asks Sonarr for the episode's file first, so it is not served here.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from django.db import connection
from django.db.models import Count, F, QuerySet
from django.db.models.functions import Collate
from django.urls import re_path
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from apps.providers.models import SubtitleDownload
from sublarr.api.legacy import LegacyAPIView, legacy_page

DOWNLOAD: dict[str, serializers.Field] = {
    "id": serializers.IntegerField(),
    "provider_name": serializers.CharField(),
    "subtitle_id": serializers.CharField(),
    "language": serializers.CharField(),
    "format": serializers.CharField(allow_null=True),
    "file_path": serializers.CharField(),
    "score": serializers.IntegerField(allow_null=True),
    "downloaded_at": serializers.CharField(),
    "subtitle_type": serializers.CharField(allow_null=True),
}
Counts = serializers.DictField(child=serializers.IntegerField())


class HistoryView(LegacyAPIView):
    @extend_schema(
        operation_id="v1_history_list",
        parameters=[
            OpenApiParameter("page", int, description="Page number (default 1)."),
            OpenApiParameter("per_page", int, description="Downloads per page (default 50, at most 200)."),
            OpenApiParameter("provider", str, description="Only this provider's downloads."),
            OpenApiParameter("language", str, description="Only downloads in this language."),
        ],
        responses={
            200: inline_serializer(
                "V1HistoryPage",
                {
                    "data": inline_serializer("V1Download", DOWNLOAD, many=True),
                    "page": serializers.IntegerField(),
                    "per_page": serializers.IntegerField(),
                    "total": serializers.IntegerField(),
                    "total_pages": serializers.IntegerField(),
                },
            )
        },
    )
    def get(self, request: Request) -> Response:
        downloads = SubtitleDownload.objects.all()
        for param, column in (("provider", "provider_name"), ("language", "language")):
            if request.query_params.get(param):
                downloads = downloads.filter(**{column: request.query_params[param]})
        page = legacy_page(request, downloads, "downloaded_at")
        return Response(page.envelope(page.rows))


def downloaded_since(rows: QuerySet[SubtitleDownload], days: int) -> QuerySet[SubtitleDownload]:
    """Legacy's `downloaded_at > datetime('now', '-N days')`, compared as it compared: as text.

    SQLite's datetime() writes "YYYY-MM-DD HH:MM:SS" while the column holds ISO "...T...", and a
    'T' sorts after the space: every download from the cutoff's date on counted, whatever its
    time. Byte order (collation "C") gives PostgreSQL the same comparison.
    """
    cutoff = (datetime.now(UTC) - timedelta(days=days)).strftime("%Y-%m-%d %H:%M:%S")
    if connection.vendor == "postgresql":
        return rows.alias(at=Collate(F("downloaded_at"), "C")).filter(at__gt=cutoff)
    return rows.filter(downloaded_at__gt=cutoff)


def download_stats() -> dict[str, Any]:
    """Legacy get_download_stats: six table scans there, one grouped scan and two index ranges here."""
    rows: QuerySet[SubtitleDownload] = SubtitleDownload.objects.order_by()
    by_provider: dict[str, int] = {}
    by_format: dict[str, int] = {}
    by_language: dict[str, int] = {}
    total = 0
    for provider, fmt, language, n in rows.values_list("provider_name", "format", "language").annotate(
        n=Count("pk")
    ):
        total += n
        by_provider[provider] = by_provider.get(provider, 0) + n
        # Legacy named an empty format or language "unknown".
        by_format[fmt or "unknown"] = by_format.get(fmt or "unknown", 0) + n
        by_language[language or "unknown"] = by_language.get(language or "unknown", 0) + n
    return {
        "total_downloads": total,
        "by_provider": by_provider,
        "by_format": by_format,
        "by_language": by_language,
        "last_24h": downloaded_since(rows, 1).count(),
        "last_7d": downloaded_since(rows, 7).count(),
    }


class HistoryStatsView(LegacyAPIView):
    @extend_schema(
        operation_id="v1_history_stats",
        responses={
            200: inline_serializer(
                "V1HistoryStats",
                {
                    "total_downloads": serializers.IntegerField(),
                    "by_provider": Counts,
                    "by_format": Counts,
                    "by_language": Counts,
                    "last_24h": serializers.IntegerField(),
                    "last_7d": serializers.IntegerField(),
                },
            )
        },
    )
    def get(self, request: Request) -> Response:
        return Response(download_stats())


urlpatterns = [
    re_path(r"^history/?$", HistoryView.as_view(), name="v1-history"),
    re_path(r"^history/stats/?$", HistoryStatsView.as_view(), name="v1-history-stats"),
]
