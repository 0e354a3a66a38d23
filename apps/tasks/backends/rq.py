"""Redis task backend: Django's task API on django-rq queues, RQ workers, RQ's own retries.

django-tasks-rq targets the django-tasks backport, whose Task class is not Django 6's, so this
small backend maps `django.tasks` onto django-rq directly. RQ requeues a task whose worker died
(abandoned job) while it has retries left.
"""

from __future__ import annotations

import logging
import uuid
from datetime import datetime
from io import TextIOBase
from typing import Any

import django_rq
from django.conf import settings
from django.db import close_old_connections
from django.tasks import TaskResult, TaskResultStatus, task_backends
from django.tasks.backends.base import BaseTaskBackend
from django.tasks.base import TaskError
from django.tasks.exceptions import TaskResultDoesNotExist
from django.utils import timezone
from django.utils.module_loading import import_string
from rq import Retry
from rq.exceptions import NoSuchJobError
from rq.job import Job, JobStatus
from rq.registry import FailedJobRegistry, FinishedJobRegistry
from rq.worker import Worker as RQWorker

from apps.tasks.base import SublarrTask
from sublarr.services import rq_queue_name

logger = logging.getLogger(__name__)

STATUSES = {
    JobStatus.QUEUED: TaskResultStatus.READY,
    JobStatus.DEFERRED: TaskResultStatus.READY,
    JobStatus.SCHEDULED: TaskResultStatus.READY,
    JobStatus.STARTED: TaskResultStatus.RUNNING,
    JobStatus.FINISHED: TaskResultStatus.SUCCESSFUL,
    JobStatus.FAILED: TaskResultStatus.FAILED,
    JobStatus.STOPPED: TaskResultStatus.FAILED,
    JobStatus.CANCELED: TaskResultStatus.FAILED,
}


def execute(task_path: str, args: list[Any], kwargs: dict[str, Any]) -> Any:
    """What RQ runs: the Task object is not callable, its function is."""
    close_old_connections()
    try:
        return import_string(task_path).call(*args, **kwargs)
    finally:
        close_old_connections()


