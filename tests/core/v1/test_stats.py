"""/api/v1/stats, /statistics and /statistics/export: the legacy dashboard and statistics."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from django.test import Client

from apps.core.models import DailyStats, Job, UpgradeHistory
from apps.providers.models import ProviderStats, SubtitleDownload
from apps.translation.models import TranslationBackendStats
from sublarr.api.keys import current_api_key

pytestmark = pytest.mark.django_db


@pytest.fixture
def client() -> Client:
    return Client(HTTP_X_API_KEY=current_api_key())


def day(date: str, translated: int, failed: int = 0, skipped: int = 0, **values: Any) -> DailyStats:
    return DailyStats.objects.create(
        date=date, translated=translated, failed=failed, skipped=skipped, **values
    )


def today() -> str:
    return datetime.now(UTC).date().isoformat()


def test_stats_sum_the_newest_30_days_and_count_pending_jobs(client: Client) -> None:
    first = date(2025, 1, 1)
    for n in range(30):  # with today's row, the oldest of these falls outside the newest 30 rows
        day((first + timedelta(days=n)).isoformat(), 1, 2, 3, by_format_json=json.dumps({"ass": 1}))
    day(today(), translated=5, by_format_json='{"ass": 2, "srt": 3}', by_source_json='{"wanted": 5}')
    for n, status in enumerate(["queued", "running", "running", "completed", "failed"]):
        Job.objects.create(id=f"j{n}", file_path="/x", status=status)
    body = client.get("/api/v1/stats").json()
    assert body["daily"][0] == {"date": today(), "translated": 5, "failed": 0, "skipped": 0}
    assert [row["date"] for row in body["daily"][1:3]] == ["2025-01-30", "2025-01-29"]
    assert len(body["daily"]) == 30 and body["daily"][-1]["date"] == "2025-01-02"
    assert (body["total_translated"], body["total_failed"], body["total_skipped"]) == (5 + 29, 58, 87)
    assert body["today_translated"] == 5
    assert body["by_format"] == {"ass": 2 + 29, "srt": 3}
    assert body["by_source"] == {"wanted": 5}
    assert body["pending_jobs"] == 3
    assert body["upgrades"] == {"srt_to_ass_translated": 0, "srt_upgrade_skipped": 0}
    assert (body["quality_warnings"], body["batch_running"]) == (0, False)
    assert type(body["uptime_seconds"]) is int and body["uptime_seconds"] >= 0


def test_stats_of_an_empty_database(client: Client) -> None:
    body = client.get("/api/v1/stats").json()
    del body["uptime_seconds"]
    assert body == {
        "total_translated": 0,
        "total_failed": 0,
        "total_skipped": 0,
        "today_translated": 0,
        "by_format": {},
        "by_source": {},
        "daily": [],
        "upgrades": {"srt_to_ass_translated": 0, "srt_upgrade_skipped": 0},
        "quality_warnings": 0,
        "pending_jobs": 0,
        "batch_running": False,
    }


def test_malformed_or_null_counts_do_not_break_the_dashboard(client: Client) -> None:
    day("2025-01-01", translated=1, by_format_json="{bad", by_source_json=None)
    day("2025-01-02", translated=1, by_format_json='["ass"]', by_source_json='{"x": "y"}')
    response = client.get("/api/v1/stats")
    assert response.status_code == 200
    assert (response.json()["by_format"], response.json()["by_source"]) == ({}, {})


def fill_statistics() -> None:
    for n in range(1, 11):
        day(f"2025-02-{n:02d}", translated=n, by_format_json=json.dumps({"ass": n, "srt": 1}))
    ProviderStats.objects.create(provider_name="subdl", total_searches=4, auto_disabled=True, avg_score=12.5)
    ProviderStats.objects.create(provider_name="jimaku", total_searches=2)
    for n, (provider, score) in enumerate(
        [("subdl", 100), ("subdl", 201), ("jimaku", 300), ("animetosho", None)]
    ):
        SubtitleDownload.objects.create(
            provider_name=provider, subtitle_id=str(n), language="de", file_path="/x", score=score
        )
    TranslationBackendStats.objects.create(backend_name="ollama", total_requests=3)
    UpgradeHistory.objects.create(file_path="/a", old_format="srt", new_format="ass")
    UpgradeHistory.objects.create(file_path="/b", old_format="srt", new_format="ass")
    UpgradeHistory.objects.create(file_path="/c", old_format=None, new_format="ass")


def test_statistics_answer_the_range_of_newest_rows(client: Client) -> None:
    fill_statistics()
    body = client.get("/api/v1/statistics", {"range": "7d"}).json()
    assert [row["date"] for row in body["daily"]] == [f"2025-02-{n:02d}" for n in range(10, 3, -1)]
    assert body["by_format"] == {"ass": sum(range(4, 11)), "srt": 7}
    assert body["range"] == "7d"
    assert body["downloads_by_provider"] == [
        {"provider_name": "animetosho", "count": 1, "avg_score": 0},
        {"provider_name": "jimaku", "count": 1, "avg_score": 300.0},
        {"provider_name": "subdl", "count": 2, "avg_score": 150.5},
    ]
    assert type(body["downloads_by_provider"][0]["avg_score"]) is int
    assert body["upgrades"] == [{"type": None, "count": 1}, {"type": "srt -> ass", "count": 2}]
    subdl = body["providers"]["subdl"]
    assert (subdl["auto_disabled"], subdl["total_searches"], subdl["avg_score"]) == (1, 4, 12.5)
    assert type(subdl["auto_disabled"]) is int
    assert set(body["providers"]) == {"subdl", "jimaku"}
    assert [row["backend_name"] for row in body["backend_stats"]] == ["ollama"]
    assert body["backend_stats"][0]["total_requests"] == 3


@pytest.mark.parametrize(("given", "rows"), [(None, 10), ("30d", 10), ("2w", 10), ("365d", 10)])
def test_an_unknown_range_means_30_days_and_is_echoed(client: Client, given: str | None, rows: int) -> None:
    fill_statistics()
    body = client.get("/api/v1/statistics", {} if given is None else {"range": given}).json()
    assert len(body["daily"]) == rows and body["range"] == (given or "30d")


def test_the_json_export_is_an_attachment(client: Client) -> None:
    fill_statistics()
    response = client.get("/api/v1/statistics/export", {"range": "7d"})
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    stamp = datetime.now(UTC).strftime("%Y%m%d")
    assert response["Content-Disposition"] == f"attachment; filename=sublarr_stats_{stamp}.json"
    body = json.loads(response.content)
    assert set(body) == {"daily", "providers", "downloads_by_provider", "range", "exported_at"}
    assert len(body["daily"]) == 7 and body["range"] == "7d"
    assert body["downloads_by_provider"][2] == {"provider": "subdl", "count": 2, "avg_score": 150.5}
    assert datetime.fromisoformat(body["exported_at"]).tzinfo is not None
    assert response.content.startswith(b'{\n  "daily"')  # legacy's json.dumps(indent=2)


def test_the_csv_export_lists_the_days(client: Client) -> None:
    fill_statistics()
    response = client.get(
        "/api/v1/statistics/export", {"format": "csv", "range": "7d"}, HTTP_ACCEPT="text/csv"
    )
    assert response.status_code == 200 and response["Content-Type"] == "text/csv"
    assert response["Content-Disposition"].endswith(".csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["date", "translated", "failed", "skipped"]
    assert rows[1] == ["2025-02-10", "10", "0", "0"] and len(rows) == 8
    assert b"\r\n" in response.content


def test_an_unknown_export_format_is_json(client: Client) -> None:
    response = client.get("/api/v1/statistics/export", {"format": "xml"})
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content)["daily"] == []


def test_the_dashboard_shows_a_change_at_once_though_it_keeps_its_figures(client: Client) -> None:
    assert client.get("/api/v1/stats").json()["pending_jobs"] == 0
    job = Job.objects.create(id="j1", file_path="/x", status="queued")
    assert client.get("/api/v1/stats").json()["pending_jobs"] == 1
    day(today(), translated=4)
    assert client.get("/api/v1/stats").json()["today_translated"] == 4
    job.status = "completed"
    job.save()
    assert client.get("/api/v1/stats").json()["pending_jobs"] == 0
    job.delete()
    DailyStats.objects.all().delete()
    assert client.get("/api/v1/stats").json()["today_translated"] == 0


def test_the_dashboard_figures_are_read_from_the_cache_between_changes(
    client: Client, django_assert_num_queries: Any
) -> None:
    client.get("/api/v1/stats")
    with django_assert_num_queries(0):
        assert client.get("/api/v1/stats").status_code == 200
