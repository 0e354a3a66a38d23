"""/api/v1 webhooks (legacy contract, backend/routes/hooks.py at b0151c5).

Rows as legacy gave them, except the signing secret: it reads "***configured***" when set, and that
value sent back leaves it unchanged. `/webhooks/<id>/test` delivers now (with the row's retries)
and answers the legacy result body.
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

from apps.hooks import webhooks
from apps.hooks.catalog import ALL_EVENTS, sample_payload
from apps.hooks.models import WebhookConfig
from apps.hooks.rules import HookInputError, clean_webhook
from apps.hooks.v1.hooks import MAX_ID, body_object
from sublarr.api.legacy import LegacyAPIView, LegacyError, LegacyErrorSerializer
from sublarr.db.fields import now_iso

WEBHOOK = inline_serializer(
    "V1Webhook",
    {
        "id": serializers.IntegerField(),
        "name": serializers.CharField(),
        "event_name": serializers.CharField(),
        "url": serializers.CharField(),
        "secret": serializers.CharField(help_text='"***configured***" when set, else ""'),
        "enabled": serializers.IntegerField(),
        "retry_count": serializers.IntegerField(),
        "timeout_seconds": serializers.IntegerField(),
        "last_triggered_at": serializers.CharField(),
        "last_status_code": serializers.IntegerField(),
        "last_error": serializers.CharField(),
        "consecutive_failures": serializers.IntegerField(),
        "trigger_count": serializers.IntegerField(),
        "created_at": serializers.CharField(),
        "updated_at": serializers.CharField(),
    },
)
WEBHOOK_IN = inline_serializer(
    "V1WebhookInput",
    {
        "name": serializers.CharField(),
        "event_name": serializers.CharField(),
        "url": serializers.CharField(),
        "secret": serializers.CharField(required=False),
        "retry_count": serializers.IntegerField(required=False),
        "timeout_seconds": serializers.IntegerField(required=False),
        "enabled": serializers.BooleanField(required=False),
    },
)
RESULT = inline_serializer(
    "V1WebhookResult",
    {
        "success": serializers.BooleanField(),
        "status_code": serializers.IntegerField(),
        "error": serializers.CharField(),
        "duration_ms": serializers.FloatField(),
    },
)
NOT_FOUND = "Webhook not found"
WEBHOOK_ID = OpenApiParameter("webhook_id", OpenApiTypes.INT, OpenApiParameter.PATH)
# A test of a webhook for every event sends this one, as legacy did.
TEST_EVENT_FOR_ALL = "config_updated"


def cleaned(data: dict[str, Any], *, partial: bool) -> dict[str, Any]:
    try:
        return clean_webhook(data, partial=partial)
    except HookInputError as exc:
        raise LegacyError(str(exc)) from exc


def get_webhook(webhook_id: int) -> WebhookConfig:
    webhook = WebhookConfig.objects.filter(pk=webhook_id).first() if webhook_id <= MAX_ID else None
    if webhook is None:
        raise LegacyError(NOT_FOUND, 404)
    return webhook


class WebhookListView(LegacyAPIView):
    """The webhooks (a bare array, by id; the secret masked), and creating one."""

    @extend_schema(
        operation_id="v1_webhooks_list",
        parameters=[OpenApiParameter("event_name", str)],
        responses={200: WEBHOOK.__class__(many=True)},
    )
    def get(self, request: Request) -> Response:
        rows = WebhookConfig.objects.order_by("id")
        if event_name := request.query_params.get("event_name"):
            rows = rows.filter(event_name=event_name)
        return Response([webhook.legacy_row() for webhook in rows])

    @extend_schema(
        operation_id="v1_webhooks_create",
        request=WEBHOOK_IN,
        responses={201: WEBHOOK, 400: LegacyErrorSerializer},
    )
    def post(self, request: Request) -> Response:
        fields = cleaned(body_object(request), partial=False)
        stamp = now_iso()
        webhook = WebhookConfig.objects.create(**fields, created_at=stamp, updated_at=stamp)
        webhook.refresh_from_db()
        return Response(webhook.legacy_row(), status=201)


class WebhookDetailView(LegacyAPIView):
    """One webhook: read, partial update (the mask keeps the secret), delete."""

    @extend_schema(
        operation_id="v1_webhooks_get",
        parameters=[WEBHOOK_ID],
        responses={200: WEBHOOK, 404: LegacyErrorSerializer},
    )
    def get(self, request: Request, webhook_id: str) -> Response:
        return Response(get_webhook(int(webhook_id)).legacy_row())

    @extend_schema(
        operation_id="v1_webhooks_update",
        parameters=[WEBHOOK_ID],
        request=WEBHOOK_IN,
        responses={200: WEBHOOK, 400: LegacyErrorSerializer, 404: LegacyErrorSerializer},
    )
    def put(self, request: Request, webhook_id: str) -> Response:
        webhook = get_webhook(int(webhook_id))
        fields = cleaned(body_object(request), partial=True)
        if fields:
            WebhookConfig.objects.filter(pk=webhook.pk).update(**fields, updated_at=now_iso())
            webhook.refresh_from_db()
        return Response(webhook.legacy_row())

    @extend_schema(operation_id="v1_webhooks_delete", parameters=[WEBHOOK_ID], responses={204: None})
    def delete(self, request: Request, webhook_id: str) -> HttpResponse:
        if int(webhook_id) <= MAX_ID:
            WebhookConfig.objects.filter(pk=int(webhook_id)).delete()
        return HttpResponse(status=204)


class WebhookTestView(LegacyAPIView):
    """Delivers a sample event now and answers the legacy result (not logged)."""

    @extend_schema(
        operation_id="v1_webhooks_test",
        parameters=[WEBHOOK_ID],
        request=None,
        responses={200: RESULT, 404: LegacyErrorSerializer},
    )
    def post(self, request: Request, webhook_id: str) -> Response:
        webhook = get_webhook(int(webhook_id))
        event_name = TEST_EVENT_FOR_ALL if webhook.event_name == ALL_EVENTS else webhook.event_name
        attempt = webhooks.deliver_attempt(webhook, event_name, sample_payload(event_name), record=False)
        # Legacy's HTTP client retried 429/5xx answers itself and raised when the retries ran
        # out, so such a final answer was reported as status_code 0 (no answer), as here.
        status_code = 0 if attempt.retryable else attempt.status_code or 0
        return Response(
            {
                "success": attempt.success,
                "status_code": status_code,
                "error": attempt.error,
                "duration_ms": round(attempt.duration_ms, 1),
            }
        )


urlpatterns = [
    re_path(r"^webhooks/?$", WebhookListView.as_view(), name="v1-webhooks"),
    re_path(r"^webhooks/(?P<webhook_id>[0-9]+)/?$", WebhookDetailView.as_view(), name="v1-webhook"),
    re_path(r"^webhooks/(?P<webhook_id>[0-9]+)/test/?$", WebhookTestView.as_view(), name="v1-webhook-test"),
]
