"""Admin actions: queue maintenance (daily statistics page), send a webhook a test event."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django_tasks_db.models import DBTaskResult
from pytest_django import Settings

from apps.core.models import DailyStats
from apps.hooks.models import WebhookConfig
from sublarr.services import embedded_services
from tests.queues import services_settings

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client: Client, settings: Settings) -> Iterator[Client]:
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    client.force_login(get_user_model().objects.create_superuser("admin", password="pw"))
    with services_settings(embedded_services()):
        yield client


def test_the_webhook_action_queues_a_test_event(staff: Client) -> None:
    hook = WebhookConfig.objects.create(name="w", event_name="x", url="http://127.0.0.1:9/")
    response = staff.post(
        "/admin/hooks/webhookconfig/", {"action": "send_test_events", "_selected_action": [hook.pk]}
    )
    assert response.status_code == 302
    assert DBTaskResult.objects.get().args_kwargs["args"][:2] == [hook.pk, "test"]


def test_the_daily_stats_action_queues_maintenance(staff: Client) -> None:
    DailyStats.objects.create(date="2025-01-01")
    response = staff.post(
        "/admin/core/dailystats/", {"action": "queue_maintenance", "_selected_action": ["2025-01-01"]}
    )
    assert response.status_code == 302
    assert DBTaskResult.objects.get().task_path == "apps.tasks.tasks.run_maintenance"
