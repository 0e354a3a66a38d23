"""Core's maintenance steps: finished jobs pruned, daily statistics recounted."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from pytest_django import Settings

from apps.core import maintenance as core_steps
from apps.core.models import DailyStats, Job
from sublarr.services import embedded_services
from tests.moments import NOW, iso
from tests.queues import services_settings

pytestmark = pytest.mark.django_db


def test_only_finished_jobs_past_the_retention_are_pruned(settings: Settings) -> None:
    settings.HISTORY_RETENTION_DAYS = 30
    old = iso(NOW - timedelta(days=40))
    Job.objects.create(id="done", file_path="/a", status="completed", created_at=old, completed_at=old)
    Job.objects.create(id="legacy", file_path="/b", status="failed", created_at=old, completed_at="")
    Job.objects.create(id="queued", file_path="/c", status="queued", created_at=old)
    Job.objects.create(id="recent", file_path="/d", status="completed", created_at=old, completed_at=iso(NOW))

    with services_settings(embedded_services()):
        core_steps.prune_finished_jobs(NOW)
    assert sorted(Job.objects.values_list("id", flat=True)) == ["queued", "recent"]


def test_daily_stats_are_recounted_for_the_retention_window_only(settings: Settings) -> None:
    settings.HISTORY_RETENTION_DAYS = 30
    day = iso(NOW - timedelta(days=1))
    Job.objects.create(id="1", file_path="/a", status="completed", source_format="ass", completed_at=day)
    Job.objects.create(id="2", file_path="/b", status="completed", source_format="srt", completed_at=day)
    Job.objects.create(id="3", file_path="/c", status="failed", completed_at=day)
    DailyStats.objects.create(date="2020-01-01", translated=99)  # history older than the jobs kept

    assert core_steps.refresh_daily_stats(NOW) == 1
    stats = DailyStats.objects.get(date=day[:10])
    assert (stats.translated, stats.failed, stats.skipped) == (2, 1, 0)
    assert stats.by_format_json is not None
    assert json.loads(stats.by_format_json) == {"ass": 1, "srt": 1}
    assert DailyStats.objects.get(date="2020-01-01").translated == 99
