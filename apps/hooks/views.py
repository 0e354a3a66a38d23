"""/api/v2 resources of the event hooks: scripts, webhooks and their run log."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.hooks.filters import HookConfigFilter, HookLogFilter, WebhookConfigFilter
from apps.hooks.models import HookConfig, HookLog, WebhookConfig
from apps.hooks.serializers import HookConfigSerializer, HookLogSerializer, WebhookConfigSerializer
from apps.hooks.tasks import send_test_event
from apps.tasks.serializers import TaskSerializer
from apps.tasks.views import describe
from sublarr.api.views import ClearMixin
from sublarr.api.viewsets import ReadOnlyTableViewSet, TableViewSet


class HookConfigViewSet(TableViewSet):
    queryset = HookConfig.objects.all()
    serializer_class = HookConfigSerializer
    filterset_class = HookConfigFilter
    ordering_fields = ["event_name", "name", "last_triggered_at"]
    ordering = ["event_name", "name", "id"]


class WebhookConfigViewSet(TableViewSet):
    queryset = WebhookConfig.objects.all()
    serializer_class = WebhookConfigSerializer
    filterset_class = WebhookConfigFilter
    ordering_fields = ["event_name", "name", "last_triggered_at"]
    ordering = ["event_name", "name", "id"]


class HookLogViewSet(ClearMixin, ReadOnlyTableViewSet):
    """The hook run log: read-only, cleared as a whole or by filter (e.g. ?hook_id=3)."""

    queryset = HookLog.objects.all()
    serializer_class = HookLogSerializer
    filterset_class = HookLogFilter
    ordering_fields = ["triggered_at", "duration_ms"]
    ordering = ["-triggered_at", "-id"]


class WebhookTestView(APIView):
    @extend_schema(request=None, responses={202: TaskSerializer}, summary="Send a webhook a test event")
    def post(self, request: Request, pk: int) -> Response:
        webhook = get_object_or_404(WebhookConfig, pk=pk)
        return Response(describe(send_test_event(webhook)), status=status.HTTP_202_ACCEPTED)
