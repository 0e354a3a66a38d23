"""GET /health (anonymous) and /health/detailed: the legacy keys, reporting what Sublarr runs on.

Legacy /health answered {"status": "healthy"|"unhealthy", "version", "services": {name: text}}
(503 when unhealthy); /health/detailed {"status": "healthy"|"degraded", "subsystems": {name:
{"healthy": bool, ...}}}. The services are the database, Redis and the task queue (apps/core/health.py).
"""

from __future__ import annotations

from django.conf import settings
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from apps.core import health
from apps.core.dbtools.backup import sublarr_version
from apps.core.v1.system.tasks import scheduled_tasks
from sublarr.api.legacy import LegacyAPIView

HealthSerializer = inline_serializer(
    "V1Health",
    {
        "status": serializers.ChoiceField(choices=["healthy", "unhealthy"]),
        "version": serializers.CharField(),
        "services": serializers.DictField(child=serializers.CharField()),
    },
)
DetailedSerializer = inline_serializer(
    "V1HealthDetailed",
    {
        "status": serializers.ChoiceField(choices=["healthy", "degraded"]),
        "subsystems": serializers.DictField(child=serializers.DictField()),
    },
)


def _code(healthy: bool) -> int:
    return status.HTTP_200_OK if healthy else status.HTTP_503_SERVICE_UNAVAILABLE


class HealthView(LegacyAPIView):
    """The only anonymous /api/v1 endpoint, as in legacy: states, never secrets."""

    authentication_classes: list[type] = []
    permission_classes: list[type] = []

    @extend_schema(
        summary="Basic health check",
        responses={200: HealthSerializer, 503: HealthSerializer},
        auth=[],
    )
    def get(self, request: Request) -> Response:
        checks = {
            "database": health.check_database(),
            "redis": health.check_redis(),
            "task_queue": health.check_task_queue(),
        }
        healthy = all(check.healthy for check in checks.values())
        body = {
            "status": "healthy" if healthy else "unhealthy",
            "version": sublarr_version(),
            "services": {name: check.message for name, check in checks.items()},
        }
        return Response(body, status=_code(healthy))


class HealthDetailedView(LegacyAPIView):
    @extend_schema(
        summary="Detailed health check",
        responses={200: DetailedSerializer, 503: DetailedSerializer},
    )
    def get(self, request: Request) -> Response:
        subsystems: dict[str, dict] = {}
        ok, message = health.integrity()
        database = {"healthy": ok, "message": message}
        if ok:
            stats = health.database_stats()
            database.update(size_bytes=stats["size_bytes"], wal_mode=stats["wal_mode"])
        subsystems["database"] = database
        for name, check in (("redis", health.check_redis()), ("task_queue", health.check_task_queue())):
            subsystems[name] = {"healthy": check.healthy, "message": check.message, **check.details}
        subsystems["disk_config"] = health.disk_usage(settings.DATA_DIR)
        subsystems["memory"] = health.memory()
        if ok:
            tasks = [
                {
                    "name": t["name"],
                    "running": t["running"],
                    "last_run": t["last_run"],
                    "interval_hours": t["interval_hours"],
                }
                for t in scheduled_tasks()
            ]
            subsystems["scheduler"] = {"healthy": True, "tasks": tasks}
        healthy = all(entry["healthy"] for entry in subsystems.values())
        body = {"status": "healthy" if healthy else "degraded", "subsystems": subsystems}
        return Response(body, status=_code(healthy))
