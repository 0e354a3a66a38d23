"""/api/v1 jobs: /translate, /jobs, /status/<id>, /jobs/<id>/retry, /retranslate/<id>.

Legacy routes: backend/routes/translate.py; SQL: backend/db/jobs.py. `POST /translate` and
`POST /jobs/<id>/retry` create the job as legacy did and queue its run (apps/core/tasks.py), which
ends "failed" since the translation engine is not part of this backend. Re-translating also
deleted the translated subtitle first: that route gives legacy's refusals (unknown id, media file
missing) and, where legacy would have deleted and translated, answers 503 and changes nothing.
"""

from __future__ import annotations

import json
import os
from typing import Any

from django.urls import re_path
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from apps.core.models import Job, WantedItem
from apps.core.tasks import NO_TRANSLATION, queue_translation
from sublarr.api.legacy import LegacyAPIView, LegacyError, LegacyErrorSerializer, json_object, legacy_page
from sublarr.db.rows import row_dicts

JOB: dict[str, serializers.Field] = {
    "id": serializers.CharField(),
    "file_path": serializers.CharField(),
    "status": serializers.CharField(),
    "source_format": serializers.CharField(allow_null=True),
    "output_path": serializers.CharField(allow_null=True),
    "error": serializers.CharField(allow_null=True),
    "force": serializers.BooleanField(),
    "created_at": serializers.CharField(),
    "completed_at": serializers.CharField(allow_null=True),
    "config_hash": serializers.CharField(allow_null=True),
    "stats": serializers.JSONField(help_text="stats_json parsed ({} when empty or malformed)"),
    "arr_context": serializers.JSONField(allow_null=True, help_text="The *arr context, or null"),
}


def job_json(row: dict[str, Any]) -> dict[str, Any]:
    """legacy _row_to_job: the row with stats_json and bazarr_context_json parsed and renamed."""
    row["stats"] = _loads(row.pop("stats_json"), {})
    row["arr_context"] = _loads(row.pop("bazarr_context_json"), None)
    row["force"] = bool(row["force"])
    return row


def _loads(text: str | None, empty: Any) -> Any:
    if not text:
        return empty
    try:
        return json.loads(text)
    except ValueError:
        return empty


class JobListView(LegacyAPIView):
    @extend_schema(
        operation_id="v1_jobs_list",
        parameters=[
            OpenApiParameter("page", int, description="Page number (default 1)."),
            OpenApiParameter("per_page", int, description="Jobs per page (default 50, at most 200)."),
            OpenApiParameter("status", str, description="queued, running, completed or failed"),
        ],
        responses={
            200: inline_serializer(
                "V1JobPage",
                {
                    "data": inline_serializer("V1Job", JOB, many=True),
                    "page": serializers.IntegerField(),
                    "per_page": serializers.IntegerField(),
                    "total": serializers.IntegerField(),
                    "total_pages": serializers.IntegerField(),
                },
            )
        },
    )
    def get(self, request: Request) -> Response:
        # Legacy ORDER BY created_at DESC. Jobs created in the same microsecond came in SQLite's
        # hidden rowid order, which no other database has; the id breaks that tie here.
        jobs = Job.objects.all()
        if request.query_params.get("status"):
            jobs = jobs.filter(status=request.query_params["status"])
        page = legacy_page(request, jobs, "created_at")
        return Response(page.envelope([job_json(row) for row in page.rows]))


class JobStatusView(LegacyAPIView):
    @extend_schema(
        operation_id="v1_job_status",
        responses={
            200: inline_serializer("V1JobStatus", JOB),
            404: OpenApiResponse(LegacyErrorSerializer, description="Job not found"),
        },
    )
    def get(self, request: Request, job_id: str) -> Response:
        found = row_dicts(Job.objects.filter(pk=job_id))
        if not found:
            raise LegacyError("Job not found", status.HTTP_404_NOT_FOUND)
        return Response(job_json(found[0]))


def media_file_present(file_path: str) -> None:
    """Legacy's check before any translation: the media file must exist on this machine's disk."""
    if not os.path.exists(file_path):
        raise LegacyError(f"File not found: {file_path}", status.HTTP_404_NOT_FOUND)


QUEUED: dict[str, serializers.Field] = {
    "status": serializers.CharField(help_text='"queued"'),
    "job_id": serializers.CharField(help_text="The new job's id (8 characters)"),
    "file_path": serializers.CharField(),
}
RUN_DESCRIPTION = (
    ' Its run is a task: the job goes running, then failed with the error "' + NO_TRANSLATION + '" '
    "(this backend has no translation engine). Live clients hear each change as Socket.IO "
    "`job_update` with legacy's payload."
)


def arr_context(data: dict[str, Any]) -> dict[str, Any] | None:
    """Legacy _build_arr_context: the Sonarr ids when both are given (truthy), else none."""
    series_id, episode_id = data.get("sonarr_series_id"), data.get("sonarr_episode_id")
    if series_id and episode_id:
        return {"sonarr_series_id": series_id, "sonarr_episode_id": episode_id}
    return None


