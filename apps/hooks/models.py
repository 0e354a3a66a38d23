"""Event hooks: scripts and webhooks run on Sublarr events, and the log of every run."""

from __future__ import annotations

from typing import Any

from django.db import models

from apps.core.expressions import DatetimeNow, IntegerLiteral
from apps.hooks.catalog import hook_event_choices, webhook_event_choices
from sublarr.db.fields import LegacyBooleanField

# What a webhook's secret reads as anywhere outside the database; sent back, it means "unchanged".
SECRET_MASK = "***configured***"


def _row(obj: models.Model) -> dict[str, Any]:
    """The row as the legacy `SELECT *` gave it: every column, 0/1 flags as integers."""
    row: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        value = getattr(obj, field.attname)
        assert field.column is not None  # a concrete field always has its column
        row[field.column] = int(value) if isinstance(value, bool) else value
    return row


class HookType(models.TextChoices):
    SCRIPT = "script"
    WEBHOOK = "webhook"


class HookConfig(models.Model):
    name = models.TextField()
    event_name = models.TextField(choices=hook_event_choices)
    hook_type = models.TextField(null=True, choices=HookType, db_default=HookType.SCRIPT)
    enabled = LegacyBooleanField(null=True, db_default=True)
    script_path = models.TextField(null=True, blank=True, db_default="")
    timeout_seconds = models.IntegerField(null=True, db_default=30)
    last_triggered_at = models.TextField(null=True, blank=True, db_default="")
    last_status = models.TextField(null=True, blank=True, db_default="")
    trigger_count = models.IntegerField(null=True, db_default=0)
    created_at = models.TextField(db_default=DatetimeNow())
    updated_at = models.TextField(db_default=DatetimeNow())

    class Meta:
        db_table = "hook_configs"
        ordering = ["event_name", "name"]
        verbose_name = "script hook"
        indexes = [models.Index(fields=["event_name"], name="idx_hook_configs_event")]

    def __str__(self) -> str:
        return f"{self.name} on {self.event_name}"

    def legacy_row(self) -> dict[str, Any]:
        return _row(self)


class WebhookConfig(models.Model):
    name = models.TextField()
    event_name = models.TextField(choices=webhook_event_choices)
    url = models.TextField()
    secret = models.TextField(null=True, blank=True, db_default="", help_text="HMAC-SHA256 signing key.")
    enabled = LegacyBooleanField(null=True, db_default=True)
    retry_count = models.IntegerField(null=True, db_default=3)
    timeout_seconds = models.IntegerField(null=True, db_default=10)
    last_triggered_at = models.TextField(null=True, blank=True, db_default="")
    last_status_code = models.IntegerField(null=True, db_default=0)
    last_error = models.TextField(null=True, blank=True, db_default="")
    consecutive_failures = models.IntegerField(null=True, db_default=0)
    trigger_count = models.IntegerField(null=True, db_default=0)
    created_at = models.TextField(db_default=DatetimeNow())
    updated_at = models.TextField(db_default=DatetimeNow())

    class Meta:
        db_table = "webhook_configs"
        ordering = ["event_name", "name"]
        verbose_name = "webhook"
        indexes = [models.Index(fields=["event_name"], name="idx_webhook_configs_event")]

    def __str__(self) -> str:
        return f"{self.name} on {self.event_name}"

    def legacy_row(self) -> dict[str, Any]:
        """The legacy row, the secret masked: it signs deliveries and is never handed out."""
        row = _row(self)
        row["secret"] = SECRET_MASK if self.secret else ""
        return row


class HookLog(models.Model):
    # Plain ids, not foreign keys: the legacy log outlives deleted hooks.
    hook_id = models.IntegerField(null=True, blank=True)
    webhook_id = models.IntegerField(null=True, blank=True)
    event_name = models.TextField()
    hook_type = models.TextField(choices=HookType)
    success = LegacyBooleanField()
    exit_code = models.IntegerField(null=True, blank=True, db_default=None)
    status_code = models.IntegerField(null=True, blank=True, db_default=None)
    stdout = models.TextField(null=True, blank=True, db_default="")
    stderr = models.TextField(null=True, blank=True, db_default="")
    error = models.TextField(null=True, blank=True, db_default="")
    duration_ms = models.FloatField(null=True, db_default=IntegerLiteral(0))
    triggered_at = models.TextField(db_default=DatetimeNow())

    class Meta:
        db_table = "hook_log"
        ordering = ["-triggered_at"]
        verbose_name = "hook run"
        verbose_name_plural = "hook log"
        indexes = [
            models.Index(fields=["hook_id"], name="idx_hook_log_hook_id"),
            models.Index(fields=["webhook_id"], name="idx_hook_log_webhook_id"),
            models.Index(fields=["triggered_at"], name="idx_hook_log_triggered_at"),
        ]

    def __str__(self) -> str:
        outcome = "ok" if self.success else "failed"
        return f"{self.hook_type} {self.event_name} {outcome} at {self.triggered_at}"

    def legacy_row(self) -> dict[str, Any]:
        return _row(self)
