"""API endpoints to queue maintenance and look up a task.

Authentication and permission are the API's defaults (API key or staff session).
"""

from __future__ import annotations

from django.tasks import TaskResult, default_task_backend
from django.tasks.exceptions import TaskResultDoesNotExist
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.tasks.serializers import TaskSerializer
from apps.tasks.tasks import run_maintenance


def describe(result: TaskResult) -> dict[str, object]:
    return {
        "task_id": result.id,
        "task": result.task.name,
        "status": result.status.value,
        "enqueued_at": result.enqueued_at,
        "started_at": result.started_at,
        "finished_at": result.finished_at,
        "attempts": result.attempts,
        "errors": [(error.traceback.strip().splitlines() or [""])[-1] for error in result.errors],
    }


class MaintenanceView(APIView):
    @extend_schema(request=None, responses={202: TaskSerializer}, summary="Queue maintenance")
    def post(self, request: Request) -> Response:
        return Response(describe(run_maintenance.enqueue()), status=status.HTTP_202_ACCEPTED)


class TaskDetailView(APIView):
    @extend_schema(responses={200: TaskSerializer}, summary="A task's status")
    def get(self, request: Request, task_id: str) -> Response:
        try:
            result = default_task_backend.get_result(task_id)
        except TaskResultDoesNotExist:
            return Response({"error": "no such task"}, status=status.HTTP_404_NOT_FOUND)
        return Response(describe(result))
