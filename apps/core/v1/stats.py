"""/api/v1 dashboard and statistics: /stats, /statistics, /statistics/export (legacy contract).

Legacy routes: backend/routes/system.py; SQL: backend/db/jobs.py (get_stats_summary) and the
queries inline in the routes.
"""

from __future__ import annotations

import csv
import io
import json
import time
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from django.db.models import Count
from django.http import HttpResponse
from django.urls import re_path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from apps.core.dashboard import add_counts, counts, dashboard, day_row, recent_days
from apps.core.models import UpgradeHistory
from apps.core.statistics import read
from sublarr.api.legacy import LegacyAPIView

# When this process started: legacy's uptime_seconds counted from its own start.
STARTED_AT = time.time()
# /statistics?range=: legacy's choices; anything else meant 30 days (and was echoed as given).
RANGES = {"7d": 7, "30d": 30, "90d": 90, "365d": 365}
DEFAULT_RANGE = "30d"

Counts = serializers.DictField(child=serializers.IntegerField())
DAY: dict[str, serializers.Field] = {
    "date": serializers.CharField(),
    "translated": serializers.IntegerField(allow_null=True),
    "failed": serializers.IntegerField(allow_null=True),
    "skipped": serializers.IntegerField(allow_null=True),
}


class StatsView(LegacyAPIView):
    @extend_schema(
        operation_id="v1_stats",
        responses={
            200: inline_serializer(
                "V1Stats",
                {
                    "total_translated": serializers.IntegerField(),
                    "total_failed": serializers.IntegerField(),
                    "total_skipped": serializers.IntegerField(),
                    "today_translated": serializers.IntegerField(),
                    "by_format": Counts,
                    "by_source": Counts,
                    "daily": inline_serializer("V1StatsDay", DAY, many=True),
                    "upgrades": Counts,
                    "quality_warnings": serializers.IntegerField(),
                    "pending_jobs": serializers.IntegerField(),
                    "uptime_seconds": serializers.IntegerField(),
                    "batch_running": serializers.BooleanField(),
                },
            )
        },
    )
    def get(self, request: Request) -> Response:
        return Response(
            {
                **dashboard(),
                # Legacy counted these in memory since its start, as this process translated
                # them; this system translates nothing itself, so they stay zero, and no
                # translation batch runs.
                "upgrades": {"srt_to_ass_translated": 0, "srt_upgrade_skipped": 0},
                "quality_warnings": 0,
                "uptime_seconds": round(time.time() - STARTED_AT),
                "batch_running": False,
            }
        )


def upgrade_counts() -> list[dict[str, Any]]:
    """Upgrades by "old -> new" format, as legacy's `old_format || ' -> ' || new_format` grouped them.

    A NULL format makes the whole label NULL in SQL; those rows form one group, listed first.
    """
    grouped: dict[str | None, int] = {}
    for old, new, n in (
        UpgradeHistory.objects.order_by().values_list("old_format", "new_format").annotate(n=Count("pk"))
    ):
        label = None if old is None or new is None else f"{old} -> {new}"
        grouped[label] = grouped.get(label, 0) + n
    ordered = sorted(grouped.items(), key=lambda item: (item[0] is not None, item[0] or ""))
    return [{"type": label, "count": n} for label, n in ordered]


def _range(request: Request) -> tuple[str, int]:
    given = request.query_params.get("range", DEFAULT_RANGE)
    return given, RANGES.get(given, RANGES[DEFAULT_RANGE])


def _format_totals(days: Iterable[dict[str, Any]]) -> dict[str, Any]:
    totals: dict[str, Any] = {}
    for row in days:
        add_counts(totals, counts(row["by_format_json"]))
    return totals


RANGE_PARAMETER = OpenApiParameter(
    "range", str, description="7d, 30d (default), 90d or 365d: how many daily rows."
)


class StatisticsView(LegacyAPIView):
    @extend_schema(
        operation_id="v1_statistics",
        parameters=[RANGE_PARAMETER],
        responses={
            200: inline_serializer(
                "V1Statistics",
                {
                    "daily": inline_serializer("V1StatisticsDay", DAY, many=True),
                    "providers": serializers.DictField(child=serializers.DictField()),
                    "downloads_by_provider": serializers.ListField(child=serializers.DictField()),
                    "backend_stats": serializers.ListField(child=serializers.DictField()),
                    "upgrades": serializers.ListField(child=serializers.DictField()),
                    "by_format": Counts,
                    "range": serializers.CharField(),
                },
            )
        },
    )
    def get(self, request: Request) -> Response:
        given, count = _range(request)
        days = recent_days(count)
        return Response(
            {
                "daily": [day_row(row) for row in days],
                "providers": read("providers", default={}),
                "downloads_by_provider": read("downloads_by_provider", "provider_name", default=[]),
                "backend_stats": read("backend_stats", default=[]),
                "upgrades": upgrade_counts(),
                "by_format": _format_totals(days),
                "range": given,
            }
        )


class StatisticsExportView(LegacyAPIView):
    def perform_content_negotiation(self, request: Request, force: bool = False) -> Any:
        # A file download: answered whatever the client says it accepts, as legacy did.
        return super().perform_content_negotiation(request, force=True)

    @extend_schema(
        operation_id="v1_statistics_export",
        parameters=[
            RANGE_PARAMETER,
            OpenApiParameter("format", str, description="json (default) or csv; anything else is json."),
        ],
        responses={(200, "application/json"): OpenApiTypes.OBJECT, (200, "text/csv"): OpenApiTypes.STR},
    )
    def get(self, request: Request) -> HttpResponse:
        given, count = _range(request)
        daily = [day_row(row) for row in recent_days(count)]
        now = datetime.now(UTC)
        if request.query_params.get("format", "json") == "csv":
            out = io.StringIO()
            writer = csv.writer(out)
            writer.writerow(["date", "translated", "failed", "skipped"])
            writer.writerows([day["date"], day["translated"], day["failed"], day["skipped"]] for day in daily)
            return _attachment(out.getvalue().encode(), "text/csv", f"sublarr_stats_{now:%Y%m%d}.csv")
        body = {
            "daily": daily,
            "providers": read("providers", default={}),
            "downloads_by_provider": read("downloads_by_provider", "provider", default=[]),
            "range": given,
            "exported_at": now.isoformat(),
        }
        return _attachment(
            json.dumps(body, indent=2).encode(), "application/json", f"sublarr_stats_{now:%Y%m%d}.json"
        )


def _attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename={filename}"
    return response


urlpatterns = [
    re_path(r"^stats/?$", StatsView.as_view(), name="v1-stats"),
    re_path(r"^statistics/?$", StatisticsView.as_view(), name="v1-statistics"),
    re_path(r"^statistics/export/?$", StatisticsExportView.as_view(), name="v1-statistics-export"),
]
