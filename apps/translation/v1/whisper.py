"""/api/v1 Whisper queue, jobs and statistics over the whisper_jobs table (legacy contract).

Legacy routes/whisper.py and db/whisper.py: jobs are stored rows, newest first. Deleting a job
cancels it while queued, deletes it once finished, and is refused (409) while it runs; that rule
is WhisperJob.cancel_or_delete(). Transcribing, the backends and their config need the Whisper
engines and are not served from the tables.
"""

from __future__ import annotations

from django.db.models import Avg, Count
from django.urls import re_path
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from apps.translation.models import JobInProgress, WhisperJob
from sublarr.api.legacy import LegacyAPIView, LegacyError, LegacyErrorSerializer, query_int
from sublarr.db.rows import row_dict, row_dicts

QUEUE_DEFAULT, QUEUE_MAX = 50, 200
Job = inline_serializer(
    "LegacyWhisperJob",
    {
        "id": serializers.CharField(),
        "file_path": serializers.CharField(),
        "language": serializers.CharField(),
        "status": serializers.CharField(),
        "progress": serializers.FloatField(allow_null=True),
        "phase": serializers.CharField(allow_null=True),
        "backend_name": serializers.CharField(allow_null=True),
        "detected_language": serializers.CharField(allow_null=True),
        "language_probability": serializers.FloatField(allow_null=True),
        "srt_content": serializers.CharField(allow_null=True),
        "segment_count": serializers.IntegerField(allow_null=True),
        "duration_seconds": serializers.FloatField(allow_null=True),
        "processing_time_ms": serializers.FloatField(allow_null=True),
        "error": serializers.CharField(allow_null=True),
        "created_at": serializers.CharField(),
        "started_at": serializers.CharField(allow_null=True),
        "completed_at": serializers.CharField(allow_null=True),
    },
)
Removed = inline_serializer(
    "WhisperJobRemoved",
    {"success": serializers.BooleanField(), "action": serializers.ChoiceField(["cancelled", "deleted"])},
)
Stats = inline_serializer(
    "LegacyWhisperStats",
    {
        "total": serializers.IntegerField(),
        "by_status": serializers.DictField(child=serializers.IntegerField()),
        "avg_processing_time_ms": serializers.FloatField(),
    },
)
IN_PROGRESS = "Cannot delete job in progress. Wait for completion or failure."


class WhisperQueueView(LegacyAPIView):
    @extend_schema(
        operation_id="whisper_queue_list",
        summary="Whisper jobs, newest first",
        parameters=[
            OpenApiParameter("status", str, description="Only jobs with this status."),
            OpenApiParameter("limit", int, description="At most this many (default 50, at most 200)."),
        ],
        responses={200: type(Job)(many=True)},
    )
    def get(self, request: Request) -> Response:
        jobs = WhisperJob.objects.order_by("-created_at")
        if status_filter := request.query_params.get("status"):
            jobs = jobs.filter(status=status_filter)
        limit = min(query_int(request, "limit", QUEUE_DEFAULT), QUEUE_MAX)
        # SQLite reads a negative LIMIT as no limit, and legacy passed it on as given.
        if limit >= 0:
            jobs = jobs[:limit]
        return Response(row_dicts(jobs))


class WhisperJobView(LegacyAPIView):
    @extend_schema(summary="A Whisper job", responses={200: Job, 404: LegacyErrorSerializer})
    def get(self, request: Request, job_id: str) -> Response:
        job = WhisperJob.objects.filter(pk=job_id).first()
        if job is None:
            raise LegacyError("Job not found", status.HTTP_404_NOT_FOUND)
        return Response(row_dict(job))

    @extend_schema(
        summary="Cancel a queued job or delete a finished one",
        request=None,
        responses={200: Removed, 404: LegacyErrorSerializer, 409: LegacyErrorSerializer},
    )
    def delete(self, request: Request, job_id: str) -> Response:
        job = WhisperJob.objects.filter(pk=job_id).first()
        if job is None:
            raise LegacyError("Job not found", status.HTTP_404_NOT_FOUND)
        try:
            action = job.cancel_or_delete()
        except JobInProgress:
            raise LegacyError(IN_PROGRESS, status.HTTP_409_CONFLICT) from None
        return Response({"success": True, "action": action})


class WhisperStatsView(LegacyAPIView):
    @extend_schema(summary="Whisper job statistics", responses={200: Stats})
    def get(self, request: Request) -> Response:
        jobs = WhisperJob.objects.order_by()
        by_status = dict(jobs.values_list("status").annotate(n=Count("id")))
        average = jobs.filter(status=WhisperJob.Status.COMPLETED, processing_time_ms__gt=0).aggregate(
            avg=Avg("processing_time_ms")
        )["avg"]
        return Response(
            {
                "total": sum(by_status.values()),
                "by_status": by_status,
                "avg_processing_time_ms": round(average or 0.0, 1),
            }
        )


urlpatterns = [
    re_path(r"^whisper/queue/?$", WhisperQueueView.as_view(), name="v1-whisper-queue"),
    re_path(r"^whisper/jobs/(?P<job_id>[^/]+)/?$", WhisperJobView.as_view(), name="v1-whisper-job"),
    re_path(r"^whisper/stats/?$", WhisperStatsView.as_view(), name="v1-whisper-stats"),
]
