"""REST representations of hooks, webhooks and the hook log."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from apps.hooks.models import HookConfig, HookLog, WebhookConfig
from sublarr.api.serializers import LegacyModelSerializer, ReadOnlyLegacySerializer

RUN_STATE = ["last_triggered_at", "last_status", "trigger_count", "created_at", "updated_at"]


class HookConfigSerializer(LegacyModelSerializer):
    class Meta:
        model = HookConfig
        fields = "__all__"
        read_only_fields = RUN_STATE


class WebhookConfigSerializer(LegacyModelSerializer):
    # The HMAC signing key is write-only: a client can set or replace it, never read it back.
    secret = serializers.CharField(write_only=True, required=False, allow_blank=True, allow_null=True)
    has_secret = serializers.SerializerMethodField()

    class Meta:
        model = WebhookConfig
        fields = "__all__"
        read_only_fields = [
            "last_triggered_at",
            "last_status_code",
            "last_error",
            "consecutive_failures",
            "trigger_count",
            "created_at",
            "updated_at",
        ]

    def get_has_secret(self, webhook: WebhookConfig) -> bool:
        return bool(webhook.secret)

    def validate_url(self, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise serializers.ValidationError("Enter an http:// or https:// URL.")
        return value

    def to_internal_value(self, data: Any) -> dict[str, Any]:
        values = super().to_internal_value(data)
        if values.get("secret", "") is None:
            values["secret"] = ""
        return values


class HookLogSerializer(ReadOnlyLegacySerializer):
    class Meta:
        model = HookLog
        fields = "__all__"
