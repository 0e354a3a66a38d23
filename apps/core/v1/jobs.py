"""/api/v1 jobs: /jobs, /status/<id>, /jobs/<id>/retry, /retranslate/<id>.

Legacy routes: backend/routes/translate.py; SQL: backend/db/jobs.py. Retrying and re-translating
run the LLM translation, which this backend does not: those two routes give legacy's refusals
(unknown id, job not failed, media file missing), and where legacy would have started a
translation they answer 503 and change nothing.
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
from sublarr.api.legacy import LegacyAPIView, LegacyError, LegacyErrorSerializer, legacy_page, row_dicts

JOB = {
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


# Where legacy started a translation thread (and answered 202), this backend has no LLM to run.
NO_TRANSLATION = "Translation is not available on this backend: it runs in the Sublarr translation service"


def media_file_present(file_path: str) -> None:
    """Legacy's check before any translation: the media file must exist on this machine's disk."""
    if not os.path.exists(file_path):
        raise LegacyError(f"File not found: {file_path}", status.HTTP_404_NOT_FOUND)


class JobRetryView(LegacyAPIView):
    @extend_schema(
        operation_id="v1_job_retry",
        request=None,
        description=(
            "Legacy re-ran a failed job (202). Here: the refusals as legacy gave them, then a 503, "
            "since translation runs in the Sublarr translation service; nothing changes."
        ),
        responses={
            400: OpenApiResponse(LegacyErrorSerializer, description="Only failed jobs can be retried"),
            404: OpenApiResponse(
                LegacyErrorSerializer, description="Job not found, or its media file not on disk"
            ),
            503: OpenApiResponse(
                LegacyErrorSerializer, description="Translation is not available on this backend"
            ),
        },
    )
    def post(self, request: Request, job_id: str) -> Response:
        job = Job.objects.filter(pk=job_id).values("status", "file_path").first()
        if job is None:
            raise LegacyError("Job not found", status.HTTP_404_NOT_FOUND)
        if job["status"] != Job.Status.FAILED:
            raise LegacyError("Only failed jobs can be retried", status.HTTP_400_BAD_REQUEST)
        media_file_present(job["file_path"])
        raise LegacyError(NO_TRANSLATION, status.HTTP_503_SERVICE_UNAVAILABLE)


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
    re_path(r"^jobs/?$", JobListView.as_view(), name="v1-jobs"),
    # Flask's <job_id>: any text without a slash.
    re_path(r"^status/(?P<job_id>[^/]+)/?$", JobStatusView.as_view(), name="v1-job-status"),
    re_path(r"^jobs/(?P<job_id>[^/]+)/retry/?$", JobRetryView.as_view(), name="v1-job-retry"),
    re_path(r"^retranslate/(?P<job_id>[0-9]+)/?$", RetranslateView.as_view(), name="v1-retranslate"),
]
