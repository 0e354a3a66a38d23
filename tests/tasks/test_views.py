"""/api/v2/tasks/: queue maintenance, send a webhook a test event, look a task up; the RQ dashboard."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django_tasks_db.models import DBTaskResult
from pytest_django import Settings

from apps.hooks.models import WebhookConfig
from sublarr.api.keys import current_api_key
from sublarr.services import embedded_services
from tests.queues import QueueSetup, services_settings

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def embedded_queue() -> object:
    with services_settings(embedded_services()):
        yield


def api(client: Client, method: str, path: str) -> Any:
    return getattr(client, method)(path, HTTP_X_API_KEY=current_api_key())


def test_maintenance_is_queued_with_the_api_key(client: Client) -> None:
    response = api(client, "post", "/api/v2/tasks/maintenance")
    assert response.status_code == 202
    assert response.json()["status"] == "READY" and response.json()["task"] == "run_maintenance"
    assert DBTaskResult.objects.get().task_path == "apps.tasks.tasks.run_maintenance"


def test_the_task_can_be_looked_up(client: Client) -> None:
    task_id = api(client, "post", "/api/v2/tasks/maintenance").json()["task_id"]
    response = api(client, "get", f"/api/v2/tasks/{task_id}")
    assert response.status_code == 200 and response.json()["task_id"] == task_id
    assert api(client, "get", "/api/v2/tasks/00000000-0000-0000-0000-000000000000").status_code == 404


def test_a_test_event_is_queued_for_the_webhook(client: Client) -> None:
    hook = WebhookConfig.objects.create(name="w", event_name="x", url="http://127.0.0.1:9/")
    assert api(client, "post", f"/api/v2/tasks/webhook-test/{hook.pk}").status_code == 202
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "apps.hooks.tasks.deliver_webhook"
    assert queued.args_kwargs["args"][:2] == [hook.pk, "test"]
    assert api(client, "post", "/api/v2/tasks/webhook-test/999").status_code == 404


def test_without_the_key_nothing_is_queued(client: Client) -> None:
    assert client.post("/api/v2/tasks/maintenance").status_code in (401, 403)
    assert client.post("/api/v2/tasks/maintenance", HTTP_X_API_KEY="wrong").status_code in (401, 403)
    assert not DBTaskResult.objects.exists()


def test_a_staff_session_may_queue_maintenance() -> None:
    client = Client(enforce_csrf_checks=False)
    client.force_login(get_user_model().objects.create_user("admin", password="pw", is_staff=True))
    assert client.post("/api/v2/tasks/maintenance").status_code == 202


def test_the_rq_dashboard_is_for_staff_only(
    client: Client, redis_queue: QueueSetup, settings: Settings
) -> None:
    # Rendered without collectstatic's manifest.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    assert client.get("/django-rq/").status_code == 302  # to the admin login
    client.force_login(get_user_model().objects.create_user("someone", password="pw"))
    assert client.get("/django-rq/").status_code == 302
    client.force_login(get_user_model().objects.create_user("admin", password="pw", is_staff=True))
    response = client.get("/django-rq/")
    assert response.status_code == 200 and b"sublarr-test-" in response.content
