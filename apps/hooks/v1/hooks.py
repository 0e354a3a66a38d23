"""/api/v1 script hooks and their log (legacy contract, backend/routes/hooks.py at b0151c5).

Bare JSON arrays and rows as legacy's `SELECT *` gave them. `/hooks/<id>/test` runs the script now,
with the event's payload fields set to "test_value", and answers the legacy result body.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.urls import re_path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from apps.hooks import scripts
from apps.hooks.catalog import sample_payload
from apps.hooks.models import HookConfig, HookLog
from apps.hooks.rules import HookInputError, clean_hook
from sublarr.api.legacy import LegacyAPIView, LegacyError, LegacyErrorSerializer, query_int
from sublarr.db.fields import now_iso

HOOK = inline_serializer(
    "V1Hook",
    {
        "id": serializers.IntegerField(),
        "name": serializers.CharField(),
        "event_name": serializers.CharField(),
        "hook_type": serializers.CharField(),
        "enabled": serializers.IntegerField(),
        "script_path": serializers.CharField(),
        "timeout_seconds": serializers.IntegerField(),
        "last_triggered_at": serializers.CharField(),
        "last_status": serializers.CharField(),
        "trigger_count": serializers.IntegerField(),
        "created_at": serializers.CharField(),
        "updated_at": serializers.CharField(),
    },
)
HOOK_IN = inline_serializer(
    "V1HookInput",
    {
        "name": serializers.CharField(),
        "event_name": serializers.CharField(),
        "script_path": serializers.CharField(),
        "timeout_seconds": serializers.IntegerField(required=False),
        "enabled": serializers.BooleanField(required=False),
    },
)
RESULT = inline_serializer(
    "V1HookResult",
    {
        "success": serializers.BooleanField(),
        "exit_code": serializers.IntegerField(),
        "stdout": serializers.CharField(),
        "stderr": serializers.CharField(),
        "error": serializers.CharField(),
        "duration_ms": serializers.FloatField(),
    },
)
LOG = inline_serializer(
    "V1HookLog",
    {
        "id": serializers.IntegerField(),
        "hook_id": serializers.IntegerField(allow_null=True),
        "webhook_id": serializers.IntegerField(allow_null=True),
        "event_name": serializers.CharField(),
        "hook_type": serializers.CharField(),
        "success": serializers.IntegerField(),
        "exit_code": serializers.IntegerField(allow_null=True),
        "status_code": serializers.IntegerField(allow_null=True),
        "stdout": serializers.CharField(),
        "stderr": serializers.CharField(),
        "error": serializers.CharField(),
        "duration_ms": serializers.FloatField(),
        "triggered_at": serializers.CharField(),
    },
)
NOT_FOUND = "Hook not found"
HOOK_ID = OpenApiParameter("hook_id", OpenApiTypes.INT, OpenApiParameter.PATH)


def body_object(request: Request) -> dict[str, Any]:
    """Legacy read `get_json(silent=True) or {}`: no body is an empty object, a non-object is refused."""
    data = request.data
    if not data:
        return {}
    if not isinstance(data, dict):
        raise LegacyError("Request body must be a JSON object")
    return data


def cleaned(data: dict[str, Any], *, partial: bool) -> dict[str, Any]:
    try:
        return clean_hook(data, partial=partial)
    except HookInputError as exc:
        raise LegacyError(str(exc)) from exc


# Row ids are 32-bit on PostgreSQL; a larger number in the path names no row.
MAX_ID = 2**31 - 1


def get_hook(hook_id: int) -> HookConfig:
    hook = HookConfig.objects.filter(pk=hook_id).first() if hook_id <= MAX_ID else None
    if hook is None:
        raise LegacyError(NOT_FOUND, 404)
    return hook


class HookListView(LegacyAPIView):
    """The script hooks (a bare array, by id), and creating one."""

    @extend_schema(
        operation_id="v1_hooks_list",
        parameters=[OpenApiParameter("event_name", str)],
        responses={200: HOOK.__class__(many=True)},
    )
    def get(self, request: Request) -> Response:
        hooks = HookConfig.objects.order_by("id")
        if event_name := request.query_params.get("event_name"):
            hooks = hooks.filter(event_name=event_name)
        return Response([hook.legacy_row() for hook in hooks])

    @extend_schema(
        operation_id="v1_hooks_create", request=HOOK_IN, responses={201: HOOK, 400: LegacyErrorSerializer}
    )
    def post(self, request: Request) -> Response:
        fields = cleaned(body_object(request), partial=False)
        stamp = now_iso()
        hook = HookConfig.objects.create(**fields, created_at=stamp, updated_at=stamp)
        hook.refresh_from_db()
        return Response(hook.legacy_row(), status=201)


class HookDetailView(LegacyAPIView):
    """One script hook: read, partial update, delete."""

    @extend_schema(
        operation_id="v1_hooks_get", parameters=[HOOK_ID], responses={200: HOOK, 404: LegacyErrorSerializer}
    )
    def get(self, request: Request, hook_id: str) -> Response:
        return Response(get_hook(int(hook_id)).legacy_row())

    @extend_schema(
        operation_id="v1_hooks_update",
        parameters=[HOOK_ID],
        request=HOOK_IN,
        responses={200: HOOK, 400: LegacyErrorSerializer, 404: LegacyErrorSerializer},
    )
    def put(self, request: Request, hook_id: str) -> Response:
        hook = get_hook(int(hook_id))
        fields = cleaned(body_object(request), partial=True)
        if fields:
            HookConfig.objects.filter(pk=hook.pk).update(**fields, updated_at=now_iso())
            hook.refresh_from_db()
        return Response(hook.legacy_row())

    @extend_schema(operation_id="v1_hooks_delete", parameters=[HOOK_ID], responses={204: None})
    def delete(self, request: Request, hook_id: str) -> HttpResponse:
        if int(hook_id) <= MAX_ID:
            HookConfig.objects.filter(pk=int(hook_id)).delete()
        return HttpResponse(status=204)


class HookTestView(LegacyAPIView):
    """Runs the hook now with sample values and answers the legacy result (not logged)."""

    @extend_schema(
        operation_id="v1_hooks_test",
        parameters=[HOOK_ID],
        request=None,
        responses={200: RESULT, 404: LegacyErrorSerializer},
    )
    def post(self, request: Request, hook_id: str) -> Response:
        hook = get_hook(int(hook_id))
        return Response(scripts.trial(hook, hook.event_name, sample_payload(hook.event_name)))


class HookLogView(LegacyAPIView):
    """The log of hook and webhook runs, newest first; DELETE clears it."""

    @extend_schema(
        operation_id="v1_hooks_logs",
        parameters=[
            OpenApiParameter("hook_id", OpenApiTypes.INT),
            OpenApiParameter("webhook_id", OpenApiTypes.INT),
            OpenApiParameter("limit", OpenApiTypes.INT, description="Default 50; negative means all."),
        ],
        responses={200: LOG.__class__(many=True)},
    )
    def get(self, request: Request) -> Response:
        logs = HookLog.objects.order_by("-triggered_at", "-id")
        hook_id, webhook_id = query_int(request, "hook_id"), query_int(request, "webhook_id")
        if hook_id is not None:
            logs = logs.filter(hook_id=hook_id)
        elif webhook_id is not None:
            logs = logs.filter(webhook_id=webhook_id)
        limit = query_int(request, "limit", 50)
        assert limit is not None
        # SQLite's LIMIT with a negative number means no limit; the legacy passed it through.
        rows = logs if limit < 0 else logs[:limit]
        return Response([entry.legacy_row() for entry in rows])

    @extend_schema(operation_id="v1_hooks_logs_clear", responses={204: None})
    def delete(self, request: Request) -> HttpResponse:
        HookLog.objects.all().delete()
        return HttpResponse(status=204)


urlpatterns = [
    re_path(r"^hooks/?$", HookListView.as_view(), name="v1-hooks"),
    re_path(r"^hooks/logs/?$", HookLogView.as_view(), name="v1-hooks-logs"),
    re_path(r"^hooks/(?P<hook_id>[0-9]+)/?$", HookDetailView.as_view(), name="v1-hook"),
    re_path(r"^hooks/(?P<hook_id>[0-9]+)/test/?$", HookTestView.as_view(), name="v1-hook-test"),
]
