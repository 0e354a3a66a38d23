"""Admin for event hooks: scripts, webhooks (secrets never shown) and the log of every run."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest

from apps.core.admin_tools import JSONTextAdminForm, LargeTableAdmin, ReadOnlyAdminMixin, SublarrModelAdmin
from apps.hooks.models import HookConfig, HookLog, WebhookConfig
from apps.hooks.tasks import send_test_event


@admin.register(HookConfig)
class HookConfigAdmin(SublarrModelAdmin):
    list_display = (
        "name",
        "event_name",
        "hook_type",
        "enabled",
        "script_path",
        "timeout_seconds",
        "trigger_count",
        "last_status",
        "last_triggered_at",
    )
    list_filter = ("enabled", "event_name", "hook_type")
    search_fields = ("name", "event_name", "script_path")
    ordering = ("event_name", "name")
    readonly_fields = ("last_triggered_at", "last_status", "trigger_count", "created_at", "updated_at")


class WebhookConfigForm(JSONTextAdminForm):
    """The signing secret is write-only: never sent to the browser, kept when left blank."""

    secret = forms.CharField(
        required=False,
        strip=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text="HMAC-SHA256 signing key. Leave blank to keep the current one.",
    )
    clear_secret = forms.BooleanField(required=False, label="Remove the signing secret")

    class Meta:
        model = WebhookConfig
        fields = "__all__"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Compared against a blank input, so "changed" means a new secret was typed.
        self.initial["secret"] = ""

    def clean_secret(self) -> str:
        new: str = self.cleaned_data.get("secret") or ""
        if new or self.instance._state.adding:
            return new
        return self.instance.secret or ""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if cleaned.get("clear_secret"):
            cleaned["secret"] = ""
        return cleaned


@admin.action(description="Send a test event to the selected webhooks")
def send_test_events(
    modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[WebhookConfig]
) -> None:
    for webhook in queryset:
        send_test_event(webhook)
    modeladmin.message_user(
        request, f"Test event queued for {queryset.count()} webhook(s).", messages.SUCCESS
    )


@admin.register(WebhookConfig)
class WebhookConfigAdmin(SublarrModelAdmin):
    form = WebhookConfigForm
    actions = [send_test_events]
    list_display = (
        "name",
        "event_name",
        "url",
        "enabled",
        "signed",
        "retry_count",
        "consecutive_failures",
        "last_status_code",
        "last_triggered_at",
    )
    list_filter = ("enabled", "event_name")
    search_fields = ("name", "event_name", "url")
    ordering = ("event_name", "name")
    readonly_fields = (
        "last_triggered_at",
        "last_status_code",
        "last_error",
        "consecutive_failures",
        "trigger_count",
        "created_at",
        "updated_at",
    )
    fields = (
        "name",
        "event_name",
        "url",
        "secret",
        "clear_secret",
        "enabled",
        "retry_count",
        "timeout_seconds",
        *readonly_fields,
    )

    @admin.display(description="signed", boolean=True)
    def signed(self, obj: WebhookConfig) -> bool:
        return bool(obj.secret)


@admin.register(HookLog)
class HookLogAdmin(ReadOnlyAdminMixin, LargeTableAdmin):
    list_display = (
        "triggered_at",
        "event_name",
        "hook_type",
        "hook",
        "success",
        "exit_code",
        "status_code",
        "duration_ms",
        "error",
    )
    list_filter = ("success", "hook_type")
    search_fields = ("event_name", "error", "hook_id__exact", "webhook_id__exact")
    search_help_text = "Part of the event name or error, or a hook / webhook id."
    # The legacy log is appended to, so the id follows triggered_at.
    ordering = ("-id",)
    multiline_fields = ("stdout", "stderr", "error")

    def get_queryset(self, request: HttpRequest) -> QuerySet[HookLog]:
        # The log keeps plain ids (it outlives deleted hooks), so names come from subqueries in
        # the same SELECT rather than a query per row.
        hook = HookConfig.objects.filter(pk=OuterRef("hook_id")).values("name")[:1]
        webhook = WebhookConfig.objects.filter(pk=OuterRef("webhook_id")).values("name")[:1]
        return super().get_queryset(request).annotate(hook_name=Coalesce(Subquery(hook), Subquery(webhook)))

    @admin.display(description="hook")
    def hook(self, obj: HookLog) -> str:
        name = getattr(obj, "hook_name", None)
        ref = obj.hook_id if obj.hook_id is not None else obj.webhook_id
        if name:
            return f"{name} (#{ref})"
        return f"#{ref} (deleted)" if ref is not None else "-"
