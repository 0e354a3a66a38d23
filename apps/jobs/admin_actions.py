"""Admin actions that queue background work (registered on the apps' ModelAdmins)."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from apps.hooks.models import WebhookConfig
from apps.hooks.tasks import send_test_event
from apps.jobs.tasks import run_maintenance


@admin.action(description="Send a test event to the selected webhooks")
def send_test_events(
    modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[WebhookConfig]
) -> None:
    for webhook in queryset:
        send_test_event(webhook)
    modeladmin.message_user(
        request, f"Test event queued for {queryset.count()} webhook(s).", messages.SUCCESS
    )


@admin.action(description="Run maintenance now (queued for a worker)")
def queue_maintenance(modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet) -> None:
    result = run_maintenance.enqueue()
    modeladmin.message_user(request, f"Maintenance queued (task {result.id}).", messages.SUCCESS)
