"""queue_stats() of both task backends: what /metrics and the home page report."""

from __future__ import annotations

import pytest
from django.tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from apps.tasks.base import default_worker_backend
from tests.probes import noop
from tests.queues import QueueSetup

pytestmark = pytest.mark.django_db(transaction=True)


def test_enqueued_tasks_count_as_queued_until_a_worker_takes_them(queue: QueueSetup) -> None:
    before = default_worker_backend.queue_stats()
    noop.enqueue()
    noop.enqueue()
    after = default_worker_backend.queue_stats()
    assert after == {**before, "queued": before["queued"] + 2}


def test_failed_and_running_tasks_are_counted_apart(embedded: QueueSetup) -> None:
    first, second, _ready = (noop.enqueue() for _ in range(3))
    DBTaskResult.objects.filter(id=first.id).update(status=TaskResultStatus.FAILED)
    DBTaskResult.objects.filter(id=second.id).update(status=TaskResultStatus.RUNNING)
    assert default_worker_backend.queue_stats() == {"queued": 1, "running": 1, "failed": 1}
