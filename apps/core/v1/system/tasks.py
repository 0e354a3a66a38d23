"""GET /tasks: the periodic tasks of the schedule (apps/tasks/schedule.py), in the legacy shape.

Legacy listed its scheduler threads as {"tasks": [{name, display_name, running, last_run,
next_run, interval_hours, enabled}]}; here each entry of the schedule table is one task, its
times from its ScheduledRun row, and `running` says whether a worker is running it now.
"""

from __future__ import annotations

import logging
from typing import Any

import redis
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from apps.tasks.base import default_worker_backend
from apps.tasks.models import ScheduledRun
from apps.tasks.schedule import SCHEDULE
from sublarr.api.legacy import LegacyAPIView

logger = logging.getLogger(__name__)

# The legacy display names where legacy had the task; others are named after the entry.
DISPLAY_NAMES = {
    "wanted_scan": "Wanted Scan",
    "wanted_search": "Wanted Search",
    "backup": "Database Backup",
    "maintenance": "Maintenance",
}

TaskSerializer = inline_serializer(
    "V1SchedulerTask",
    many=True,
    fields={
        "name": serializers.CharField(),
        "display_name": serializers.CharField(),
        "running": serializers.BooleanField(),
        "last_run": serializers.CharField(allow_null=True),
        "next_run": serializers.CharField(allow_null=True),
        "interval_hours": serializers.FloatField(allow_null=True),
        "enabled": serializers.BooleanField(),
    },
)
TasksSerializer = inline_serializer("V1Tasks", {"tasks": TaskSerializer})


def _hours(seconds: float) -> int | float:
    hours = seconds / 3600
    return int(hours) if hours.is_integer() else round(hours, 3)


def scheduled_tasks() -> list[dict[str, Any]]:
    runs = {run.name: run for run in ScheduledRun.objects.filter(name__in=[e.name for e in SCHEDULE])}
    try:
        running = default_worker_backend.running_task_paths()
    except redis.RedisError:
        # The schedule is in the database; a Redis that is down only hides what is running now
        # (GET /health says why).
        logger.warning("running tasks unknown: Redis unreachable", exc_info=True)
        running = set()
    tasks = []
    for entry in SCHEDULE:
        run = runs.get(entry.name)
        every = entry.every().total_seconds()
        tasks.append(
            {
                "name": entry.name,
                "display_name": DISPLAY_NAMES.get(entry.name, entry.name.replace("_", " ").title()),
                "running": entry.task_path in running,
                "last_run": run.last_run_at.isoformat() if run and run.last_run_at else None,
                "next_run": run.next_run_at.isoformat() if run else None,
                "interval_hours": _hours(every) if every > 0 else None,
                "enabled": every > 0,
            }
        )
    return tasks


class TasksView(LegacyAPIView):
    @extend_schema(summary="List background tasks", responses={200: TasksSerializer})
    def get(self, request: Request) -> Response:
        return Response({"tasks": scheduled_tasks()})
