"""manage.py run_maintenance and the maintenance steps on legacy-shaped rows."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.tasks import TaskResultStatus
from django_tasks_db.backend import TaskResult as DatabaseTaskResult
from pytest_django import Settings

from apps.core.models import DailyStats, Job
from apps.hooks.models import HookLog
from apps.jobs import maintenance
from apps.jobs.tests.conftest import services_settings
from apps.providers.models import ProviderCache
from apps.standalone.models import AnidbMapping, MetadataCache
from sublarr.services import embedded_services

pytestmark = pytest.mark.django_db

NOW = datetime(2025, 6, 15, 12, 0, 0)


def iso(moment: datetime) -> str:
    return moment.isoformat()


def plain(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def test_expired_cache_rows_go_and_live_ones_stay() -> None:
    ProviderCache.objects.create(
        provider_name="a", query_hash="old", results_json="[]", expires_at=iso(NOW - timedelta(seconds=1))
    )
    ProviderCache.objects.create(
        provider_name="a", query_hash="new", results_json="[]", expires_at=iso(NOW + timedelta(hours=1))
    )
    MetadataCache.objects.create(
        cache_key="old", provider="tmdb", response_json="{}", expires_at=plain(NOW - timedelta(hours=1))
    )
    # Same day, later hour, in SQLite's spelling: a plain string comparison would call it expired.
    MetadataCache.objects.create(
        cache_key="later", provider="tmdb", response_json="{}", expires_at=plain(NOW + timedelta(hours=2))
    )

    assert maintenance.purge_expired_caches(NOW) == 2
    assert list(ProviderCache.objects.values_list("query_hash", flat=True)) == ["new"]
    assert list(MetadataCache.objects.values_list("cache_key", flat=True)) == ["later"]


def test_hook_log_is_pruned_past_the_retention(settings: Settings) -> None:
    settings.HISTORY_RETENTION_DAYS = 30
    old = HookLog.objects.create(event_name="e", hook_type="webhook", success=True)
    HookLog.objects.filter(pk=old.pk).update(triggered_at=plain(NOW - timedelta(days=31)))
    recent = HookLog.objects.create(event_name="e", hook_type="webhook", success=True)
    HookLog.objects.filter(pk=recent.pk).update(triggered_at=plain(NOW - timedelta(days=29)))

    assert maintenance.prune_hook_log(NOW) == 1
    assert list(HookLog.objects.values_list("pk", flat=True)) == [recent.pk]


def test_only_finished_jobs_past_the_retention_are_pruned(settings: Settings) -> None:
    settings.HISTORY_RETENTION_DAYS = 30
    old = iso(NOW - timedelta(days=40))
    Job.objects.create(id="done", file_path="/a", status="completed", created_at=old, completed_at=old)
    Job.objects.create(id="legacy", file_path="/b", status="failed", created_at=old, completed_at="")
    Job.objects.create(id="queued", file_path="/c", status="queued", created_at=old)
    Job.objects.create(id="recent", file_path="/d", status="completed", created_at=old, completed_at=iso(NOW))

    with services_settings(embedded_services()):
        maintenance.prune_finished_jobs(NOW)
    assert sorted(Job.objects.values_list("id", flat=True)) == ["queued", "recent"]


def test_finished_task_records_are_pruned_too() -> None:
    from django_tasks_db.models import DBTaskResult

    from apps.jobs.tasks import noop

    with services_settings(embedded_services()):
        result = noop.enqueue()
        DBTaskResult.objects.filter(id=result.id).update(
            status=TaskResultStatus.SUCCESSFUL, finished_at=datetime(2020, 1, 1, tzinfo=UTC)
        )
        waiting = noop.enqueue()
        maintenance.prune_finished_jobs(NOW)
    assert isinstance(waiting, DatabaseTaskResult)
    assert list(DBTaskResult.objects.values_list("id", flat=True)) == [waiting.db_result.id]


def test_anidb_mappings_unused_for_90_days_are_dropped() -> None:
    AnidbMapping.objects.create(tvdb_id=1, anidb_id=10, last_used=plain(NOW - timedelta(days=91)))
    AnidbMapping.objects.create(tvdb_id=2, anidb_id=20, last_used=plain(NOW - timedelta(days=89)))
    AnidbMapping.objects.create(
        tvdb_id=3, anidb_id=30, last_used=None, created_at=plain(NOW - timedelta(days=100))
    )

    assert maintenance.drop_unused_anidb_mappings(NOW) == 2
    assert list(AnidbMapping.objects.values_list("tvdb_id", flat=True)) == [2]


def test_daily_stats_are_recounted_for_the_retention_window_only(settings: Settings) -> None:
    settings.HISTORY_RETENTION_DAYS = 30
    day = iso(NOW - timedelta(days=1))
    Job.objects.create(id="1", file_path="/a", status="completed", source_format="ass", completed_at=day)
    Job.objects.create(id="2", file_path="/b", status="completed", source_format="srt", completed_at=day)
    Job.objects.create(id="3", file_path="/c", status="failed", completed_at=day)
    DailyStats.objects.create(date="2020-01-01", translated=99)  # history older than the jobs kept

    assert maintenance.refresh_daily_stats(NOW) == 1
    stats = DailyStats.objects.get(date=day[:10])
    assert (stats.translated, stats.failed, stats.skipped) == (2, 1, 0)
    assert stats.by_format_json is not None
    assert json.loads(stats.by_format_json) == {"ass": 1, "srt": 1}
    assert DailyStats.objects.get(date="2020-01-01").translated == 99


def test_the_command_reports_progress_for_every_step() -> None:
    ProviderCache.objects.create(
        provider_name="a", query_hash="x", results_json="[]", expires_at="2000-01-01T00:00:00"
    )
    out = StringIO()
    with services_settings(embedded_services()):
        call_command("run_maintenance", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("[1/5] ")
    assert "[2/5] expired cache rows purged: 1" in lines
    assert lines[-1] == "Maintenance done."


def test_the_command_can_queue_it_instead() -> None:
    from django_tasks_db.models import DBTaskResult

    out = StringIO()
    with services_settings(embedded_services()):
        call_command("run_maintenance", "--enqueue", stdout=out)
    assert DBTaskResult.objects.get().task_path == "apps.jobs.tasks.run_maintenance"
    assert "queued" in out.getvalue()
