"""GET /api/v1/health and /health/detailed: the legacy keys, truthful about database, Redis, queue."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from pytest_django import Settings

from apps.tasks.models import WorkerHeartbeat
from sublarr.services import embedded_services, redis_services
from tests.queues import services_settings

pytestmark = pytest.mark.django_db

TEST_REDIS = "redis://127.0.0.1:6379/9"


@pytest.fixture(autouse=True)
def embedded() -> Iterator[None]:
    # CI runs the suite with SUBLARR_REDIS_URL set; these tests choose their set-up themselves.
    with services_settings({**embedded_services(), "REDIS_URL": ""}):
        yield


@pytest.fixture
def worker() -> WorkerHeartbeat:
    now = timezone.now()
    return WorkerHeartbeat.objects.create(worker_id="w1", started_at=now, last_seen=now)


def test_health_needs_no_key_and_has_the_legacy_keys_and_types(worker: WorkerHeartbeat) -> None:
    response = Client().get("/api/v1/health")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"status", "version", "services"}
    assert body["status"] == "healthy"
    assert isinstance(body["version"], str) and body["version"]
    assert set(body["services"]) == {"database", "redis", "task_queue"}
    assert all(isinstance(value, str) for value in body["services"].values())
    # The legacy frontend's Dashboard shows "OK..." green and "not configured" grey.
    assert body["services"]["database"] == "OK"
    assert body["services"]["redis"] == "not configured"
    assert body["services"]["task_queue"] == "OK (embedded: 1 worker, 0 pending)"


def test_health_is_503_unhealthy_when_no_worker_would_run_queued_tasks() -> None:
    WorkerHeartbeat.objects.create(
        worker_id="dead", started_at=timezone.now(), last_seen=timezone.now() - timedelta(hours=1)
    )
    response = Client().get("/api/v1/health/")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unhealthy"
    assert body["services"]["task_queue"] == "embedded: no worker running, 0 pending"
    assert body["services"]["database"] == "OK"


def test_an_unreachable_redis_makes_health_unhealthy(worker: WorkerHeartbeat, settings: Settings) -> None:
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    response = Client().get("/api/v1/health")
    assert response.status_code == 503
    assert response.json()["services"]["redis"].startswith("unreachable: ")


def test_a_reachable_redis_is_ok(worker: WorkerHeartbeat, settings: Settings) -> None:
    import redis

    try:
        redis.Redis.from_url(TEST_REDIS, socket_connect_timeout=1).ping()
    except redis.RedisError:
        pytest.skip("no Redis")
    settings.REDIS_URL = TEST_REDIS
    assert Client().get("/api/v1/health").json()["services"]["redis"] == "OK"


def test_detailed_health_needs_the_key() -> None:
    response = Client().get("/api/v1/health/detailed")
    assert response.status_code == 401
    assert response.json() == {"error": "API key required"}


def test_detailed_health_reports_each_subsystem(keyed: Client, worker: WorkerHeartbeat) -> None:
    response = keyed.get("/api/v1/health/detailed")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "healthy"
    subsystems = body["subsystems"]
    assert {"database", "redis", "task_queue", "disk_config", "memory", "scheduler"} <= set(subsystems)
    assert all(isinstance(entry["healthy"], bool) for entry in subsystems.values())
    database = subsystems["database"]
    assert database["healthy"] is True and database["message"] == "ok"
    assert database["size_bytes"] > 0 and isinstance(database["wal_mode"], bool)
    assert subsystems["task_queue"]["workers"] == 1 and subsystems["task_queue"]["pending"] == 0
    assert subsystems["memory"]["rss_bytes"] > 0
    assert [t["name"] for t in subsystems["scheduler"]["tasks"]] == ["maintenance", "backup"]


def test_detailed_health_is_degraded_without_a_worker(keyed: Client) -> None:
    response = keyed.get("/api/v1/health/detailed")
    assert response.status_code == 503
    assert response.json()["status"] == "degraded"
    assert response.json()["subsystems"]["task_queue"]["healthy"] is False


def test_with_redis_the_queue_counts_rq_workers(settings: Settings) -> None:
    import uuid

    import redis

    try:
        redis.Redis.from_url(TEST_REDIS, socket_connect_timeout=1).ping()
    except redis.RedisError:
        pytest.skip("no Redis")
    prefix = f"sublarr-test-{uuid.uuid4().hex[:8]}"
    with services_settings({**redis_services(TEST_REDIS, prefix), "REDIS_URL": TEST_REDIS}):
        response = Client().get("/api/v1/health")
    assert response.status_code == 503
    assert response.json()["services"] == {
        "database": "OK",
        "redis": "OK",
        "task_queue": "redis: no worker running, 0 pending",
    }
