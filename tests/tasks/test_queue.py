"""The task queue for real: worker processes, a killed worker, retries; embedded and with Redis."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.tasks import TaskResultStatus, default_task_backend, task_backends

from apps.tasks.backends.rq import RQBackend
from apps.tasks.base import SublarrTask
from tests.probes import always_fail, touch_file
from tests.queues import QueueSetup, wait_for

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


def lines(path: Path) -> list[str]:
    return path.read_text().split() if path.exists() else []


def test_an_enqueued_task_is_run_by_a_worker_process(queue: QueueSetup, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    result = touch_file.enqueue(str(marker))
    worker = queue.start_worker()

    wait_for(lambda: lines(marker), timeout=30)
    assert lines(marker) == [str(worker.pid)] or queue.name == "redis"  # RQ runs tasks in a forked child
    finished = wait_for(lambda: (r := default_task_backend.get_result(result.id)).is_finished and r)
    assert finished.status == TaskResultStatus.SUCCESSFUL, queue.logs()
    assert finished.return_value == int(lines(marker)[0])


def test_a_task_survives_its_worker_being_killed_mid_task(queue: QueueSetup, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    result = touch_file.enqueue(str(marker), sleep=3.0)
    first = queue.start_worker()
    wait_for(lambda: default_task_backend.get_result(result.id).status == TaskResultStatus.RUNNING)
    queue.kill(first)
    assert lines(marker) == []  # it died before finishing

    if queue.name == "redis":
        # RQ notices an abandoned job once its heartbeat lapses (60 s at least) during a worker's
        # registry maintenance; run that maintenance as if that time had passed.
        import time

        backend = task_backends["default"]
        assert isinstance(backend, RQBackend)
        queue_ = backend.queue("default")
        queue_.started_job_registry.cleanup(timestamp=time.time() + 3600)
    queue.start_worker()

    finished = wait_for(
        lambda: (r := default_task_backend.get_result(result.id)).is_finished and r, timeout=60
    )
    assert finished.status == TaskResultStatus.SUCCESSFUL, queue.logs()
    assert len(lines(marker)) == 1


def test_retries_stop_at_the_limit(queue: QueueSetup, tmp_path: Path) -> None:
    attempts = tmp_path / "attempts"
    result = always_fail.enqueue(str(attempts))
    queue.start_worker()

    finished = wait_for(
        lambda: (r := default_task_backend.get_result(result.id)).is_finished and r, timeout=60
    )
    assert finished.status == TaskResultStatus.FAILED
    # Wait a little longer: no fourth attempt may come.
    import time

    time.sleep(2)
    assert isinstance(always_fail, SublarrTask)
    assert len(lines(attempts)) == 1 + always_fail.max_retries == 3
    assert "failing on purpose" in finished.errors[-1].traceback
