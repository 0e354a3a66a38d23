"""/api/v2 resources of the event hooks: scripts, webhooks and their run log."""

from __future__ import annotations

from apps.core.api.views import ClearMixin
from apps.core.api.viewsets import ReadOnlyTableViewSet, TableViewSet
from apps.hooks.filters import HookConfigFilter, HookLogFilter, WebhookConfigFilter
from apps.hooks.models import HookConfig, HookLog, WebhookConfig
from apps.hooks.serializers import HookConfigSerializer, HookLogSerializer, WebhookConfigSerializer


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