class RQBackend(BaseTaskBackend):
    task_class = SublarrTask
    supports_defer = True
    supports_get_result = True

    def __init__(self, alias: str, params: dict[str, Any]) -> None:
        super().__init__(alias, params)
        self.prefix = self.options.get("prefix", "sublarr")
        self._queues_cache: dict[str, Any] = {}

    def queue(self, name: str) -> Any:
        # One queue (and Redis connection pool) per backend and name: django-rq builds a new
        # connection on every get_queue().
        if name not in self._queues_cache:
            self._queues_cache[name] = django_rq.get_queue(rq_queue_name(self.prefix, name))
        return self._queues_cache[name]

    def enqueue(  # type: ignore[override]  # task_class is SublarrTask: Django hands it nothing else
        self, task: SublarrTask, args: Any, kwargs: Any
    ) -> TaskResult:
        self.validate_task(task)
        queue = self.queue(task.queue_name)
        options: dict[str, Any] = {
            "args": (task.module_path, list(args), dict(kwargs)),
            "description": task.module_path,
            "meta": {"backend": self.alias},
            "result_ttl": settings.TASKS_RESULT_TTL_SECONDS,
            "failure_ttl": settings.TASKS_RESULT_TTL_SECONDS,
        }
        if task.max_retries:
            intervals = [int(task.delay_before(n).total_seconds()) for n in range(1, task.max_retries + 1)]
            options["retry"] = Retry(max=task.max_retries, interval=intervals)
        options["job_id"] = job_id = uuid.uuid4().hex
        if task.run_after is not None:
            job = queue.enqueue_at(task.run_after, execute, **options)
        else:
            job = queue.enqueue(execute, **options)
        if job is None:
            # Inside a transaction django-rq enqueues on commit (as a database row would appear).
            return self._pending(task, job_id, list(args), dict(kwargs))
        return self._result(task, job)

    def _pending(self, task: SublarrTask, job_id: str, args: list[Any], kwargs: dict[str, Any]) -> TaskResult:
        return TaskResult(
            task=task,
            id=job_id,
            status=TaskResultStatus.READY,
            enqueued_at=timezone.now(),
            started_at=None,
            finished_at=None,
            last_attempted_at=None,
            args=args,
            kwargs=kwargs,
            backend=self.alias,
            errors=[],
            worker_ids=[],
        )

    def _result(self, task: SublarrTask, job: Job) -> TaskResult:
        status = STATUSES.get(job.get_status(refresh=False), TaskResultStatus.READY)
        results = job.results() if status in (TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED) else []
        result: TaskResult[Any, Any] = TaskResult(
            task=task,
            id=job.id,
            status=status,
            enqueued_at=job.enqueued_at,
            started_at=job.started_at,
            finished_at=job.ended_at,
            last_attempted_at=job.started_at,
            args=job.args[1] if job.args else [],
            kwargs=job.args[2] if job.args else {},
            backend=self.alias,
            errors=[
                TaskError(exception_class_path="builtins.Exception", traceback=r.exc_string or "")
                for r in results
                if r.type == r.Type.FAILED
            ],
            worker_ids=[r.worker_name for r in results if r.worker_name],
        )
        if status == TaskResultStatus.SUCCESSFUL:
            object.__setattr__(result, "_return_value", job.return_value())
        return result

    def get_result(self, result_id: str) -> TaskResult:
        try:
            job = Job.fetch(result_id, connection=self.queue("default").connection)
        except NoSuchJobError:
            raise TaskResultDoesNotExist(result_id) from None
        task = import_string(job.args[0]) if job.args else None
        if task is None:
            raise TaskResultDoesNotExist(result_id)
        return self._result(task, job)

    def _queues(self) -> list[Any]:
        return [self.queue(name) for name in sorted(self.queues)]

    def run_worker(
        self, *, burst: bool, worker_id: str | None, stdout: TextIOBase, signals: bool = True, **_: Any
    ) -> None:
        # RQ installs its own signal handlers (warm shutdown on SIGTERM, then cold).
        queues = self._queues()
        # RQ's forking worker: each task runs in a child, so a crash or leak stays there, and a
        # killed worker's task is found abandoned after about a minute. No thread of ours may run
        # here: a child forked while it held a lock hangs (the schedule ticks in the server).
        worker = django_rq.get_worker(*[q.name for q in queues], name=worker_id)
        stdout.write(f"RQ worker {worker.name} on {', '.join(q.name for q in queues)}\n")
        worker.work(burst=burst, with_scheduler=True)

    def purge_finished(self, before: datetime) -> int:
        purged = 0
        for queue in self._queues():
            for registry in (FinishedJobRegistry(queue=queue), FailedJobRegistry(queue=queue)):
                ids = registry.get_job_ids()
                for job in Job.fetch_many(ids, connection=queue.connection):
                    if job is not None and job.ended_at and job.ended_at < before:
                        registry.remove(job, delete_job=True)
                        purged += 1
        return purged

    def pending_count(self) -> int:
        return sum(q.count + q.started_job_registry.count for q in self._queues())

    def worker_count(self) -> int:
        workers: set[str] = set()
        for queue in self._queues():
            workers.update(w.name for w in RQWorker.all(queue=queue))
        return len(workers)

    def running_task_paths(self) -> set[str]:
        paths = set()
        for queue in self._queues():
            ids = queue.started_job_registry.get_job_ids()
            for job in Job.fetch_many(ids, connection=queue.connection):
                if job is not None and job.args:
                    paths.add(str(job.args[0]))
        return paths

    def queue_stats(self) -> dict[str, int]:
        """Tasks waiting, running and failed for good (RQ keeps failed jobs in its registry)."""
        queues = self._queues()
        return {
            "queued": sum(q.count for q in queues),
            "running": sum(q.started_job_registry.count for q in queues),
            "failed": sum(q.failed_job_registry.count for q in queues),
        }


def in_use() -> bool:
    """Whether tasks go to Redis: the configured default backend, not a guess from the settings."""
    return isinstance(task_backends["default"], RQBackend)