class TranslateView(LegacyAPIView):
    @extend_schema(
        operation_id="v1_translate",
        request=inline_serializer(
            "V1TranslateRequest",
            {
                "file_path": serializers.CharField(help_text="Absolute path to the media file"),
                "force": serializers.BooleanField(required=False, default=False),
                "sonarr_series_id": serializers.IntegerField(required=False),
                "sonarr_episode_id": serializers.IntegerField(required=False),
            },
        ),
        description="Queues a translation job for the media file, as legacy did (202)." + RUN_DESCRIPTION,
        responses={
            202: inline_serializer("V1TranslateQueued", QUEUED),
            400: OpenApiResponse(
                LegacyErrorSerializer, description="file_path missing or not a string, or force not a boolean"
            ),
            404: OpenApiResponse(LegacyErrorSerializer, description="The media file is not on disk"),
            415: OpenApiResponse(LegacyErrorSerializer, description="The body is not declared as JSON"),
        },
    )
    def post(self, request: Request) -> Response:
        data = json_object(request)
        file_path = data.get("file_path")
        if not file_path:
            raise LegacyError("file_path is required", status.HTTP_400_BAD_REQUEST)
        # Legacy failed with a 500 on these; a clear 400 instead, and nothing is created.
        if not isinstance(file_path, str):
            raise LegacyError("file_path must be a string", status.HTTP_400_BAD_REQUEST)
        force = data.get("force", False)
        if force is not None and not isinstance(force, bool | int):
            raise LegacyError("force must be a boolean", status.HTTP_400_BAD_REQUEST)
        media_file_present(file_path)
        job = queue_translation(file_path, force=bool(force), arr_context=arr_context(data))
        return Response(
            {"job_id": job.pk, "status": "queued", "file_path": file_path}, status=status.HTTP_202_ACCEPTED
        )


class JobRetryView(LegacyAPIView):
    @extend_schema(
        operation_id="v1_job_retry",
        request=None,
        description=(
            "Re-runs a failed job as legacy did (202): a new job for the same file, forced, with the "
            "same *arr context; the failed job stays as it was." + RUN_DESCRIPTION
        ),
        responses={
            202: inline_serializer(
                "V1JobRetryQueued", {**QUEUED, "original_job_id": serializers.CharField()}
            ),
            400: OpenApiResponse(LegacyErrorSerializer, description="Only failed jobs can be retried"),
            404: OpenApiResponse(
                LegacyErrorSerializer, description="Job not found, or its media file not on disk"
            ),
        },
    )
    def post(self, request: Request, job_id: str) -> Response:
        job = Job.objects.filter(pk=job_id).values("status", "file_path", "bazarr_context_json").first()
        if job is None:
            raise LegacyError("Job not found", status.HTTP_404_NOT_FOUND)
        if job["status"] != Job.Status.FAILED:
            raise LegacyError("Only failed jobs can be retried", status.HTTP_400_BAD_REQUEST)
        media_file_present(job["file_path"])
        context = _loads(job["bazarr_context_json"], None)  # as legacy's get_job read it
        new_job = queue_translation(job["file_path"], force=True, arr_context=context)
        return Response(
            {
                "status": "queued",
                "job_id": new_job.pk,
                "original_job_id": job_id,
                "file_path": job["file_path"],
            },
            status=status.HTTP_202_ACCEPTED,
        )


class RetranslateView(LegacyAPIView):
    @extend_schema(
        operation_id="v1_retranslate",
        request=None,
        parameters=[
            OpenApiParameter("job_id", int, OpenApiParameter.PATH, description="Job ID or wanted item ID")
        ],
        description=(
            "Legacy deleted the translated subtitle and translated again (202). Here: the refusals as "
            "legacy gave them, then a 503, since translation runs in the Sublarr translation "
            "service; nothing changes (no subtitle is deleted)."
        ),
        responses={
            404: OpenApiResponse(
                LegacyErrorSerializer, description="Item not found, or its media file not on disk"
            ),
            503: OpenApiResponse(
                LegacyErrorSerializer, description="Translation is not available on this backend"
            ),
        },
    )
    def post(self, request: Request, job_id: str) -> Response:
        # Flask's <int:job_id>: digits, leading zeros dropped. A job's id (text) is tried first,
        # then a wanted item's id, as legacy did.
        number = int(job_id)
        file_path = Job.objects.filter(pk=str(number)).values_list("file_path", flat=True).first()
        if file_path is None:
            # A number beyond the key's range names no row (Django answers an empty result).
            file_path = WantedItem.objects.filter(pk=number).values_list("file_path", flat=True).first()
        if file_path is None:
            raise LegacyError("Item not found", status.HTTP_404_NOT_FOUND)
        media_file_present(file_path)
        raise LegacyError(NO_TRANSLATION, status.HTTP_503_SERVICE_UNAVAILABLE)


urlpatterns = [
    re_path(r"^translate/?$", TranslateView.as_view(), name="v1-translate"),
    re_path(r"^jobs/?$", JobListView.as_view(), name="v1-jobs"),
    # Flask's <job_id>: any text without a slash.
    re_path(r"^status/(?P<job_id>[^/]+)/?$", JobStatusView.as_view(), name="v1-job-status"),
    re_path(r"^jobs/(?P<job_id>[^/]+)/retry/?$", JobRetryView.as_view(), name="v1-job-retry"),
    re_path(r"^retranslate/(?P<job_id>[0-9]+)/?$", RetranslateView.as_view(), name="v1-retranslate"),
]
