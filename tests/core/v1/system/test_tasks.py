"""GET /api/v1/tasks: the task schedule in the legacy shape, with last/next run and running."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.test import Client
from django_tasks_db.models import DBTaskResult
from pytest_django import Settings

from apps.tasks.models import ScheduledRun
from sublarr.services import embedded_services
from tests.queues import services_settings

pytestmark = pytest.mark.django_db

KEYS = {"name", "display_name", "running", "last_run", "next_run", "interval_hours", "enabled"}


def test_every_scheduled_task_is_listed_before_it_ever_ran(keyed: Client, settings: Settings) -> None:
    settings.MAINTENANCE_INTERVAL_HOURS = 12
    response = keyed.get("/api/v1/tasks")
    assert response.status_code == 200
    tasks = response.json()["tasks"]
    assert [t["name"] for t in tasks] == ["maintenance", "backup"]
    assert all(set(t) == KEYS for t in tasks)
    maintenance, backup = tasks
    assert maintenance == {
        "name": "maintenance",
        "display_name": "Maintenance",
        "running": False,
        "last_run": None,
        "next_run": None,
        "interval_hours": 12,
        "enabled": True,
    }
    assert backup["display_name"] == "Database Backup" and backup["interval_hours"] == 24


def test_last_and_next_run_come_from_the_schedule_table(keyed: Client) -> None:
    last = datetime(2026, 3, 1, 4, 0, tzinfo=UTC)
    ScheduledRun.objects.create(
        name="backup", last_run_at=last, next_run_at=datetime(2026, 3, 2, 4, 0, tzinfo=UTC)
    )
    backup = keyed.get("/api/v1/tasks/").json()["tasks"][1]
    assert backup["last_run"] == "2026-03-01T04:00:00+00:00"
    assert backup["next_run"] == "2026-03-02T04:00:00+00:00"


def test_a_task_a_worker_is_running_shows_as_running(keyed: Client) -> None:
    with services_settings(embedded_services()):
        from apps.core.tasks import run_daily_backup

        result = run_daily_backup.enqueue()
        DBTaskResult.objects.filter(id=result.id).update(status="RUNNING")
        tasks = {t["name"]: t for t in keyed.get("/api/v1/tasks").json()["tasks"]}
    assert tasks["backup"]["running"] is True
    assert tasks["maintenance"]["running"] is False


def test_tasks_need_the_key() -> None:
    assert Client().get("/api/v1/tasks").status_code == 401


def test_a_redis_that_is_down_hides_only_what_is_running(keyed: Client) -> None:
    from sublarr.services import redis_services

    with services_settings(
        {**redis_services("redis://127.0.0.1:1/0", "sublarr-down"), "REDIS_URL": "redis://127.0.0.1:1/0"}
    ):
        response = keyed.get("/api/v1/tasks")
        detailed = keyed.get("/api/v1/health/detailed")
    assert response.status_code == 200
    assert [(t["name"], t["running"]) for t in response.json()["tasks"]] == [
        ("maintenance", False),
        ("backup", False),
    ]
    assert detailed.status_code == 503
    assert detailed.json()["subsystems"]["task_queue"]["healthy"] is False
