"""/metrics: the key is required, and each gauge equals the database's own count."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.tasks import default_task_backend
from django.test import Client
from prometheus_client.parser import text_string_to_metric_families

from apps.core.models import Job, WantedItem
from apps.tasks.base import default_worker_backend
from sublarr.api.keys import current_api_key

pytestmark = pytest.mark.django_db


def scrape(client: Client, **extra: Any) -> dict[str, float]:
    response = client.get("/metrics", headers={"X-Api-Key": current_api_key()}, **extra)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    return {
        sample.name + labels(sample.labels): sample.value
        for family in text_string_to_metric_families(response.content.decode())
        for sample in family.samples
    }


def labels(values: dict[str, str]) -> str:
    return "{" + ",".join(f"{k}={v}" for k, v in sorted(values.items())) + "}" if values else ""


def count(sql: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchone()[0]


def make_rows() -> None:
    statuses = ["wanted", "wanted", "wanted", "searching", "failed", "ignored", "found"]
    for i, status in enumerate(statuses * 3):
        WantedItem.objects.create(item_type="episode", file_path=f"/tv/{i}.mkv", status=status)
    for i, status in enumerate(["queued", "running", "running", "completed", "failed", "skipped"]):
        Job.objects.create(id=f"job{i}", file_path=f"/tv/{i}.ass", status=status)


def test_it_answers_401_without_the_key(client: Client) -> None:
    response = client.get("/metrics")
    assert response.status_code == 401
    assert b"sublarr_" not in response.content


def test_it_answers_401_with_a_wrong_key(client: Client) -> None:
    assert client.get("/metrics", headers={"X-Api-Key": "wrong"}).status_code == 401
    assert client.get("/metrics?apikey=wrong").status_code == 401


def test_it_accepts_the_key_as_query_parameter_as_prometheus_params_send_it(client: Client) -> None:
    response = client.get(f"/metrics?apikey={current_api_key()}")
    assert response.status_code == 200
    assert b"sublarr_wanted_queue_size" in response.content


def test_legacy_gauges_equal_the_databases_own_counts(client: Client) -> None:
    make_rows()
    metrics = scrape(client)
    assert metrics["sublarr_wanted_queue_size"] == count(
        "SELECT COUNT(*) FROM wanted_items WHERE status = 'wanted'"
    )
    assert metrics["sublarr_wanted_queue_size"] == 9
    queued = count("SELECT COUNT(*) FROM jobs WHERE status IN ('queued', 'running')")
    assert metrics["sublarr_job_queue_size"] == queued == 3
    assert metrics["sublarr_database_size_bytes"] > 0


def test_row_estimates_cover_the_data_tables(client: Client) -> None:
    make_rows()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE wanted_items")
    metrics = scrape(client)
    # SQLite: the highest rowid; PostgreSQL: pg_class after ANALYZE. Both exact on fresh rows.
    assert metrics["sublarr_table_rows_estimate{table=wanted_items}"] == WantedItem.objects.count()
    assert "sublarr_table_rows_estimate{table=subtitle_downloads}" in metrics
    assert "sublarr_table_rows_estimate{table=django_tasks_database_dbtaskresult}" in metrics


def test_task_queue_gauges_follow_the_backend(client: Client) -> None:
    stats = default_worker_backend.queue_stats()
    metrics = scrape(client)
    assert metrics["sublarr_task_queue_up"] == 1
    assert metrics["sublarr_task_queue_depth"] == stats["queued"]
    assert metrics["sublarr_tasks_running"] == stats["running"]
    assert metrics["sublarr_tasks_failed"] == stats["failed"]


def test_request_latency_is_recorded_by_view_name(client: Client) -> None:
    before = scrape(client).get("sublarr_http_request_duration_seconds_count{method=GET,view=api-health}", 0)
    assert client.get("/api/v2/health").status_code == 200
    client.get("/no/such/page")
    metrics = scrape(client)
    assert metrics["sublarr_http_request_duration_seconds_count{method=GET,view=api-health}"] == before + 1
    assert metrics["sublarr_http_request_duration_seconds_count{method=GET,view=<unresolved>}"] >= 1


def test_a_task_queue_that_does_not_answer_leaves_the_other_gauges(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken() -> dict[str, int]:
        raise ConnectionError("Error 111 connecting to redis:6379. Connection refused.")

    monkeypatch.setattr(default_task_backend, "queue_stats", broken)
    metrics = scrape(client)
    assert metrics["sublarr_task_queue_up"] == 0
    assert "sublarr_task_queue_depth" not in metrics
    assert metrics["sublarr_wanted_queue_size"] == 0
