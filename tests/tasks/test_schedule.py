"""The periodic schedule: due once per period, however many workers tick it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from apps.tasks import schedule
from apps.tasks.models import ScheduledRun
from sublarr.services import embedded_services
from tests.queues import services_settings

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def embedded() -> object:
    with services_settings(embedded_services()):
        yield


def test_a_fresh_install_waits_one_period_before_the_first_run() -> None:
    assert schedule.tick() == []
    assert ScheduledRun.objects.get(name="maintenance").next_run_at > timezone.now() + timedelta(hours=23)


def test_a_due_entry_is_enqueued_once_and_pushed_a_period_ahead() -> None:
    schedule.tick()
    ScheduledRun.objects.filter(name="maintenance").update(next_run_at=timezone.now() - timedelta(seconds=1))

    assert schedule.tick() == ["maintenance"]
    assert schedule.tick() == []  # a second worker ticking right after finds nothing due
    assert DBTaskResult.objects.filter(task_path="apps.tasks.tasks.run_maintenance").count() == 1


def test_the_daily_backup_is_scheduled_and_writes_an_archive(settings, tmp_path) -> None:
    from apps.core.tasks import run_daily_backup

    schedule.tick()
    assert ScheduledRun.objects.get(name="backup").next_run_at > timezone.now() + timedelta(hours=23)
    ScheduledRun.objects.filter(name="backup").update(next_run_at=timezone.now() - timedelta(seconds=1))

    assert schedule.tick() == ["backup"]
    assert DBTaskResult.objects.filter(task_path="apps.core.tasks.run_daily_backup").count() == 1

    settings.SUBLARR_BACKUP_DIR = tmp_path
    archive = run_daily_backup.call()
    assert archive.startswith(str(tmp_path)) and archive.endswith(".tar.gz")
