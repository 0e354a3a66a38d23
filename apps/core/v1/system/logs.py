"""GET /logs, GET /logs/download and GET/PUT /logs/rotation over the server's log file.

The file is the rotating log in the data folder (apps/core/logfile.py). Legacy read the last
`lines` lines (default 200) and kept those containing "[LEVEL]"; a missing file gave an empty
list, and the download a 404.
"""

from __future__ import annotations

from collections import deque
from typing import Any

from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from apps.core import logfile
from apps.core.models import ConfigEntry
from sublarr.api.legacy import LegacyAPIView, LegacyError, LegacyErrorSerializer, json_object, query_int

LogsSerializer = inline_serializer(
    "V1Logs",
    {"entries": serializers.ListField(child=serializers.CharField()), "total": serializers.IntegerField()},
)
RotationSerializer = inline_serializer(
    "V1LogRotation", {"max_size_mb": serializers.IntegerField(), "backup_count": serializers.IntegerField()}
)
RotationUpdatedSerializer = inline_serializer(
    "V1LogRotationUpdated",
    {
        "status": serializers.CharField(),
        "max_size_mb": serializers.IntegerField(),
        "backup_count": serializers.IntegerField(),
        "note": serializers.CharField(),
    },
)
RotationRequest = inline_serializer(
    "V1LogRotationRequest",
    {
        "max_size_mb": serializers.IntegerField(required=False, min_value=1, max_value=100),
        "backup_count": serializers.IntegerField(required=False, min_value=1, max_value=20),
    },
)


def tail(lines: int) -> list[str]:
    """The last `lines` lines with Python's slice quirks legacy had (0 or fewer: see below)."""
    path = logfile.log_file()
    try:
        with path.open(encoding="utf-8", errors="replace") as handle:
            if lines > 0:
                return list(deque(handle, maxlen=lines))  # never the whole file in memory
            # Legacy sliced all_lines[-lines:]: 0 gives every line, -n all but the first n.
            return handle.readlines()[-lines:]
    except FileNotFoundError:
        return []


class LogsView(LegacyAPIView):
    @extend_schema(
        summary="Get recent logs",
        parameters=[
            OpenApiParameter("lines", int, description="How many of the last lines (default 200)"),
            OpenApiParameter("level", str, description="Keep lines of this level (DEBUG, INFO, ...)"),
        ],
        responses={200: LogsSerializer},
    )
    def get(self, request: Request) -> Response:
        lines = query_int(request, "lines", 200)
        level = request.query_params.get("level", "").upper()
        entries = [line.strip() for line in tail(lines) if not level or f"[{level}]" in line]
        return Response({"entries": entries, "total": len(entries)})


class LogDownloadView(LegacyAPIView):
    @extend_schema(
        summary="Download log file",
        responses={
            (200, "text/plain"): OpenApiResponse(OpenApiTypes.BINARY),
            404: LegacyErrorSerializer,
        },
    )
    def get(self, request: Request) -> Any:
        path = logfile.log_file()
        try:
            handle = path.open("rb")
        except FileNotFoundError:
            raise LegacyError("Log file not found", status.HTTP_404_NOT_FOUND) from None
        return FileResponse(handle, as_attachment=True, filename="sublarr.log", content_type="text/plain")


def _valid(value: Any, low: int, high: int) -> bool:
    # Legacy accepted any JSON number in range (not a boolean) and stored int(value).
    return isinstance(value, int | float) and not isinstance(value, bool) and low <= value <= high


class LogRotationView(LegacyAPIView):
    @extend_schema(summary="Get log rotation config", responses={200: RotationSerializer})
    def get(self, request: Request) -> Response:
        size, count = logfile.rotation_settings()
        return Response({"max_size_mb": size, "backup_count": count})

    @extend_schema(
        summary="Update log rotation config",
        request=RotationRequest,
        responses={200: RotationUpdatedSerializer, 400: LegacyErrorSerializer},
    )
    def put(self, request: Request) -> Response:
        data = json_object(request)
        size, count = data.get("max_size_mb"), data.get("backup_count")
        errors = []
        if size is not None and not _valid(size, *logfile.MAX_SIZE_RANGE):
            errors.append("max_size_mb must be between 1 and 100")
        if count is not None and not _valid(count, *logfile.BACKUP_COUNT_RANGE):
            errors.append("backup_count must be between 1 and 20")
        if errors:
            raise LegacyError("; ".join(errors))
        for key, value in ((logfile.MAX_SIZE_KEY, size), (logfile.BACKUP_COUNT_KEY, count)):
            if value is not None:
                ConfigEntry.objects.update_or_create(key=key, defaults={"value": str(int(value))})
        saved_size, saved_count = logfile.rotation_settings()
        return Response(
            {
                "status": "updated",
                "max_size_mb": saved_size,
                "backup_count": saved_count,
                "note": "Changes take effect on next application restart",
            }
        )
