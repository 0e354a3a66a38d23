"""The admin action that queues maintenance (core registers it on its ModelAdmins)."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from apps.tasks.tasks import run_maintenance


@admin.action(description="Run maintenance now (queued for a worker)")
def queue_maintenance(modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet) -> None:
    result = run_maintenance.enqueue()
    modeladmin.message_user(request, f"Maintenance queued (task {result.id}).", messages.SUCCESS)
