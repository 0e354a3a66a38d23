"""/api/v1 jobs: /jobs, /status/<id>, /jobs/<id>/retry, /retranslate/<id>, /retranslate/status.

Legacy routes: backend/routes/translate.py; SQL: backend/db/jobs.py. Retrying and re-translating
run the LLM translation, which this backend does not: those two routes give legacy's refusals
(unknown id, job not failed, media file missing), and where legacy would have started a
translation they answer 503 and change nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
from typing import Any

from django.urls import re_path
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from apps.core.api.legacy import LegacyAPIView, LegacyError, LegacyErrorSerializer, legacy_page
from apps.core.api.legacy_rows import row_dicts
from apps.core.models import ConfigEntry, Job, WantedItem
from apps.translation.models import PromptPreset

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


# Legacy's Settings defaults (backend/config.py) for what the translation config hash covers.
DEFAULT_OLLAMA_MODEL = "qwen2.5:14b-instruct"
DEFAULT_TARGET_LANGUAGE = "de"
DEFAULT_SOURCE_LANGUAGE_NAME = "English"
DEFAULT_TARGET_LANGUAGE_NAME = "German"


def translation_settings() -> dict[str, str]:
    """The settings the config hash covers: the saved config_entries value, else legacy's default.

    Legacy applied config_entries (what its settings page saved) over its defaults at start-up,
    each value stripped.
    """
    keys = (
        "ollama_model",
        "target_language",
        "source_language_name",
        "target_language_name",
        "prompt_template",
    )
    saved = {
        key: value.strip()
        for key, value in ConfigEntry.objects.filter(key__in=keys).values_list("key", "value")
    }
    return {
        "ollama_model": saved.get("ollama_model", DEFAULT_OLLAMA_MODEL),
        "target_language": saved.get("target_language", DEFAULT_TARGET_LANGUAGE),
        "source_language_name": saved.get("source_language_name", DEFAULT_SOURCE_LANGUAGE_NAME),
        "target_language_name": saved.get("target_language_name", DEFAULT_TARGET_LANGUAGE_NAME),
        "prompt_template": saved.get("prompt_template", ""),
    }


def prompt_template(config: dict[str, str]) -> str:
    """Legacy get_prompt_template: the default preset's, else the setting, else the built-in one."""
    preset = (
        PromptPreset.objects.filter(is_default=True).order_by("id").values_list("prompt_template", flat=True)
    )
    template = preset.first()
    if template:
        return template
    if config["prompt_template"]:
        return config["prompt_template"]
    return (
        f"Translate these anime subtitle lines from {config['source_language_name']} to "
        f"{config['target_language_name']}.\n"
        "Return ONLY the translated lines, one per line, same count.\n"
        "Preserve \\N exactly as \\N (hard line break).\n"
        "Do NOT add numbering or prefixes to the output lines.\n\n"
    )


def translation_config_hash(config: dict[str, str]) -> str:
    """Legacy get_translation_config_hash("ollama"): 12 hex digits of SHA-256 over its inputs."""
    content = f"ollama|{config['ollama_model']}|{prompt_template(config)[:50]}|{config['target_language']}"
    return hashlib.sha256(content.encode()).hexdigest()[:12]


class RetranslateStatusView(LegacyAPIView):
    @extend_schema(
        operation_id="v1_retranslate_status",
        responses={
            200: inline_serializer(
                "V1RetranslateStatus",
                {
                    "current_hash": serializers.CharField(),
                    "outdated_count": serializers.IntegerField(),
                    "ollama_model": serializers.CharField(),
                    "target_language": serializers.CharField(),
                },
            )
        },
    )
    def get(self, request: Request) -> Response:
        config = translation_settings()
        current = translation_config_hash(config)
        # Completed jobs translated under another config (an empty or NULL hash is unknown).
        outdated = (
            Job.objects.filter(status=Job.Status.COMPLETED, config_hash__isnull=False)
            .exclude(config_hash="")
            .exclude(config_hash=current)
            .count()
        )
        return Response(
            {
                "current_hash": current,
                "outdated_count": outdated,
                "ollama_model": config["ollama_model"],
                "target_language": config["target_language"],
            }
        )


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
    re_path(r"^retranslate/status/?$", RetranslateStatusView.as_view(), name="v1-retranslate-status"),
    re_path(r"^retranslate/(?P<job_id>[0-9]+)/?$", RetranslateView.as_view(), name="v1-retranslate"),
]
