"""List filters of the hook resources."""

from __future__ import annotations

from django_filters import rest_framework as filters

from apps.hooks.models import HookConfig, HookLog, HookType, WebhookConfig


class HookConfigFilter(filters.FilterSet):
    class Meta:
        model = HookConfig
        fields = ["event_name", "enabled"]


class WebhookConfigFilter(filters.FilterSet):
    class Meta:
        model = WebhookConfig
        fields = ["event_name", "enabled"]


class HookLogFilter(filters.FilterSet):
    hook_type = filters.ChoiceFilter(choices=HookType.choices)

    class Meta:
        model = HookLog
        fields = ["hook_id", "webhook_id", "event_name", "hook_type", "success"]
