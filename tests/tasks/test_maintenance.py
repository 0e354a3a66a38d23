"""manage.py run_maintenance, the maintenance task, and the task records the backend prunes."""

from __future__ import annotations

from datetime import UTC, datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.tasks import TaskResultStatus
from django_tasks_db.backend import TaskResult as DatabaseTaskResult

from apps.providers.models import ProviderCache
from apps.tasks import maintenance
from sublarr.services import embedded_services
from tests.moments import NOW
from tests.queues import services_settings

pytestmark = pytest.mark.django_db


def test_finished_task_records_are_pruned_too() -> None:
    from django_tasks_db.models import DBTaskResult

    from tests.probes import noop

    with services_settings(embedded_services()):
        result = noop.enqueue()
        DBTaskResult.objects.filter(id=result.id).update(
            status=TaskResultStatus.SUCCESSFUL, finished_at=datetime(2020, 1, 1, tzinfo=UTC)
        )
        waiting = noop.enqueue()
        maintenance.purge_finished_task_records(NOW)
    assert isinstance(waiting, DatabaseTaskResult)
    assert list(DBTaskResult.objects.values_list("id", flat=True)) == [waiting.db_result.id]


def test_the_command_reports_progress_for_every_step() -> None:
    ProviderCache.objects.create(
        provider_name="a", query_hash="x", results_json="[]", expires_at="2000-01-01T00:00:00"
    )
    out = StringIO()
    with services_settings(embedded_services()):
        call_command("run_maintenance", stdout=out)
    lines = out.getvalue().splitlines()
    # Statistics first (they count jobs the pruning deletes), then every other step once.
    assert lines[0].startswith("[1/5] daily_stats refreshed (days): ")
    assert [line.split("] ")[0] for line in lines[:-1]] == [f"[{n}/5" for n in range(1, 6)]
    assert any(line.endswith("] expired cache rows purged: 1") for line in lines)
    assert lines[-1] == "Maintenance done."


def test_the_command_can_queue_it_instead() -> None:
    from django_tasks_db.models import DBTaskResult

    out = StringIO()
    with services_settings(embedded_services()):
        call_command("run_maintenance", "--enqueue", stdout=out)
    assert DBTaskResult.objects.get().task_path == "apps.tasks.tasks.run_maintenance"
    assert "queued" in out.getvalue()
